import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'dx = dout·W, missing the transpose',
  explanation:
    'dout is N×M and W is D×M, so dout·W only multiplies when D = M, and then gives the wrong values. dX must be N×D ' +
    'like X, and the product with that shape is dout·Wᵀ: (N×M)·(M×D).',
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dw, db } = correctBackward(dout, cache);
  return { dx: matmul(dout, cache.w), dw, db };
}
