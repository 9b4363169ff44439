/**
 * A bug of the seed article's NumPy program, ported: dW = np.dot(a_prev, delta), the matrix
 * product without the transpose of the layer's input.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, matmulTransB, sumRows, type Matrix } from '../../lib/matrix.ts';
import type { Gradients, MLP, TrainOptions } from '../mlp.ts';
import { forwardPass, outputLayer, runEpochs, sgdBatch, timesDerivative } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: 'dW computed as A·δ: the transpose of the layer input is missing',
  explanation:
    'A bug seen in a widely shared tutorial: dW = np.dot(a_prev, delta). A is N×D and δ is N×M, so A·δ only runs when ' +
    'N = D, and then it multiplies examples with features: a D×M matrix of the right shape and the wrong numbers. ' +
    'Derive it from the shapes: dW must be D×M and sum over the N examples, so dW = Aᵀ·δ (np.dot(a_prev.T, delta), ' +
    'matmulTransA(a, delta)).',
};

export function lossAndGradients(net: MLP, x: Matrix, y: Matrix): Gradients {
  const pass = forwardPass(net, x);
  const output = outputLayer(net.loss, pass.logits, y);
  const layers = net.weights.length;
  const dWeights = new Array<Matrix>(layers);
  const dBiases = new Array<Float64Array>(layers);
  let delta = output.delta;
  for (let l = layers - 1; l >= 0; l--) {
    dWeights[l] = matmul(pass.caches[l].x, delta); // the mistake: A·δ, not Aᵀ·δ
    dBiases[l] = sumRows(delta);
    if (l > 0) delta = timesDerivative(net.activation, matmulTransB(delta, net.weights[l]), pass.hidden[l - 1]);
  }
  return { loss: output.loss, dWeights, dBiases };
}

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, sgdBatch(net, lossAndGradients, options.learningRate));
}
