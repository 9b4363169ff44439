/**
 * The article's sigmoid_derivative(x) = x·(1 − x), a formula for the OUTPUT a = σ(z), fed the
 * pre-activation z: on the output layer (mse) and on every sigmoid hidden layer.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, matmulTransB, sub, sumRows, zipWith, type Matrix } from '../../lib/matrix.ts';
import { sigmoid, sigmoidDerivativeFromOutput } from '../../sigmoid-derivative/sigmoid.ts';
import type { Gradients, MLP, TrainOptions } from '../mlp.ts';
import { checkTargets, crossEntropyOutput, forwardPass, mseOutput, type OutputLayer, runEpochs, sgdBatch } from './_variants.ts';
import { matmulTransA } from '../../lib/matrix.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'sigmoid_derivative(x) = x·(1 − x) fed the pre-activation z instead of the output',
    'zh-CN': 'sigmoid_derivative(x) = x·(1 − x) 传入的是预激活值 z，而不是输出',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: sigmoid_derivative(x) = x·(1 − x) is σ′ only when x is the sigmoid\'s OUTPUT ' +
      'A = σ(Z), but the backward pass hands it Z, which is not in (0, 1) at all (z·(1 − z) is even negative for z > 1). ' +
      'Either keep the formula and pass A = σ(Z), or use σ′(Z) = sigmoidDerivative(Z); the sigmoid-derivative kata makes ' +
      'the two functions explicit.',
    'zh-CN':
      '一篇流传很广的教程里出现过的错误：' +
      'sigmoid_derivative(x) = x·(1 − x) 只有在 x 是 sigmoid 的输出 A = σ(Z) 时才等于 σ′，但反向传播传给它的是 Z，而 Z 根本不在 (0, 1) 内（z > 1 时 z·(1 − z) 甚至是负数）。' +
      '要么保留这个公式、传入 A = σ(Z)，要么用 σ′(Z) = sigmoidDerivative(Z)；sigmoid-derivative 这道题把这两个函数明确区分开了。',
  },
};

/** δ = 2(A − Y)/(N·K) ⊙ Z(1 − Z): the output formula applied to Z. */
function mseDerivativeOfZ(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows * logits.cols;
  const diff = sub(map(logits, sigmoid), y);
  const delta = map(diff, (d, i, j) => ((2 * d) / count) * sigmoidDerivativeFromOutput(logits.data[i * logits.cols + j]));
  return { loss: mseOutput(logits, y).loss, delta };
}

export function lossAndGradients(net: MLP, x: Matrix, y: Matrix): Gradients {
  const pass = forwardPass(net, x);
  checkTargets(pass.logits, y);
  const output = net.loss === 'mse' ? mseDerivativeOfZ(pass.logits, y) : crossEntropyOutput(pass.logits, y);
  const layers = net.weights.length;
  const dWeights = new Array<Matrix>(layers);
  const dBiases = new Array<Float64Array>(layers);
  let delta = output.delta;
  for (let l = layers - 1; l >= 0; l--) {
    dWeights[l] = matmulTransA(pass.caches[l].x, delta);
    dBiases[l] = sumRows(delta);
    if (l > 0) {
      const g = matmulTransB(delta, net.weights[l]);
      delta = zipWith(g, pass.hidden[l - 1], net.activation === 'relu'
        ? (gi, zi) => (zi > 0 ? gi : 0)
        : (gi, zi) => gi * sigmoidDerivativeFromOutput(zi)); // the mistake again: z·(1 − z)
    }
  }
  return { loss: output.loss, dWeights, dBiases };
}

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, sgdBatch(net, lossAndGradients, options.learningRate));
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ["import { sigmoid, sigmoidDerivative } from '../sigmoid-derivative/sigmoid.ts';", "import { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid-derivative/sigmoid.ts';"],
    ['  const delta = map(diff, (d, i, j) => ((2 * d) / count) * sigmoidDerivative(logits.data[i * logits.cols + j]));', '  const delta = map(diff, (d, i, j) => ((2 * d) / count) * sigmoidDerivativeFromOutput(logits.data[i * logits.cols + j]));'],
    ['(gi, zi) => gi * sigmoidDerivative(zi)', '(gi, zi) => gi * sigmoidDerivativeFromOutput(zi)'],
  ],
};
