import type { Mistake } from '../../../grader/core/mistakes.ts';
import { meanRows, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'db averaged over the batch instead of summed',
  explanation:
    'b is added to every one of the N rows of out, so every row of dout flows back into the same b: db = Σₙ dout[n], ' +
    'a sum. If the loss is a mean over the batch, its 1/N is already inside dout; dividing again makes db N times too small.',
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, dw } = correctBackward(dout, cache);
  return { dx, dw, db: meanRows(dout) };
}
