/** A dense layer whose dw adds up only the first 32 examples (a batch size of 32 as a loop bound): right for N ≤ 32. */
import { matmulTransA, takeRows, type Matrix } from '../../solutions/lib/index.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../../solutions/dense-backward/dense.ts';
export { denseForward } from '../../solutions/dense-backward/dense.ts';

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, db } = correctBackward(dout, cache);
  const first = Array.from({ length: Math.min(32, dout.rows) }, (_, n) => n);
  return { dx, dw: matmulTransA(takeRows(cache.x, first), takeRows(dout, first)), db };
}
