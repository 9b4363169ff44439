import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { lossAndGradients, type MLP, type TrainOptions } from '../mlp.ts';
import { runEpochs, sgdBatch } from './_variants.ts';
export { createMLP, forward, lossAndGradients } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'the examples are never shuffled',
    'zh-CN': '样本从未打乱',
  },
  explanation: {
    en:
      'The mini-batches are taken in the order of the rows of x, the same every epoch, so SGD sees the same batches in the ' +
      'same order and any ordering in the data (sorted labels, say) biases every step. Start every epoch with ' +
      'order = permutation(N, rng) and take the batches from x rows order[0..B), order[B..2B), …',
    'zh-CN':
      '小批量按 x 的行序依次取，每轮都一样，于是 SGD 每轮都以相同的顺序看到相同的批量，数据本身的任何顺序（比如按标签排好序）都会让每一步产生偏差。' +
      '每轮开始时先 order = permutation(N, rng)，再按 order[0..B)、order[B..2B)、… 从 x 中取行组成批量。',
  },
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
