/** BatchNorm whose batch variance adds up only the first 32 rows (then ÷N): right for N ≤ 32, wrong beyond. */
import type { Matrix } from '../../solutions/lib/index.ts';
import { forwardWith } from '../../solutions/batchnorm-backward/mistakes/_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../../solutions/batchnorm-backward/batchnorm.ts';

function varianceOfFirst32Rows(x: Matrix, mean: Float64Array): Float64Array {
  const variance = new Float64Array(x.cols);
  for (let k = 0; k < Math.min(32, x.rows) * x.cols; k++) variance[k % x.cols] += (x.data[k] - mean[k % x.cols]) ** 2;
  return variance.map((s) => s / x.rows);
}

export const batchnormForward = forwardWith({ batchVariance: varianceOfFirst32Rows });
