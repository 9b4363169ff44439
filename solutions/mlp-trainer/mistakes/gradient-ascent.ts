import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { lossAndGradients, type MLP, type TrainOptions } from '../mlp.ts';
import { runEpochs, sgdBatch } from './_variants.ts';
export { createMLP, forward, lossAndGradients } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'gradient ascent: the update adds the gradient',
    'zh-CN': '梯度上升：更新时加上了梯度',
  },
  explanation: {
    en:
      'The gradient points uphill, towards a larger loss, so SGD steps against it: W ← W − η·dW and b ← b − η·db. ' +
      'Adding η·dW climbs the loss, which then grows epoch after epoch.',
    'zh-CN':
      '梯度指向上坡，即损失增大的方向，所以 SGD 要逆着它走：W ← W − η·dW，b ← b − η·db。加上 η·dW 是在往损失高处爬，损失会一轮比一轮大。',
  },
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
