import type { Mistake } from '../../../grader/core/mistakes.ts';
import { scale, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'dw divided by the batch size',
  explanation:
    'Xᵀ·dout already adds up the contribution of every example, and that sum is the gradient. If the loss is a mean ' +
    'over the batch, its 1/N is already inside dout; dividing dW by N again makes it N times too small.',
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, dw, db } = correctBackward(dout, cache);
  return { dx, dw: scale(dw, 1 / dout.rows), db };
}
