import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransA, matmulTransB, matmul, matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { AttentionCache, AttentionGradients } from '../attention.ts';
export { attentionForward } from '../attention.ts';

export const mistake: Mistake = {
  title: {
    en: 'dv computed as P·dout instead of Pᵀ·dout',
    'zh-CN': 'dv 算成了 P·dout 而不是 Pᵀ·dout',
  },
  explanation: {
    en:
      'out = P·v, so value row j reaches every out[i] with weight p[i][j]: dv[j] = Σᵢ p[i][j]·dout[i], which is ' +
      'Pᵀ·dout (S×T by T×dv gives S×dv). P·dout only fits when T = S, and then sums along the wrong index: it ' +
      'gives each value the weights of a query instead of the weights it received.',
    'zh-CN':
      'out = P·v，所以值的第 j 行以权重 p[i][j] 进入每个 out[i]：dv[j] = Σᵢ p[i][j]·dout[i]，即 Pᵀ·dout（S×T 乘 T×dv 得 ' +
      'S×dv）。P·dout 只有在 T = S 时形状才对得上，而且求和的下标错了：它给每个值的是某个查询的权重，而不是这个值收到的权重。',
  },
};

export function attentionBackward(dout: Matrix, cache: AttentionCache): AttentionGradients {
  const { q, k, v, scale, p } = cache;
  const T = p.rows;
  const S = p.cols;
  if (dout.rows !== T || dout.cols !== v.cols) {
    throw new Error(`attentionBackward: dout is ${shapeOf(dout)} but out is ${T}×${v.cols} (dout must have the shape of out)`);
  }
  const dv = matmul(p, dout);
  const dp = matmulTransB(dout, v); // T×S: ∂L/∂p
  const ds = matrix(T, S); // ∂L/∂(scaled scores), row by row through the softmax
                           // ∂L/∂（缩放后的分数），逐行经过 softmax
  for (let i = 0; i < T; i++) {
    const r = i * S;
    let dot = 0;
    for (let j = 0; j < S; j++) dot += p.data[r + j] * dp.data[r + j];
    for (let j = 0; j < S; j++) ds.data[r + j] = p.data[r + j] * (dp.data[r + j] - dot) * scale;
  }
  const dq = matmul(ds, k); // T×d
  const dk = matmulTransA(ds, q); // S×d
  return { dq, dk, dv };
}