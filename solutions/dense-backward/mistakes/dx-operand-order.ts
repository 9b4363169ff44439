import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransB, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'dx computed as W·doutᵀ, the operands swapped',
  explanation:
    'W·doutᵀ is D×N: the transpose of dX. dX must have the shape of X, N×D, which fixes the order of the product: ' +
    'dout (N×M) on the left, Wᵀ (M×D) on the right.',
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dw, db } = correctBackward(dout, cache);
  return { dx: matmulTransB(cache.w, dout), dw, db };
}
