import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import {
  denseBackward as correctBackward,
  denseForward as correctForward,
  type DenseCache,
  type DenseForwardResult,
  type DenseGradients,
} from '../dense.ts';

export const mistake: Mistake = {
  title: 'backward reads the latest forward pass instead of its cache',
  explanation:
    'A network runs the forward pass of every layer (and a training loop, of every batch) before the backward passes, ' +
    'so a module-level variable set by denseForward holds another call\'s x and w. Read x and w from the cache argument: ' +
    'it belongs to this very dout.',
};

let latest: DenseCache | undefined;

export function denseForward(x: Matrix, w: Matrix, b: Float64Array): DenseForwardResult {
  const result = correctForward(x, w, b);
  latest = result.cache;
  return result;
}

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  return correctBackward(dout, latest ?? cache);
}
