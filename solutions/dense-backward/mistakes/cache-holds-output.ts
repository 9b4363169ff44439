import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { denseForward as correctForward, type DenseForwardResult } from '../dense.ts';
export { denseBackward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'the cache holds the output instead of the input',
  explanation:
    'dW = Xᵀ·dout needs the layer\'s input X. With out (N×M) cached in its place, dW becomes outᵀ·dout, an M×M ' +
    'matrix. Cache what the backward formulas read: x and w. (Caching the output is right for σ, not here.)',
};

export function denseForward(x: Matrix, w: Matrix, b: Float64Array): DenseForwardResult {
  const { out } = correctForward(x, w, b);
  return { out, cache: { x: out, w } };
}
