/**
 * Kata: mlp-trainer. Statement: README.md beside this file.
 *
 * 中文：本题是 mlp-trainer，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- mlp`.
 * Build it from your own katas: `denseForward`/`denseBackward` (dense-backward) for every
 * layer, and `sigmoid`/`sigmoidDerivative` (sigmoid-derivative) for the sigmoid units. Or
 * write the products yourself with the toolkit (matmul, matmulTransA, matmulTransB,
 * addRowVector, sumRows, takeRows in ../lib/matrix.ts).
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- mlp`。用你自己做过的题来搭：每一层用 `denseForward`/`denseBackward`（dense-backward），sigmoid 单元用 `sigmoid`/`sigmoidDerivative`（sigmoid-derivative）。也可以用工具库自己写矩阵乘积（../lib/matrix.ts 里的 matmul、matmulTransA、matmulTransB、addRowVector、sumRows、takeRows）。
 */
import { denseBackward, denseForward, type DenseCache } from '../dense-backward/dense.ts';
import { map, shapeOf, sub, takeRows, zipWith, type Matrix } from '../lib/matrix.ts';
import { normalMatrix, permutation, type Rng } from '../lib/random.ts';
import { sigmoid, sigmoidDerivative } from '../sigmoid-derivative/sigmoid.ts';

/**
 * The nonlinearity of the hidden layers.
 *
 * 中文：隐藏层的非线性激活函数。
 */
export type Activation = 'sigmoid' | 'relu';

/**
 * The loss, which also fixes the output layer: 'mse' puts a sigmoid on the output,
 * 'cross-entropy' a softmax.
 *
 * 中文：损失函数，它同时决定了输出层：'mse' 在输出上接 sigmoid，'cross-entropy' 接 softmax。
 */
export type Loss = 'mse' | 'cross-entropy';

/**
 * A multilayer perceptron: L = sizes.length − 1 dense layers.
 *
 * 中文：多层感知机：共 L = sizes.length − 1 个全连接层。
 */
export interface MLP {
  /**
   * Layer widths [D, H₁, …, K]: the input width, the hidden widths, the output width.
   *
   * 中文：各层宽度 [D, H₁, …, K]：输入宽度、各隐藏层宽度、输出宽度。
   */
  readonly sizes: readonly number[];
  readonly activation: Activation;
  readonly loss: Loss;
  /**
   * weights[l] is sizes[l]×sizes[l+1]: W⁽ˡ⁺¹⁾ of the statement.
   *
   * 中文：weights[l] 的形状是 sizes[l]×sizes[l+1]：即题面中的 W⁽ˡ⁺¹⁾。
   */
  weights: Matrix[];
  /**
   * biases[l] has sizes[l+1] entries: b⁽ˡ⁺¹⁾ of the statement.
   *
   * 中文：biases[l] 有 sizes[l+1] 个元素：即题面中的 b⁽ˡ⁺¹⁾。
   */
  biases: Float64Array[];
}

/**
 * What `lossAndGradients` returns: the batch loss and its gradient for every parameter.
 *
 * 中文：`lossAndGradients` 的返回值：这个批量的损失，以及损失对每个参数的梯度。
 */
export interface Gradients {
  loss: number;
  /**
   * dWeights[l] = ∂loss/∂weights[l], the same shape as weights[l].
   *
   * 中文：dWeights[l] = ∂loss/∂weights[l]，与 weights[l] 形状相同。
   */
  dWeights: Matrix[];
  /**
   * dBiases[l] = ∂loss/∂biases[l], the same length as biases[l].
   *
   * 中文：dBiases[l] = ∂loss/∂biases[l]，与 biases[l] 长度相同。
   */
  dBiases: Float64Array[];
}

/**
 * Options of `train`.
 *
 * 中文：`train` 的选项。
 */
export interface TrainOptions {
  /**
   * Passes over the whole data set.
   *
   * 中文：遍历整个数据集的轮数。
   */
  epochs: number;
  /**
   * The SGD step size η: W ← W − η·∂loss/∂W.
   *
   * 中文：SGD 的步长 η（学习率）：W ← W − η·∂loss/∂W。
   */
  learningRate: number;
  /**
   * Examples per mini-batch; the last batch of an epoch may be smaller.
   *
   * 中文：每个小批量的样本数；每轮的最后一个批量可能更小。
   */
  batchSize: number;
  /**
   * Shuffles the examples: one `permutation(N, rng)` at the start of every epoch.
   *
   * 中文：用来打乱样本：每轮开始时调用一次 `permutation(N, rng)`。
   */
  rng: Rng;
}

/**
 * A new network with freshly initialised parameters.
 * Layer l (0-based) gets weights[l], sizes[l]×sizes[l+1], drawn as
 * `normalMatrix(sizes[l], sizes[l+1], rng, 0, std)`: std = √(2/sizes[l]) (He) when a ReLU
 * follows the layer, √(1/sizes[l]) (LeCun) otherwise (sigmoid hidden units, and the output
 * layer always). Layers are drawn in order, weights[0] first; biases start at 0 and draw nothing.
 *
 * 中文：一个参数刚初始化的新网络。第 l 层（从 0 数起）得到 weights[l]，形状 sizes[l]×sizes[l+1]，按 `normalMatrix(sizes[l], sizes[l+1], rng, 0, std)` 抽取：该层后面接 ReLU 时 std = √(2/sizes[l])（He 初始化），否则 std = √(1/sizes[l])（LeCun 初始化：sigmoid 隐藏单元如此，输出层总是如此）。各层按顺序抽取，先抽 weights[0]；偏置从 0 开始，不抽随机数。
 * @param sizes layer widths [D, H₁, …, K], at least two entries, each ≥ 1
 *   中文：各层宽度 [D, H₁, …, K]，至少两个元素，每个 ≥ 1
 * @param activation the hidden layers' nonlinearity
 *   中文：隐藏层的激活函数
 * @param loss 'mse' (sigmoid output) or 'cross-entropy' (softmax output)
 *   中文：'mse'（sigmoid 输出）或 'cross-entropy'（softmax 输出）
 * @param rng the only source of randomness: the same seed gives the same network
 *   中文：唯一的随机来源：相同的种子得到相同的网络
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
 *
 * 中文：网络对一个批量的输出：A⁽ᴸ⁾，即最后一层预激活值的 sigmoid（mse）或 softmax（cross-entropy）。
 * @param net the network; not modified
 *   中文：网络；不会被修改
 * @param x the batch, N×D (D = sizes[0]); not modified
 *   中文：一个批量，N×D（D = sizes[0]）；不会被修改
 * @returns N×K (K = sizes[L]); with cross-entropy every row sums to 1
 *   中文：N×K（K = sizes[L]）；用 cross-entropy 时每行之和为 1
 * @throws Error naming both shapes when x does not have sizes[0] columns
 *   中文：当 x 的列数不是 sizes[0] 时，抛出写明两个形状的 Error
 */
export function forward(net: MLP, x: Matrix): Matrix {
  const pass = forwardPass(net, x);
  return net.loss === 'mse' ? map(pass.logits, sigmoid) : softmaxRows(pass.logits);
}

/**
 * The mean loss of a batch and its gradient with respect to every weight and bias, by
 * backpropagation. 'mse': mean of (A − Y)² over all N·K entries; 'cross-entropy':
 * −(1/N)·Σₙ Σₖ Y·log P (rows of Y sum to 1: one-hot or soft targets).
 *
 * 中文：一个批量的平均损失，以及它对每个权重和偏置的梯度，用反向传播求出。'mse'：(A − Y)² 在全部 N·K 个元素上的平均；'cross-entropy'：−(1/N)·Σₙ Σₖ Y·log P（Y 的每行之和为 1：one-hot 编码或软目标）。
 * @param net the network; not modified
 *   中文：网络；不会被修改
 * @param x the batch, N×D; not modified
 *   中文：一个批量，N×D；不会被修改
 * @param y the targets, N×K; not modified
 *   中文：目标，N×K；不会被修改
 * @returns the loss, dWeights[l] (sizes[l]×sizes[l+1]) and dBiases[l] (sizes[l+1] entries)
 *   中文：损失、dWeights[l]（sizes[l]×sizes[l+1]）和 dBiases[l]（sizes[l+1] 个元素）
 * @throws Error naming both shapes when x or y does not fit the network
 *   中文：当 x 或 y 与网络不匹配时，抛出写明两个形状的 Error
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
 *
 * 中文：朴素的小批量 SGD，原地更新 `net`。每轮：调用一次 `permutation(N, rng)`；批量就是这个排列中依次相连的每 `batchSize` 行（最后一个可能更短）；对每个批量，先在当前参数处调用 `lossAndGradients`，再对每一层做 W ← W − η·dW 和 b ← b − η·db。`rng` 不作他用。
 * @param net the network, updated in place
 *   中文：网络，原地更新
 * @param x the inputs, N×D; not modified
 *   中文：输入，N×D；不会被修改
 * @param y the targets, N×K; not modified
 *   中文：目标，N×K；不会被修改
 * @returns one number per epoch: the mean of that epoch's batch losses weighted by batch
 *   size, each batch loss taken before that batch's update (Σ nᵦ·lossᵦ / N)
 *   中文：每轮一个数：该轮各批量损失按批量大小加权的平均，每个批量的损失都取该批量更新之前的值（Σ nᵦ·lossᵦ / N）
 * @throws Error naming both shapes when x and y have different numbers of rows
 *   中文：当 x 和 y 的行数不同时，抛出写明两个形状的 Error
 */
export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, sgdBatch(net, options.learningRate));
}

// ---------------------------------------------------------------------------------------
// The pieces the four functions above are made of, in the order they run.
// 上面四个函数由下面这些部件组成，按运行顺序排列。
// ---------------------------------------------------------------------------------------

/**
 * What the forward pass keeps for the backward pass.
 *
 * 中文：前向传播为反向传播保存的东西。
 */
interface ForwardPass {
  /**
   * One dense-layer cache per layer: it holds the layer's input A⁽ˡ⁻¹⁾ and its W⁽ˡ⁾.
   *
   * 中文：每层一个全连接层缓存：存着该层的输入 A⁽ˡ⁻¹⁾ 和它的 W⁽ˡ⁾。
   */
  caches: DenseCache[];
  /**
   * Z⁽ˡ⁾ of every hidden layer, N×sizes[l+1]: where the backward pass evaluates f′.
   *
   * 中文：每个隐藏层的 Z⁽ˡ⁾，N×sizes[l+1]：反向传播在这些点上计算 f′。
   */
  hidden: Matrix[];
  /**
   * Z⁽ᴸ⁾, N×K: the output layer before its sigmoid or softmax.
   *
   * 中文：Z⁽ᴸ⁾，N×K：输出层在 sigmoid 或 softmax 之前的值。
   */
  logits: Matrix;
}

/**
 * Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾ and A⁽ˡ⁾ = f(Z⁽ˡ⁾) for every hidden layer, then the output layer's Z⁽ᴸ⁾.
 *
 * 中文：对每个隐藏层计算 Z⁽ˡ⁾ = A⁽ˡ⁻¹⁾W⁽ˡ⁾ + b⁽ˡ⁾ 和 A⁽ˡ⁾ = f(Z⁽ˡ⁾)，最后算输出层的 Z⁽ᴸ⁾。
 */
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

/**
 * What the output layer gives the backward pass: the loss, and δ⁽ᴸ⁾ = ∂loss/∂Z⁽ᴸ⁾.
 *
 * 中文：输出层交给反向传播的东西：损失，以及 δ⁽ᴸ⁾ = ∂loss/∂Z⁽ᴸ⁾。
 */
interface OutputLayer {
  loss: number;
  delta: Matrix;
}

/**
 * The output layer of `loss`, after checking that y has the output's shape.
 *
 * 中文：`loss` 对应的输出层，先检查 y 的形状与输出相同。
 */
function outputLayer(loss: Loss, logits: Matrix, y: Matrix): OutputLayer {
  checkTargets(logits, y);
  return loss === 'mse' ? mseOutput(logits, y) : crossEntropyOutput(logits, y);
}

/**
 * y must be N×K, the shape of the network's output.
 *
 * 中文：y 必须是 N×K，即网络输出的形状。
 */
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
  // log P 由平移后那一行的 log-sum-exp 算出，这样即使 P 本身下溢成 0，log P 仍是有限值
  // （一个比最高分低 1000 的目标类别，log P ≈ −1000）。
  const logP = logSoftmaxRows(logits);
  let total = 0;
  for (let k = 0; k < y.data.length; k++) if (y.data[k] !== 0) total -= y.data[k] * logP.data[k];
  const delta = map(logP, (lp, i, j) => (Math.exp(lp) - y.data[i * y.cols + j]) / n);
  return { loss: total / n, delta };
}

/**
 * softmax of each row, as exp(log softmax): no exp can overflow.
 *
 * 中文：每行的 softmax，按 exp(log softmax) 计算：任何 exp 都不会上溢。
 */
function softmaxRows(z: Matrix): Matrix {
  return map(logSoftmaxRows(z), Math.exp);
}

/**
 * log softmax of each row: z − max − log Σ exp(z − max). Every exp argument is ≤ 0.
 *
 * 中文：每行的 log softmax：z − max − log Σ exp(z − max)。每个 exp 的参数都 ≤ 0。
 */
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

/**
 * Σ of every entry squared.
 *
 * 中文：所有元素的平方和。
 */
function sumOfSquares(m: Matrix): number {
  let total = 0;
  for (const v of m.data) total += v * v;
  return total;
}

/**
 * From δ⁽ᴸ⁾ down: dW⁽ˡ⁾ = A⁽ˡ⁻¹⁾ᵀδ⁽ˡ⁾, db⁽ˡ⁾ = Σₙ δ⁽ˡ⁾ (the dense layer's dw and db) and
 * δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾W⁽ˡ⁾ᵀ) ⊙ f′(Z⁽ˡ⁻¹⁾) (its dx, times f′).
 *
 * 中文：从 δ⁽ᴸ⁾ 往下逐层计算：dW⁽ˡ⁾ = A⁽ˡ⁻¹⁾ᵀδ⁽ˡ⁾，db⁽ˡ⁾ = Σₙ δ⁽ˡ⁾（即全连接层的 dw 和 db），以及 δ⁽ˡ⁻¹⁾ = (δ⁽ˡ⁾W⁽ˡ⁾ᵀ) ⊙ f′(Z⁽ˡ⁻¹⁾)（即它的 dx 再乘以 f′）。
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

/**
 * g ⊙ f′(z): the gradient reaching a hidden layer's output, carried back through f.
 *
 * 中文：g ⊙ f′(z)：到达隐藏层输出的梯度，穿过 f 继续往回传。
 */
function timesDerivative(activation: Activation, g: Matrix, z: Matrix): Matrix {
  // ReLU′(0) is taken as 0, as PyTorch does.
  // 与 PyTorch 一样，取 ReLU′(0) = 0。
  return zipWith(g, z, activation === 'relu' ? (gi, zi) => (zi > 0 ? gi : 0) : (gi, zi) => gi * sigmoidDerivative(zi));
}

function relu(z: number): number {
  return z > 0 ? z : 0;
}

/**
 * W ← W − η·dW and b ← b − η·db for every layer, in place.
 *
 * 中文：对每一层原地做 W ← W − η·dW 和 b ← b − η·db。
 */
function sgdStep(net: MLP, grads: Gradients, learningRate: number): void {
  for (let l = 0; l < net.weights.length; l++) {
    descend(net.weights[l].data, grads.dWeights[l].data, learningRate);
    descend(net.biases[l], grads.dBiases[l], learningRate);
  }
}

/**
 * p ← p − η·g, entry by entry.
 *
 * 中文：逐个元素做 p ← p − η·g。
 */
function descend(p: Float64Array, g: Float64Array, learningRate: number): void {
  for (let k = 0; k < p.length; k++) p[k] -= learningRate * g[k];
}

/**
 * One SGD step on one mini-batch; returns the batch's loss before the step.
 *
 * 中文：在一个小批量上做一步 SGD；返回这一步之前该批量的损失。
 */
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
 *
 * 中文：`train` 中除更新这一步以外的轮与小批量的记账：每轮一次 `permutation(N, rng)`（打乱），把依次相连的每 `batchSize` 行交给 `fitBatch`（它返回该批量更新前的损失），并按批量大小加权求出每轮的平均损失。
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
