import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { lossAndGradients, type MLP, type TrainOptions } from '../mlp.ts';
import { descend, runEpochs } from './_variants.ts';
export { createMLP, forward, lossAndGradients } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'the biases are never updated',
    'zh-CN': '偏置从未更新',
  },
  explanation: {
    en:
      'lossAndGradients returns dBiases, but the SGD step only moves the weights, so every bias keeps its initial 0. ' +
      'Update both in every layer: W ← W − η·dW and b ← b − η·db.',
    'zh-CN':
      'lossAndGradients 返回了 dBiases，但 SGD 这一步只更新了权重，所以每个偏置都停在初始值 0。每一层的权重和偏置都要更新：' +
      'W ← W − η·dW，b ← b − η·db。',
  },
};

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, (xb, yb) => {
    const grads = lossAndGradients(net, xb, yb);
    net.weights.forEach((w, l) => descend(w.data, grads.dWeights[l].data, options.learningRate));
    return grads.loss;
  });
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['    descend(net.biases[l], grads.dBiases[l], learningRate);', '    descend(grads.dBiases[l], net.biases[l], learningRate);'],
  ],
};
