/**
 * A bug of the seed article's NumPy program, ported: the forward loop runs over
 * range(len(layers) − 1), so the output layer is never applied.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { addRowVector, map, matmul, type Matrix } from '../../lib/matrix.ts';
import { sigmoid } from '../../sigmoid-derivative/sigmoid.ts';
import type { MLP } from '../mlp.ts';
export { createMLP, lossAndGradients, train } from '../mlp.ts';

export const mistake: Mistake = {
  title: 'the forward loop skips the last layer (range(len(layers) − 1))',
  explanation:
    'A bug seen in a widely shared tutorial: for i in range(len(layers) − 1) stops one layer short, so forward returns the ' +
    'last HIDDEN layer\'s activations (N×H, not N×K) and the output layer, with its sigmoid or softmax, never runs. ' +
    'A network of sizes [D, H₁, …, K] has L = sizes.length − 1 = weights.length layers: loop over all of them, the hidden ' +
    'nonlinearity on every layer but the last, then the sigmoid (mse) or softmax (cross-entropy) on the last.',
};

export function forward(net: MLP, x: Matrix): Matrix {
  let a = x;
  for (let l = 0; l < net.weights.length - 1; l++) {
    a = map(addRowVector(matmul(a, net.weights[l]), net.biases[l]), net.activation === 'relu' ? (z) => (z > 0 ? z : 0) : sigmoid);
  }
  return a;
}
