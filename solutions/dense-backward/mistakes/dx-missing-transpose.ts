import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'dx = dout·W, missing the transpose',
    'zh-CN': 'dx = dout·W，漏了转置',
  },
  explanation: {
    en:
      'dout is N×M and W is D×M, so dout·W only multiplies when D = M, and then gives the wrong values. dX must be N×D ' +
      'like X, and the product with that shape is dout·Wᵀ: (N×M)·(M×D).',
    'zh-CN':
      'dout 是 N×M，W 是 D×M，所以 dout·W 只有在 D = M 时才能相乘，而且得到的值是错的。dX 必须与 X 一样是 N×D，' +
      '具有这个形状的乘积是 dout·Wᵀ：(N×M)·(M×D)。',
  },
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dw, db } = correctBackward(dout, cache);
  return { dx: matmul(dout, cache.w), dw, db };
}
