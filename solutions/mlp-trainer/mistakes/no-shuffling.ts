import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { lossAndGradients, type MLP, type TrainOptions } from '../mlp.ts';
import { runEpochs, sgdBatch } from './_variants.ts';
export { createMLP, forward, lossAndGradients } from '../mlp.ts';

export const mistake: Mistake = {
  title: 'the examples are never shuffled',
  explanation:
    'The mini-batches are taken in the order of the rows of x, the same every epoch, so SGD sees the same batches in the ' +
    'same order and any ordering in the data (sorted labels, say) biases every step. Start every epoch with ' +
    'order = permutation(N, rng) and take the batches from x rows order[0..B), order[B..2B), …',
};

/** The rows in their original order, every epoch: the rng is never used. */
function inOrder(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, sgdBatch(net, lossAndGradients, options.learningRate), inOrder);
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['    const rows = permutation(n, rng);', '    const rows = permutation(n, rng).sort();'],
  ],
};
