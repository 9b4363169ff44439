import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, sub, type Matrix } from '../../lib/matrix.ts';
import { sigmoid, sigmoidDerivativeFromOutput } from '../../sigmoid-derivative/sigmoid.ts';
import { crossEntropyOutput, mseOutput, type OutputLayer, withOutputLayer } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: 'σ′ computed as z·(1 − z) on the pre-activation',
  explanation:
    'a·(1 − a) is σ′ only when a is the sigmoid\'s OUTPUT A = σ(Z). The output layer\'s δ used it on the logits Z, ' +
    'which are not in (0, 1) at all. Use σ′(Z) = sigmoidDerivative(Z), or A·(1 − A) with A = σ(Z).',
};

/** δ = 2(A − Y)/(N·K) ⊙ Z(1 − Z): the output formula applied to Z. */
function mseDerivativeOfZ(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows * logits.cols;
  const diff = sub(map(logits, sigmoid), y);
  const delta = map(diff, (d, i, j) => ((2 * d) / count) * sigmoidDerivativeFromOutput(logits.data[i * logits.cols + j]));
  return { loss: mseOutput(logits, y).loss, delta };
}

export const { lossAndGradients, train } = withOutputLayer((loss, logits, y) =>
  loss === 'mse' ? mseDerivativeOfZ(logits, y) : crossEntropyOutput(logits, y),
);
