/**
 * How the output-layer mistakes of the catalogue are built: the reference network with one
 * output layer swapped for a mistaken one. `train` is rebuilt around the mistaken gradients,
 * as a learner's own `train` would use their own `lossAndGradients`.
 */
import {
  backpropagate,
  checkTargets,
  forwardPass,
  runEpochs,
  sgdBatch,
  type Gradients,
  type Loss,
  type MLP,
  type OutputLayer,
  type TrainOptions,
} from './mlp.ts';
import type { Matrix } from '../lib/matrix.ts';

/** The loss and δ⁽ᴸ⁾ of an output layer, as `outputLayer` in the reference computes them. */
export type OutputLayerOf = (loss: Loss, logits: Matrix, y: Matrix) => OutputLayer;

export interface WithOutputLayer {
  lossAndGradients(net: MLP, x: Matrix, y: Matrix): Gradients;
  train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[];
}

export function withOutputLayer(output: OutputLayerOf): WithOutputLayer {
  const lossAndGradients = (net: MLP, x: Matrix, y: Matrix): Gradients => {
    const pass = forwardPass(net, x);
    checkTargets(pass.logits, y);
    return backpropagate(net, pass, output(net.loss, pass.logits, y));
  };
  const train = (net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] =>
    runEpochs(x, y, options, sgdBatch(net, lossAndGradients, options.learningRate));
  return { lossAndGradients, train };
}
