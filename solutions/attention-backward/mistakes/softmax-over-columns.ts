import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionForwardResult, AttentionOptions } from '../attention.ts';
export { attentionBackward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'softmax taken over each column (the queries) instead of each row (the keys)',
    'zh-CN': 'softmax 对每一列（查询）做，而不是对每一行（键）做',
  },
  explanation: {
    en:
      'Each query distributes one unit of attention over the keys it sees: the softmax runs along row i of the ' +
      'T×S scores, over j (torch.softmax(s, dim=-1)). Normalising each column makes every key’s weights sum to ' +
      '1 over the queries instead, so a query’s weights no longer sum to 1 and out is not a weighted average of ' +
      'the values.',
    'zh-CN':
      '每个查询把一份注意力分配给它能看到的键：softmax 沿 T×S 分数矩阵的第 i 行、对 j 做（torch.softmax(s, dim=-1)）。对每一列归一化，变成了每个键在各查询上的权重和为 ' +
      '1，于是一个查询的权重和不再是 1，out 也不再是值的加权平均。',
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
    for (let j = 0; j < S; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += q.data[i * d + c] * k.data[j * d + c];
      p.data[i * S + j] = causal && j > i ? -Infinity : s * scale;
    }
  }
  for (let j = 0; j < S; j++) {
    let max = -Infinity;
    for (let i = 0; i < T; i++) max = Math.max(max, p.data[i * S + j]);
    let sum = 0;
    for (let i = 0; i < T; i++) {
      p.data[i * S + j] = Math.exp(p.data[i * S + j] - max);
      sum += p.data[i * S + j];
    }
    for (let i = 0; i < T; i++) p.data[i * S + j] /= sum;
  }
  const out = matmul(p, v);
  return { out, cache: { q, k, v, causal, scale, p } };
}