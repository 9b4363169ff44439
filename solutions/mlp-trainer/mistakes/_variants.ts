/**
 * The pieces the reference network is made of, for the catalogue of mistakes: each mistake
 * swaps one piece and reuses the rest. A copy of the reference's private helpers, with the
 * shuffle as a parameter of `runEpochs`. The output-layer mistakes use `withOutputLayer`: the
 * reference network with its output layer swapped for a mistaken one, `train` rebuilt around
 * the mistaken gradients, as a learner's own `train` would use their own `lossAndGradients`.
 */
import { denseBackward, denseForward, type DenseCache } from '../../dense-backward/dense.ts';
import { map, matmulTransB, shapeOf, sub, sumRows, takeRows, zipWith, type Matrix } from '../../lib/matrix.ts';
import { permutation, type Rng } from '../../lib/random.ts';
import { sigmoid, sigmoidDerivative } from '../../sigmoid-derivative/sigmoid.ts';
import type { Activation, Gradients, Loss, MLP, TrainOptions } from '../mlp.ts';

/** The loss and δ⁽ᴸ⁾ of an output layer, as `outputLayer` in the reference computes them. */
export type OutputLayerOf = (loss: Loss, logits: Matrix, y: Matrix) => OutputLayer;

export interface WithOutputLayer {
  lossAndGradients(net: MLP, x: Matrix, y: Matrix): Gradients;
  train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[];
}

/**
 * The reference network with each layer's dW computed by `weightGradient(A⁽ˡ⁻¹⁾, δ⁽ˡ⁾)` instead of
 * the dense layer's Aᵀ·δ: the dW mistakes. δ still flows back as (δ·Wᵀ) ⊙ f′(Z), db as Σₙ δ.
 */
export function withWeightGradient(weightGradient: (input: Matrix, delta: Matrix) => Matrix): WithOutputLayer {
  const lossAndGradients = (net: MLP, x: Matrix, y: Matrix): Gradients => {
    const pass = forwardPass(net, x);
    const output = outputLayer(net.loss, pass.logits, y);
    const layers = net.weights.length;
    const dWeights = new Array<Matrix>(layers);
    const dBiases = new Array<Float64Array>(layers);
    let delta = output.delta;
    for (let l = layers - 1; l >= 0; l--) {
      dWeights[l] = weightGradient(pass.caches[l].x, delta);
      dBiases[l] = sumRows(delta);
      if (l > 0) delta = timesDerivative(net.activation, matmulTransB(delta, net.weights[l]), pass.hidden[l - 1]);
    }
    return { loss: output.loss, dWeights, dBiases };
  };
  const train = (net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] =>
    runEpochs(x, y, options, sgdBatch(net, lossAndGradients, options.learningRate));
  return { lossAndGradients, train };
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

// The reference's pieces, in the order they run.

/** What the forward pass keeps for the backward pass. */
interface ForwardPass {
  /** One dense-layer cache per layer: it holds the layer's input A⁽ˡ⁻¹⁾ and its W⁽ˡ⁾. */
  caches: DenseCache[];
  /** Z⁽ˡ⁾ of every hidden layer, N×sizes[l+1]: where the backward pass evaluates f′. */
  hidden: Matrix[];
  /** Z⁽ᴸ⁾, N×K: the output layer before its sigmoid or softmax. */
  logits: Matrix;
}

/** Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾ and A⁽ˡ⁾ = f(Z⁽ˡ⁾) for every hidden layer, then the output layer's Z⁽ᴸ⁾. */
export function forwardPass(net: MLP, x: Matrix): ForwardPass {
  const caches: DenseCache[] = [];
  const hidden: Matrix[] = [];
  let a = x;
  for (let l = 0; l < net.weights.length; l++) {
    const { out, cache } = denseForward(a, net.weights[l], net.biases[l]);
    caches.push(cache);
    if (l === net.weights.length - 1) return { caches, hidden, logits: out };
    hidden.push(out);
    a = map(out, net.activation === 'relu' ? relu : sigmoid);
  }
  throw new Error('forwardPass: a network needs at least one layer');
}

/** What the output layer gives the backward pass: the loss, and δ⁽ᴸ⁾ = ∂loss/∂Z⁽ᴸ⁾. */
export interface OutputLayer {
  loss: number;
  delta: Matrix;
}

/** The output layer of `loss`, after checking that y has the output's shape. */
export function outputLayer(loss: Loss, logits: Matrix, y: Matrix): OutputLayer {
  checkTargets(logits, y);
  return loss === 'mse' ? mseOutput(logits, y) : crossEntropyOutput(logits, y);
}

/** y must be N×K, the shape of the network's output. */
export function checkTargets(logits: Matrix, y: Matrix): void {
  if (y.rows !== logits.rows || y.cols !== logits.cols) {
    throw new Error(`lossAndGradients: y is ${shapeOf(y)} but the network's output is ${shapeOf(logits)}`);
  }
}

/** A = σ(Z), loss = Σ(A − Y)²/(N·K), δ = 2(A − Y)/(N·K) ⊙ σ′(Z). */
export function mseOutput(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows * logits.cols;
  const diff = sub(map(logits, sigmoid), y);
  const delta = map(diff, (d, i, j) => ((2 * d) / count) * sigmoidDerivative(logits.data[i * logits.cols + j]));
  return { loss: sumOfSquares(diff) / count, delta };
}

/** P = softmax(Z), loss = −Σ Y·log P / N, δ = (P − Y)/N. */
export function crossEntropyOutput(logits: Matrix, y: Matrix): OutputLayer {
  const n = logits.rows;
  // log P from the log-sum-exp of the shifted row, so that log P stays finite even where
  // P itself underflows to 0 (a target class 1000 below the top score has log P ≈ −1000).
  const logP = logSoftmaxRows(logits);
  let total = 0;
  for (let k = 0; k < y.data.length; k++) if (y.data[k] !== 0) total -= y.data[k] * logP.data[k];
  const delta = map(logP, (lp, i, j) => (Math.exp(lp) - y.data[i * y.cols + j]) / n);
  return { loss: total / n, delta };
}

/** softmax of each row, as exp(log softmax): no exp can overflow. */
export function softmaxRows(z: Matrix): Matrix {
  return map(logSoftmaxRows(z), Math.exp);
}

/** log softmax of each row: z − max − log Σ exp(z − max). Every exp argument is ≤ 0. */
function logSoftmaxRows(z: Matrix): Matrix {
  const out = map(z, (v) => v);
  for (let i = 0; i < z.rows; i++) {
    const row = out.data.subarray(i * z.cols, (i + 1) * z.cols);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    const logSum = max + Math.log(sum);
    for (let j = 0; j < row.length; j++) row[j] -= logSum;
  }
  return out;
}

/** Σ of every entry squared. */
export function sumOfSquares(m: Matrix): number {
  let total = 0;
  for (const v of m.data) total += v * v;
  return total;
}

/**
 * From δ⁽ᴸ⁾ down: dW⁽ˡ⁾ = A⁽ˡ⁻¹⁾ᵀδ⁽ˡ⁾, db⁽ˡ⁾ = Σₙ δ⁽ˡ⁾ (the dense layer's dw and db) and
 * δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾W⁽ˡ⁾ᵀ) ⊙ f′(Z⁽ˡ⁻¹⁾) (its dx, times f′).
 */
export function backpropagate(net: MLP, pass: ForwardPass, output: OutputLayer): Gradients {
  const layers = net.weights.length;
  const dWeights = new Array<Matrix>(layers);
  const dBiases = new Array<Float64Array>(layers);
  let delta = output.delta;
  for (let l = layers - 1; l >= 0; l--) {
    const { dx, dw, db } = denseBackward(delta, pass.caches[l]);
    dWeights[l] = dw;
    dBiases[l] = db;
    if (l > 0) delta = timesDerivative(net.activation, dx, pass.hidden[l - 1]);
  }
  return { loss: output.loss, dWeights, dBiases };
}

/** g ⊙ f′(z): the gradient reaching a hidden layer's output, carried back through f. */
export function timesDerivative(activation: Activation, g: Matrix, z: Matrix): Matrix {
  // ReLU′(0) is taken as 0, as PyTorch does.
  return zipWith(g, z, activation === 'relu' ? (gi, zi) => (zi > 0 ? gi : 0) : (gi, zi) => gi * sigmoidDerivative(zi));
}

function relu(z: number): number {
  return z > 0 ? z : 0;
}

/** W ← W − η·dW and b ← b − η·db for every layer, in place. */
function sgdStep(net: MLP, grads: Gradients, learningRate: number): void {
  for (let l = 0; l < net.weights.length; l++) {
    descend(net.weights[l].data, grads.dWeights[l].data, learningRate);
    descend(net.biases[l], grads.dBiases[l], learningRate);
  }
}

/** p ← p − η·g, entry by entry. */
export function descend(p: Float64Array, g: Float64Array, learningRate: number): void {
  for (let k = 0; k < p.length; k++) p[k] -= learningRate * g[k];
}

/** One SGD step on one mini-batch, with `gradients`; returns the batch's loss before the step. */
export function sgdBatch(
  net: MLP,
  gradients: (net: MLP, x: Matrix, y: Matrix) => Gradients,
  learningRate: number,
): (xb: Matrix, yb: Matrix) => number {
  return (xb, yb) => {
    const grads = gradients(net, xb, yb);
    sgdStep(net, grads, learningRate);
    return grads.loss;
  };
}

/**
 * The epoch and mini-batch bookkeeping of `train`, apart from the step: one `order(N, rng)`
 * (the shuffle) per epoch, each consecutive slice of `batchSize` rows handed to `fitBatch`
 * (which returns that batch's loss before its update), and the size-weighted mean per epoch.
 */
export function runEpochs(
  x: Matrix,
  y: Matrix,
  options: TrainOptions,
  fitBatch: (xb: Matrix, yb: Matrix) => number,
  order: (n: number, rng: Rng) => Uint32Array = permutation,
): number[] {
  const { epochs, batchSize, rng } = options;
  if (x.rows !== y.rows) {
    throw new Error(`train: x is ${shapeOf(x)} but y is ${shapeOf(y)}; they need one row per example each`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`train: batchSize must be a positive integer, got ${batchSize}`);
  }
  const n = x.rows;
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const rows = order(n, rng);
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const batch = rows.subarray(start, Math.min(start + batchSize, n));
      total += fitBatch(takeRows(x, batch), takeRows(y, batch)) * batch.length;
    }
    losses.push(total / n);
  }
  return losses;
}
