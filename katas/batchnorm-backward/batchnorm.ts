/**
 * Kata: batchnorm-backward. Statement: README.md beside this file.
 *
 * 中文：本题是 batchnorm-backward，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- batchnorm`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- batchnorm`。
 */
import { matrix, shapeOf, type Matrix } from '../lib/index.ts';

/**
 * PyTorch BatchNorm1d's buffers: one running mean and one running variance per column.
 *
 * 中文：PyTorch BatchNorm1d 的缓冲区：每列一个滑动均值和一个滑动方差。
 */
export interface BatchNormState {
  /**
   * D entries; BatchNorm1d starts it at 0. Updated in place in train mode.
   *
   * 中文：D 个元素；BatchNorm1d 把它初始化为 0。训练模式下原地更新。
   */
  runningMean: Float64Array;
  /**
   * D entries; BatchNorm1d starts it at 1. Updated in place in train mode.
   *
   * 中文：D 个元素；BatchNorm1d 把它初始化为 1。训练模式下原地更新。
   */
  runningVar: Float64Array;
}

export interface BatchNormOptions {
  /**
   * 'train': normalise with the batch statistics and update the running ones; 'eval': use the running ones.
   *
   * 中文：'train'：用这个批量的统计量做归一化，并更新滑动统计量；'eval'：用滑动统计量。
   */
  mode: 'train' | 'eval';
  /**
   * Weight of the new batch in the running averages (PyTorch's meaning). Default 0.1.
   *
   * 中文：新批量在滑动平均中的权重（PyTorch 的含义）。默认 0.1。
   */
  momentum?: number;
  /**
   * Added to the variance inside the square root. Default 1e-5.
   *
   * 中文：在平方根内加到方差上的数。默认 1e-5。
   */
  eps?: number;
}

/**
 * Whatever batchnormBackward needs from the forward pass. The fields are yours to choose:
 * nothing outside this file reads them.
 *
 * 中文：batchnormBackward 需要从前向传播拿到的一切。字段由你决定：这个文件以外没有代码读取它们。
 */
export interface BatchNormCache {
  mode: 'train' | 'eval';
  // Add the values your backward pass needs, e.g. x̂ (N×D) and 1/√(σ² + eps) (D).
  // 加上你的反向传播需要的值，例如 x̂（N×D）和 1/√(σ² + eps)（D）。
}

export const DEFAULT_MOMENTUM = 0.1;
export const DEFAULT_EPS = 1e-5;

/**
 * γ, β and the running statistics of one BatchNorm layer: what `batchnormForward` takes.
 *
 * 中文：一个 BatchNorm 层的 γ、β 和滑动统计量：也就是 `batchnormForward` 要的那些参数。
 */
export interface BatchNormParams {
  gamma: Float64Array;
  beta: Float64Array;
  state: BatchNormState;
}

/**
 * A fresh layer's parameters and state, exactly as `torch.nn.BatchNorm1d(features)` starts:
 * γ = 1, β = 0, running mean 0, running variance 1, D = `features` entries each, in new
 * arrays on every call.
 *
 * 中文：一个新层的参数和状态，与刚构造的 `torch.nn.BatchNorm1d(features)` 完全一样：γ = 1，β = 0，滑动均值 0，滑动方差 1，各 D = `features` 个元素，每次调用都返回新数组。
 * @param features D, the number of columns the layer normalises: a positive integer
 *   中文：D，这一层归一化的列数：正整数
 * @returns `{ gamma, beta, state: { runningMean, runningVar } }`, four new Float64Arrays of D
 *   中文：`{ gamma, beta, state: { runningMean, runningVar } }`，四个新的 Float64Array，各 D 个元素
 * @throws Error naming the value when `features` is not a positive integer
 *   中文：`features` 不是正整数时，抛出写明该值的 Error
 */
export function createBatchNorm(features: number): BatchNormParams {
  throw new Error('not implemented: createBatchNorm(features)');
}

/**
 * Batch normalisation, forward: y = γ·x̂ + β with x̂ = (x − μ)/√(σ² + eps), column by column.
 *
 * 中文：批量归一化的前向传播：逐列计算 y = γ·x̂ + β，其中 x̂ = (x − μ)/√(σ² + eps)。
 * @param x N×D input, one example per row (not modified)
 *   中文：N×D 的输入，每行一个样本（不会被修改）
 * @param gamma D scales γ (not modified)
 *   中文：D 个缩放系数 γ（不会被修改）
 * @param beta D shifts β (not modified)
 *   中文：D 个平移量 β（不会被修改）
 * @param state the running mean and variance, D entries each; updated IN PLACE in train mode
 *   中文：滑动均值和滑动方差，各 D 个元素；训练模式下原地更新
 * @param options mode 'train' | 'eval', momentum (default 0.1), eps (default 1e-5)
 *   中文：mode 'train' | 'eval'，momentum（默认 0.1），eps（默认 1e-5）
 * @returns out, N×D, and the cache for batchnormBackward
 *   中文：out（N×D），以及给 batchnormBackward 用的缓存
 * @throws Error naming both shapes when gamma, beta or the state do not have D entries, and
 *   in train mode when N < 2 (a batch of one example has no variance)
 *   中文：当 gamma、beta 或 state 不是 D 个元素时，抛出写明两个形状的 Error；训练模式下 N < 2 时也抛出（只有一个样本的批量没有方差）
 */
export function batchnormForward(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  state: BatchNormState,
  options: BatchNormOptions,
): { out: Matrix; cache: BatchNormCache } {
  throw new Error('not implemented: batchnormForward(x, gamma, beta, state, options)');
}

/**
 * Batch normalisation, backward: the gradients of the loss with respect to x, γ and β.
 * In train mode μ and σ² are functions of x (see the graph in README.md); in eval mode they
 * are constants.
 *
 * 中文：批量归一化的反向传播：损失对 x、γ 和 β 的梯度。训练模式下 μ 和 σ² 是 x 的函数（见 README.zh-CN.md 中的计算图）；评估模式下它们是常数。
 * @param dout N×D upstream gradient ∂L/∂out (not modified)
 *   中文：N×D 的上游梯度 ∂L/∂out（不会被修改）
 * @param cache what batchnormForward returned
 *   中文：batchnormForward 返回的缓存
 * @returns dx N×D, dgamma D, dbeta D
 * @throws Error naming both shapes when dout is not the shape of the forward output
 *   中文：当 dout 与前向输出的形状不同时，抛出写明两个形状的 Error
 */
export function batchnormBackward(
  dout: Matrix,
  cache: BatchNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  throw new Error('not implemented: batchnormBackward(dout, cache)');
}

/**
 * Optional (graded only once you write it): the same gradients from one closed formula for dx
 * that you derive by simplifying your step-by-step backward (CS231n's batchnorm_backward_alt).
 * In train mode it needs only dout, x̂, γ, 1/√(σ² + eps) and two sums over the batch.
 *
 * 中文：选做（写了才评测）：同样的梯度，但 dx 用一个闭式公式算出，这个公式由你化简自己的逐步反向传播推导而来（即 CS231n 的 batchnorm_backward_alt）。训练模式下它只需要 dout、x̂、γ、1/√(σ² + eps) 和两个对批量的求和。
 * @param dout N×D upstream gradient (not modified)
 *   中文：N×D 的上游梯度（不会被修改）
 * @param cache what batchnormForward returned
 *   中文：batchnormForward 返回的缓存
 * @returns dx N×D, dgamma D, dbeta D, equal to batchnormBackward's
 *   中文：dx N×D、dgamma D、dbeta D，与 batchnormBackward 的结果相等
 */
export function batchnormBackwardAlt(
  dout: Matrix,
  cache: BatchNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  throw new Error('not implemented: batchnormBackwardAlt(dout, cache)');
}
