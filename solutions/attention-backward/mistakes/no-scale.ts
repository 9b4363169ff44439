import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionForwardResult, AttentionOptions } from '../attention.ts';
export { attentionBackward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'attention without the 1/√d scale',
    'zh-CN': '注意力没有乘 1/√d',
  },
  explanation: {
    en:
      'The scores are q·kᵀ/√d, not q·kᵀ. With entries of variance 1, q·k is a sum of d products and has ' +
      'variance d, so without the scale the scores grow like √d, the softmax saturates towards one-hot and its ' +
      'gradients vanish. Dividing by √d keeps the scores of variance 1 whatever d is (and the backward pass ' +
      'carries the same factor).',
    'zh-CN':
      '分数是 q·kᵀ/√d，而不是 q·kᵀ。元素方差为 1 时，q·k 是 d 个乘积之和，方差为 d，所以不缩放的话分数按 √d 增长，softmax 趋于 one-hot，梯度随之消失。除以 √d 后，无论 ' +
      'd 多大分数的方差都是 1（反向传播也带着同一个系数）。',
  },
};

export function attentionForward(q: Matrix, k: Matrix, v: Matrix, options: AttentionOptions = {}): AttentionForwardResult {
  const causal = options.causal ?? false;
  if (q.cols !== k.cols) throw new Error(`attentionForward: q is ${shapeOf(q)} but k is ${shapeOf(k)} (q and k need the same d columns)`);
  if (k.rows !== v.rows) throw new Error(`attentionForward: k is ${shapeOf(k)} but v is ${shapeOf(v)} (one value row per key: the same S rows)`);
  const T = q.rows;
  const S = k.rows;
  const d = q.cols;
  const scale = 1;
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