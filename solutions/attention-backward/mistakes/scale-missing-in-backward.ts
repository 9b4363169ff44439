import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransA, matmulTransB, matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionCache, AttentionGradients } from '../attention.ts';
export { attentionForward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'the 1/√d scale forgotten in the backward pass',
    'zh-CN': '反向传播漏掉了 1/√d',
  },
  explanation: {
    en:
      'The forward pass divides q·kᵀ by √d before the softmax, so by the chain rule the gradient on q·kᵀ is the ' +
      'gradient on the scaled scores times 1/√d. Without that factor dq and dk come out √d times too large, ' +
      'while dv (which does not go through the scores) is right.',
    'zh-CN':
      '前向传播在 softmax 之前把 q·kᵀ 除以了 √d，所以由链式法则，q·kᵀ 上的梯度等于缩放后分数上的梯度再乘以 1/√d。少了这个系数，dq 和 dk 会大 √d 倍，而 dv（不经过分数）是对的。',
  },
};

export function attentionBackward(dout: Matrix, cache: AttentionCache): AttentionGradients {
  const { q, k, v, p } = cache;
  const T = p.rows;
  const S = p.cols;
  if (dout.rows !== T || dout.cols !== v.cols) {
    throw new Error(`attentionBackward: dout is ${shapeOf(dout)} but out is ${T}×${v.cols} (dout must have the shape of out)`);
  }
  const dv = matmulTransA(p, dout); // S×dv: value j collects Σᵢ p[i][j]·dout[i]
                                    // S×dv：值 j 收集 Σᵢ p[i][j]·dout[i]
  const dp = matmulTransB(dout, v); // T×S: ∂L/∂p
  const ds = matrix(T, S); // ∂L/∂(scaled scores), row by row through the softmax
                           // ∂L/∂（缩放后的分数），逐行经过 softmax
  for (let i = 0; i < T; i++) {
    const r = i * S;
    let dot = 0;
    for (let j = 0; j < S; j++) dot += p.data[r + j] * dp.data[r + j];
    for (let j = 0; j < S; j++) ds.data[r + j] = p.data[r + j] * (dp.data[r + j] - dot);
  }
  const dq = matmul(ds, k); // T×d
  const dk = matmulTransA(ds, q); // S×d
  return { dq, dk, dv };
}