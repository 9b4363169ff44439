import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, sub, type Matrix } from '../../lib/matrix.ts';
import { sigmoid, sigmoidDerivative } from '../../sigmoid-derivative/sigmoid.ts';
import { crossEntropyOutput, type OutputLayer, sumOfSquares, withOutputLayer } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: 'MSE averaged over the N examples instead of all N·K entries',
  explanation:
    'The statement (like PyTorch and Keras, reduction "mean") averages (A − Y)² over every entry of the N×K output: ' +
    'divide by N·K, in the loss and in δ⁽ᴸ⁾ = 2(A − Y)/(N·K) ⊙ σ′(Z). Dividing by N makes both K times too large ' +
    '(they only agree when K = 1).',
};

function msePerExample(logits: Matrix, y: Matrix): OutputLayer {
  const n = logits.rows;
  const diff = sub(map(logits, sigmoid), y);
  const delta = map(diff, (d, i, j) => ((2 * d) / n) * sigmoidDerivative(logits.data[i * logits.cols + j]));
  return { loss: sumOfSquares(diff) / n, delta };
}

export const { lossAndGradients, train } = withOutputLayer((loss, logits, y) =>
  loss === 'mse' ? msePerExample(logits, y) : crossEntropyOutput(logits, y),
);

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`function mseOutput(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows * logits.cols;`, `function mseOutput(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows;`],
  ],
};
