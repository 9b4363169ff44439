import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransA, matmulTransB, sumRows, type Matrix } from '../../lib/matrix.ts';
import type { MLP, TrainOptions } from '../mlp.ts';
import { descend, forwardPass, outputLayer, runEpochs, timesDerivative } from './_variants.ts';
export { createMLP, forward, lossAndGradients } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'weights updated before all gradients are computed',
    'zh-CN': '还没算完所有梯度就更新了权重',
  },
  explanation: {
    en:
      'Each layer is updated as soon as its gradient is known, and δ is then carried down through the already-updated ' +
      'W⁽ˡ⁾, so the lower layers get the gradient of a different network. Compute every dW and db first (lossAndGradients), ' +
      'then update all layers.',
    'zh-CN':
      '每一层的梯度一算出来就立刻更新该层，随后 δ 又经过已经更新过的 W⁽ˡ⁾ 往下传，于是下面几层拿到的是另一个网络的梯度。' +
      '应先算出所有的 dW 和 db（lossAndGradients），再更新所有层。',
  },
};

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, (xb, yb) => {
    const pass = forwardPass(net, xb);
    const output = outputLayer(net.loss, pass.logits, yb);
    let delta = output.delta;
    for (let l = net.weights.length - 1; l >= 0; l--) {
      const input = pass.caches[l].x;
      descend(net.weights[l].data, matmulTransA(input, delta).data, options.learningRate);
      descend(net.biases[l], sumRows(delta), options.learningRate);
      // δ goes down through the weights that were just changed.
      if (l > 0) delta = timesDerivative(net.activation, matmulTransB(delta, net.weights[l]), pass.hidden[l - 1]);
    }
    return output.loss;
  });
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ["import { map, shapeOf, sub, takeRows, zipWith, type Matrix } from '../lib/matrix.ts';", "import { map, matmulTransB, shapeOf, sub, takeRows, zipWith, type Matrix } from '../lib/matrix.ts';"],
    [`/**
 * W ← W − η·dW and b ← b − η·db for every layer, in place.
 *
 * 中文：对每一层原地做 W ← W − η·dW 和 b ← b − η·db。
 */
function sgdStep(net: MLP, grads: Gradients, learningRate: number): void {
  for (let l = 0; l < net.weights.length; l++) {
    descend(net.weights[l].data, grads.dWeights[l].data, learningRate);
    descend(net.biases[l], grads.dBiases[l], learningRate);
  }
}

`, ''],
    [`  return (xb, yb) => {
    const grads = lossAndGradients(net, xb, yb);
    sgdStep(net, grads, learningRate);
    return grads.loss;
  };`, `  return (xb, yb) => {
    const pass = forwardPass(net, xb);
    const output = outputLayer(net.loss, pass.logits, yb);
    let delta = output.delta;
    for (let l = net.weights.length - 1; l >= 0; l--) {
      const { dw, db } = denseBackward(delta, pass.caches[l]);
      descend(net.weights[l].data, dw.data, learningRate);
      descend(net.biases[l], db, learningRate);
      if (l > 0) delta = timesDerivative(net.activation, matmulTransB(delta, net.weights[l]), pass.hidden[l - 1]);
    }
    return output.loss;
  };`],
  ],
};
