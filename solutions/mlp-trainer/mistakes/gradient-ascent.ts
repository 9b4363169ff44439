import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { lossAndGradients, type MLP, type TrainOptions } from '../mlp.ts';
import { runEpochs, sgdBatch } from './_variants.ts';
export { createMLP, forward, lossAndGradients } from '../mlp.ts';

export const mistake: Mistake = {
  title: 'gradient ascent: the update adds the gradient',
  explanation:
    'The gradient points uphill, towards a larger loss, so SGD steps against it: W ← W − η·dW and b ← b − η·db. ' +
    'Adding η·dW climbs the loss, which then grows epoch after epoch.',
};

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  // W − (−η)·dW = W + η·dW
  return runEpochs(x, y, options, sgdBatch(net, lossAndGradients, -options.learningRate));
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['  for (let k = 0; k < p.length; k++) p[k] -= learningRate * g[k];', '  for (let k = 0; k < p.length; k++) p[k] += learningRate * g[k];'],
  ],
};
