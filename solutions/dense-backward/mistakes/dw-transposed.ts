import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransA, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'dw transposed: doutᵀ·X instead of Xᵀ·dout',
  explanation:
    'A gradient has the shape of its parameter: W is D×M, so dW must be D×M. Of the products of X (N×D) and dout (N×M), ' +
    'only Xᵀ·dout is D×M; doutᵀ·X is its M×D transpose, which even has the right shape when D = M.',
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, db } = correctBackward(dout, cache);
  return { dx, dw: matmulTransA(dout, cache.x), db };
}
