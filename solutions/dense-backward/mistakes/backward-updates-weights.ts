import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'backward also updates the weights',
  explanation:
    'denseBackward must only compute gradients; the update w ← w − lr·dw is the optimizer\'s job. Changing w in place ' +
    'silently changes the caller\'s parameters and the cache, so a second backward pass or a gradient check reads other weights.',
};

const LEARNING_RATE = 0.01;

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const grads = correctBackward(dout, cache);
  const w = cache.w.data;
  for (let i = 0; i < w.length; i++) w[i] -= LEARNING_RATE * grads.dw.data[i];
  return grads;
}
