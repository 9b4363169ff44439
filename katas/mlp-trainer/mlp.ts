/**
 * Kata: mlp-trainer. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- mlp`.
 * Build it from your own katas: `denseForward`/`denseBackward` (dense-backward) for every
 * layer, and `sigmoid`/`sigmoidDerivative` (sigmoid-derivative) for the sigmoid units. Or
 * write the products yourself with the toolkit (matmul, matmulTransA, matmulTransB,
 * addRowVector, sumRows, takeRows in ../lib/matrix.ts).
 */
// What you will probably want; add what else you use (imports of unused names are harmless).
import { denseBackward, denseForward } from '../dense-backward/dense.ts';
import { map, takeRows, type Matrix } from '../lib/matrix.ts';
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
  throw new Error('not implemented: createMLP(sizes, activation, loss, rng)');
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
  throw new Error('not implemented: forward(net, x)');
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
  throw new Error('not implemented: lossAndGradients(net, x, y)');
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
  throw new Error('not implemented: train(net, x, y, options)');
}
