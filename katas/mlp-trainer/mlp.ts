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
// What you will probably want; add what else you use (imports of unused names are harmless).
// 你大概会用到这些；用到别的再自己加（导入了却没用到的名字无害）。
import { denseBackward, denseForward } from '../dense-backward/dense.ts';
import { map, takeRows, type Matrix } from '../lib/matrix.ts';
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
  throw new Error('not implemented: createMLP(sizes, activation, loss, rng)');
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
  throw new Error('not implemented: forward(net, x)');
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
  throw new Error('not implemented: lossAndGradients(net, x, y)');
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
  throw new Error('not implemented: train(net, x, y, options)');
}
