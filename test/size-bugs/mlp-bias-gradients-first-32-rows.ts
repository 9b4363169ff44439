/**
 * An MLP whose backward pass runs through a dense layer that sums db over the first 32 rows
 * only (dense-backward's catalogued mistake): every dBiases is right for N ≤ 32, wrong beyond.
 */
import type { Matrix } from '../../solutions/lib/index.ts';
import { denseBackward } from '../../solutions/dense-backward/mistakes/db-first-32-rows.ts';
import type { Gradients, MLP, TrainOptions } from '../../solutions/mlp-trainer/mlp.ts';
import { forwardPass, outputLayer, runEpochs, sgdBatch, timesDerivative } from '../../solutions/mlp-trainer/mistakes/_variants.ts';
export { createMLP, forward } from '../../solutions/mlp-trainer/mlp.ts';

export function lossAndGradients(net: MLP, x: Matrix, y: Matrix): Gradients {
  const pass = forwardPass(net, x);
  const { loss, delta: top } = outputLayer(net.loss, pass.logits, y);
  const layers = net.weights.length;
  const dWeights = new Array<Matrix>(layers);
  const dBiases = new Array<Float64Array>(layers);
  let delta = top;
  for (let l = layers - 1; l >= 0; l--) {
    const { dx, dw, db } = denseBackward(delta, pass.caches[l]);
    [dWeights[l], dBiases[l]] = [dw, db];
    if (l > 0) delta = timesDerivative(net.activation, dx, pass.hidden[l - 1]);
  }
  return { loss, dWeights, dBiases };
}

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, sgdBatch(net, lossAndGradients, options.learningRate));
}
