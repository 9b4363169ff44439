import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
export { bceWithLogits, crossEntropy, logSoftmax, softmax } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'softmaxBackward uses only the diagonal of the softmax Jacobian',
    'zh-CN': 'softmaxBackward 只用了 softmax 雅可比矩阵的对角线',
  },
  explanation: {
    en:
      'dz = dout·p·(1 − p) treats softmax like an elementwise sigmoid. But every z[n][k] moves every p[n][c] of its row ' +
      '(they share the denominator), so ∂p_c/∂z_k = p_c·(δ_ck − p_k) is not 0 off the diagonal. The off-diagonal terms ' +
      'add up to −p_c·Σ_{k≠c} dout_k·p_k; with them, dz = p ⊙ (dout − Σₖ dout_k·p_k) row by row.',
    'zh-CN':
      'dz = dout·p·(1 − p) 把 softmax 当成了逐元素的 sigmoid。但每个 z[n][k] 都会改变同一行的每个 p[n][c]' +
      '（它们共用分母），所以非对角线上的 ∂p_c/∂z_k = p_c·(δ_ck − p_k) 不为 0。这些非对角项加起来是 ' +
      '−p_c·Σ_{k≠c} dout_k·p_k；算上它们，逐行有 dz = p ⊙ (dout − Σₖ dout_k·p_k)。',
  },
};

export function softmaxBackward(dout: Matrix, out: Matrix): Matrix {
  if (dout.rows !== out.rows || dout.cols !== out.cols) {
    throw new Error(`softmaxBackward: dout is ${shapeOf(dout)} but out is ${shapeOf(out)}; they must have the same shape`);
  }
  const dz = matrix(out.rows, out.cols);
  for (let k = 0; k < out.data.length; k++) dz.data[k] = dout.data[k] * out.data[k] * (1 - out.data[k]);
  return dz;
}
