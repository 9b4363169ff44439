import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionForwardResult, AttentionOptions } from '../attention.ts';
export { attentionBackward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'scores scaled by 1/d instead of 1/√d',
    'zh-CN': '分数乘的是 1/d 而不是 1/√d',
  },
  explanation: {
    en:
      'The variance of q·k is d (for entries of variance 1), so its standard deviation is √d: dividing by √d ' +
      'brings the scores back to variance 1. Dividing by d shrinks them to variance 1/d, so for large d every ' +
      'row’s softmax becomes nearly uniform. The two agree only at d = 1.',
    'zh-CN':
      'q·k 的方差是 d（元素方差为 1 时），标准差是 √d：除以 √d 才能让分数的方差回到 1。除以 d 会把方差缩到 1/d，d 大时每行的 softmax 都接近均匀分布。两者只在 d = 1 时相同。',
  },
};

export function attentionForward(q: Matrix, k: Matrix, v: Matrix, options: AttentionOptions = {}): AttentionForwardResult {
  const causal = options.causal ?? false;
  if (q.cols !== k.cols) throw new Error(`attentionForward: q is ${shapeOf(q)} but k is ${shapeOf(k)} (q and k need the same d columns)`);
  if (k.rows !== v.rows) throw new Error(`attentionForward: k is ${shapeOf(k)} but v is ${shapeOf(v)} (one value row per key: the same S rows)`);
  const T = q.rows;
  const S = k.rows;
  const d = q.cols;
  const scale = 1 / d;
  const p = matrix(T, S);
  for (let i = 0; i < T; i++) {
    const r = i * S;
    // Query i sees keys 0 … last (all of them without the mask).
    // 查询 i 能看到键 0 … last（不加掩码时是全部键）。
    const last = causal ? Math.min(i, S - 1) : S - 1;
    let max = -Infinity;
    for (let j = 0; j <= last; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += q.data[i * d + c] * k.data[j * d + c];
      p.data[r + j] = s * scale;
      max = Math.max(max, p.data[r + j]);
    }
    // Subtracting the row's maximum keeps every exponent ≤ 0: no overflow for large scores.
    // 减去该行的最大值，每个指数都 ≤ 0：分数很大时也不会上溢。
    let sum = 0;
    for (let j = 0; j <= last; j++) {
      p.data[r + j] = Math.exp(p.data[r + j] - max);
      sum += p.data[r + j];
    }
    for (let j = 0; j <= last; j++) p.data[r + j] /= sum;
    for (let j = last + 1; j < S; j++) p.data[r + j] = 0; // masked: probability 0
                                                          // 被屏蔽：概率为 0
  }
  const out = matmul(p, v);
  return { out, cache: { q, k, v, causal, scale, p } };
}