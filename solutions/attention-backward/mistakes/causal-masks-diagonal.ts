import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionForwardResult, AttentionOptions } from '../attention.ts';
export { attentionBackward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'the causal mask also masks the diagonal (j ≥ i)',
    'zh-CN': '因果掩码把对角线也屏蔽了（j ≥ i）',
  },
  explanation: {
    en:
      'PyTorch’s is_causal masks j > i: query i sees keys 0 … i, itself included (a token attends to itself ' +
      'when predicting the next one). Masking j ≥ i hides each position from itself and leaves query 0 with no ' +
      'key at all: an empty row, whose softmax is 0/0 (NaN with −inf scores).',
    'zh-CN':
      'PyTorch 的 is_causal 屏蔽的是 j > i：查询 i 能看到键 0 … i，包括它自己（预测下一个 token 时会关注自身）。屏蔽 j ≥ i 会让每个位置看不到自己，并让查询 0 ' +
      '一个键也没有：这一行为空，它的 softmax 是 0/0（用 −inf 做掩码时就是 NaN）。',
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
    const last = causal ? Math.min(i - 1, S - 1) : S - 1;
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