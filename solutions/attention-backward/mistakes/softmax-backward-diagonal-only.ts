import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransA, matmulTransB, matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionCache, AttentionGradients } from '../attention.ts';
export { attentionForward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'the softmax backward keeps only the Jacobian’s diagonal, P ⊙ (1 − P) ⊙ dP',
    'zh-CN': 'softmax 的反向传播只用了雅可比矩阵的对角线：P ⊙ (1 − P) ⊙ dP',
  },
  explanation: {
    en:
      'Each score s[i][j] moves every weight of row i (they share the denominator), so ∂p_ij/∂s_ik = p_ij·(δ_jk ' +
      '− p_ik) is not 0 off the diagonal. Keeping only the diagonal treats softmax like an elementwise sigmoid. ' +
      'With every term, row i of dS is P ⊙ (dP − rowsum(dP ⊙ P)).',
    'zh-CN':
      '每个分数 s[i][j] 都会改变第 i 行的所有权重（它们共用分母），所以 ∂p_ij/∂s_ik = p_ij·(δ_jk − p_ik) 在非对角线上不为 0。只保留对角线等于把 softmax ' +
      '当成逐元素的 sigmoid。算上所有项，dS 的第 i 行是 P ⊙ (dP − rowsum(dP ⊙ P))。',
  },
};

export function attentionBackward(dout: Matrix, cache: AttentionCache): AttentionGradients {
  const { q, k, v, scale, p } = cache;
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
    for (let j = 0; j < S; j++) ds.data[r + j] = p.data[r + j] * (1 - p.data[r + j]) * dp.data[r + j] * scale;
  }
  const dq = matmul(ds, k); // T×d
  const dk = matmulTransA(ds, q); // S×d
  return { dq, dk, dv };
}