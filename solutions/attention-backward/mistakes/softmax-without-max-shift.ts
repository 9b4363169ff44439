import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionForwardResult, AttentionOptions } from '../attention.ts';
export { attentionBackward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'softmax without subtracting the row maximum (NaN for large scores)',
    'zh-CN': 'softmax 没有先减去每行的最大值（分数大时得到 NaN）',
  },
  explanation: {
    en:
      'exp(s) overflows to Infinity for s above about 709, and Infinity/Infinity is NaN: with scores of order ' +
      '1e4 the weights, out and every gradient become NaN. softmax is unchanged by subtracting a constant from ' +
      'a row, so subtract the row’s largest unmasked score first: every exponent is then ≤ 0 and nothing ' +
      'overflows.',
    'zh-CN':
      's 大于约 709 时 exp(s) 上溢为 Infinity，而 Infinity/Infinity 是 NaN：分数达到 1e4 量级时，权重、out 和所有梯度都会变成 ' +
      'NaN。一行减去同一个常数，softmax 不变，所以先减去该行未被屏蔽的最大分数：这样每个指数都 ≤ 0，不会上溢。',
  },
};

export function attentionForward(q: Matrix, k: Matrix, v: Matrix, options: AttentionOptions = {}): AttentionForwardResult {
  const causal = options.causal ?? false;
  if (q.cols !== k.cols) throw new Error(`attentionForward: q is ${shapeOf(q)} but k is ${shapeOf(k)} (q and k need the same d columns)`);
  if (k.rows !== v.rows) throw new Error(`attentionForward: k is ${shapeOf(k)} but v is ${shapeOf(v)} (one value row per key: the same S rows)`);
  const T = q.rows;
  const S = k.rows;
  const d = q.cols;
  const scale = 1 / Math.sqrt(d);
  const p = matrix(T, S);
  for (let i = 0; i < T; i++) {
    const r = i * S;
    // Query i sees keys 0 … last (all of them without the mask).
    // 查询 i 能看到键 0 … last（不加掩码时是全部键）。
    const last = causal ? Math.min(i, S - 1) : S - 1;
    for (let j = 0; j <= last; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += q.data[i * d + c] * k.data[j * d + c];
      p.data[r + j] = s * scale;
    }
    let sum = 0;
    for (let j = 0; j <= last; j++) {
      p.data[r + j] = Math.exp(p.data[r + j]);
      sum += p.data[r + j];
    }
    for (let j = 0; j <= last; j++) p.data[r + j] /= sum;
    for (let j = last + 1; j < S; j++) p.data[r + j] = 0; // masked: probability 0
                                                          // 被屏蔽：概率为 0
  }
  const out = matmul(p, v);
  return { out, cache: { q, k, v, causal, scale, p } };
}