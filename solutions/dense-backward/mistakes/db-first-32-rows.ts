import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'db sums a fixed 32 rows (the batch size written into the code)',
  explanation:
    'db = Σₙ dout[n] must add up every row of dout, however many there are: the MNIST trainer uses batches of 32, but ' +
    'an evaluation pass, a last partial batch or another trainer does not. A loop bound of 32 (or of options.batchSize) ' +
    'gives the right db for N ≤ 32 and silently drops rows beyond it. Loop to dout.rows.',
};

const BATCH_SIZE = 32;

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, dw } = correctBackward(dout, cache);
  const db = new Float64Array(dout.cols);
  for (let n = 0; n < Math.min(BATCH_SIZE, dout.rows); n++) {
    for (let j = 0; j < dout.cols; j++) db[j] += dout.data[n * dout.cols + j];
  }
  return { dx, dw, db };
}
