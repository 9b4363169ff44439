/**
 * Kata: mlp-trainer. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- mlp`.
 * Build it from your own katas: `denseForward`/`denseBackward` (dense-backward) for every
 * layer, and `sigmoid`/`sigmoidDerivative` (sigmoid-derivative) for the sigmoid units. Or
 * write the products yourself with the toolkit (matmul, matmulTransA, matmulTransB,
 * addRowVector, sumRows, takeRows in ../lib/matrix.ts).
 */
import { denseBackward, denseForward, type DenseCache } from '../dense-backward/dense.ts';
import { map, shapeOf, sub, takeRows, zipWith, type Matrix } from '../lib/matrix.ts';
import { normalMatrix, permutation, type Rng } from '../lib/random.ts';
import { sigmoid, sigmoidDerivative } from '../sigmoid-derivative/sigmoid.ts';

/** The nonlinearity of the hidden layers. */
export type Activation = 'sigmoid' | 'relu';

/**
 * The loss, which also fixes the output layer: 'mse' puts a sigmoid on the output,
 * 'cross-entropy' a softmax.
 */
export type Loss = 'mse' | 'cross-entropy';

/** A multilayer perceptron: L = sizes.length − 1 dense layers. */
export interface MLP {
  /** Layer widths [D, H₁, …, K]: the input width, the hidden widths, the output width. */
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly loss: Loss;
  /** weights[l] is sizes[l]×sizes[l+1]: W⁽ˡ⁺¹⁾ of the statement. */
  weights: Matrix[];
  /** biases[l] has sizes[l+1] entries: b⁽ˡ⁺¹⁾ of the statement. */
  biases: Float64Array[];
}

/** What `lossAndGradients` returns: the batch loss and its gradient for every parameter. */
export interface Gradients {
  loss: number;
  /** dWeights[l] = ∂loss/∂weights[l], the same shape as weights[l]. */
  dWeights: Matrix[];
  /** dBiases[l] = ∂loss/∂biases[l], the same length as biases[l]. */
  dBiases: Float64Array[];
}

/** Options of `train`. */
export interface TrainOptions {
  /** Passes over the whole data set. */
  epochs: number;
  /** The SGD step size η: W ← W − η·∂loss/∂W. */
  learningRate: number;
  /** Examples per mini-batch; the last batch of an epoch may be smaller. */
  batchSize: number;
  /** Shuffles the examples: one `permutation(N, rng)` at the start of every epoch. */
  rng: Rng;
}

/**
 * A new network with freshly initialised parameters.
 * Layer l (0-based) gets weights[l], sizes[l]×sizes[l+1], drawn as
 * `normalMatrix(sizes[l], sizes[l+1], rng, 0, std)`: std = √(2/sizes[l]) (He) when a ReLU
 * follows the layer, √(1/sizes[l]) (LeCun) otherwise (sigmoid hidden units, and the output
 * layer always). Layers are drawn in order, weights[0] first; biases start at 0 and draw nothing.
 * @param sizes layer widths [D, H₁, …, K], at least two entries, each ≥ 1
 * @param activation the hidden layers' nonlinearity
 * @param loss 'mse' (sigmoid output) or 'cross-entropy' (softmax output)
 * @param rng the only source of randomness: the same seed gives the same network
 */
export function createMLP(sizes: readonly number[], activation: Activation, loss: Loss, rng: Rng): MLP {
  if (sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s >= 1)) {
    throw new Error(`createMLP: sizes must be at least two positive integers, got [${sizes.join(', ')}]`);
  }
  const weights: Matrix[] = [];
  const biases: Float64Array[] = [];
  const layers = sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    const fanIn = sizes[l];
    const reluFollows = activation === 'relu' && l < layers - 1;
    const std = Math.sqrt((reluFollows ? 2 : 1) / fanIn);
    weights.push(normalMatrix(fanIn, sizes[l + 1], rng, 0, std));
    biases.push(new Float64Array(sizes[l + 1]));
  }
  return { sizes: [...sizes], activation, loss, weights, biases };
}

/**
 * The network's output for a batch: A⁽ᴸ⁾, the sigmoid (mse) or softmax (cross-entropy) of
 * the last layer's pre-activation.
 * @param net the network; not modified
 * @param x the batch, N×D (D = sizes[0]); not modified
 * @returns N×K (K = sizes[L]); with cross-entropy every row sums to 1
 * @throws Error naming both shapes when x does not have sizes[0] columns
 */
export function forward(net: MLP, x: Matrix): Matrix {
  const pass = forwardPass(net, x);
  return net.loss === 'mse' ? map(pass.logits, sigmoid) : softmaxRows(pass.logits);
}

/**
 * The mean loss of a batch and its gradient with respect to every weight and bias, by
 * backpropagation. 'mse': mean of (A − Y)² over all N·K entries; 'cross-entropy':
 * −(1/N)·Σₙ Σₖ Y·log P (rows of Y sum to 1: one-hot or soft targets).
 * @param net the network; not modified
 * @param x the batch, N×D; not modified
 * @param y the targets, N×K; not modified
 * @returns the loss, dWeights[l] (sizes[l]×sizes[l+1]) and dBiases[l] (sizes[l+1] entries)
 * @throws Error naming both shapes when x or y does not fit the network
 */
export function lossAndGradients(net: MLP, x: Matrix, y: Matrix): Gradients {
  const pass = forwardPass(net, x);
  return backpropagate(net, pass, outputLayer(net.loss, pass.logits, y));
}

/**
 * Plain mini-batch SGD, updating `net` in place. Every epoch: one `permutation(N, rng)`;
 * batches are its consecutive slices of `batchSize` rows (the last may be shorter); for each
 * batch, `lossAndGradients` at the current parameters, then W ← W − η·dW and b ← b − η·db for
 * every layer. `rng` is used for nothing else.
 * @param net the network, updated in place
 * @param x the inputs, N×D; not modified
 * @param y the targets, N×K; not modified
 * @returns one number per epoch: the mean of that epoch's batch losses weighted by batch
 *   size, each batch loss taken before that batch's update (Σ nᵦ·lossᵦ / N)
 * @throws Error naming both shapes when x and y have different numbers of rows
 */
export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, sgdBatch(net, options.learningRate));
}

// ---------------------------------------------------------------------------------------
// The pieces the four functions above are made of, in the order they run.
// ---------------------------------------------------------------------------------------

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
function forwardPass(net: MLP, x: Matrix): ForwardPass {
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
interface OutputLayer {
  loss: number;
  delta: Matrix;
}

/** The output layer of `loss`, after checking that y has the output's shape. */
function outputLayer(loss: Loss, logits: Matrix, y: Matrix): OutputLayer {
  checkTargets(logits, y);
  return loss === 'mse' ? mseOutput(logits, y) : crossEntropyOutput(logits, y);
}

/** y must be N×K, the shape of the network's output. */
function checkTargets(logits: Matrix, y: Matrix): void {
  if (y.rows !== logits.rows || y.cols !== logits.cols) {
    throw new Error(`lossAndGradients: y is ${shapeOf(y)} but the network's output is ${shapeOf(logits)}`);
  }
}

/** A = σ(Z), loss = Σ(A − Y)²/(N·K), δ = 2(A − Y)/(N·K) ⊙ σ′(Z). */
function mseOutput(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows * logits.cols;
  const diff = sub(map(logits, sigmoid), y);
  const delta = map(diff, (d, i, j) => ((2 * d) / count) * sigmoidDerivative(logits.data[i * logits.cols + j]));
  return { loss: sumOfSquares(diff) / count, delta };
}

/** P = softmax(Z), loss = −Σ Y·log P / N, δ = (P − Y)/N. */
function crossEntropyOutput(logits: Matrix, y: Matrix): OutputLayer {
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
function softmaxRows(z: Matrix): Matrix {
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
function sumOfSquares(m: Matrix): number {
  let total = 0;
  for (const v of m.data) total += v * v;
  return total;
}

/**
 * From δ⁽ᴸ⁾ down: dW⁽ˡ⁾ = A⁽ˡ⁻¹⁾ᵀδ⁽ˡ⁾, db⁽ˡ⁾ = Σₙ δ⁽ˡ⁾ (the dense layer's dw and db) and
 * δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾W⁽ˡ⁾ᵀ) ⊙ f′(Z⁽ˡ⁻¹⁾) (its dx, times f′).
 */
function backpropagate(net: MLP, pass: ForwardPass, output: OutputLayer): Gradients {
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
function timesDerivative(activation: Activation, g: Matrix, z: Matrix): Matrix {
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
function descend(p: Float64Array, g: Float64Array, learningRate: number): void {
  for (let k = 0; k < p.length; k++) p[k] -= learningRate * g[k];
}

/** One SGD step on one mini-batch; returns the batch's loss before the step. */
function sgdBatch(net: MLP, learningRate: number): (xb: Matrix, yb: Matrix) => number {
  return (xb, yb) => {
    const grads = lossAndGradients(net, xb, yb);
    sgdStep(net, grads, learningRate);
    return grads.loss;
  };
}

/**
 * The epoch and mini-batch bookkeeping of `train`, apart from the step: one `permutation(N, rng)`
 * (the shuffle) per epoch, each consecutive slice of `batchSize` rows handed to `fitBatch`
 * (which returns that batch's loss before its update), and the size-weighted mean per epoch.
 */
function runEpochs(
  x: Matrix,
  y: Matrix,
  options: TrainOptions,
  fitBatch: (xb: Matrix, yb: Matrix) => number,
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
    const rows = permutation(n, rng);
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const batch = rows.subarray(start, Math.min(start + batchSize, n));
      total += fitBatch(takeRows(x, batch), takeRows(y, batch)) * batch.length;
    }
    losses.push(total / n);
  }
  return losses;
}
