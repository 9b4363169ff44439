/**
 * Kata: adaptive-optimizers. Statement: README.md beside this file.
 *
 * 中文：本题是 adaptive-optimizers，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- adaptive-optimizers`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- adaptive-optimizers`。
 */
import { paramData, type Param } from '../lib/matrix.ts';

/**
 * Adagrad's hyperparameters. Every one is optional; the defaults are PyTorch's.
 *
 * 中文：Adagrad 的超参数。每个都可省略；默认值与 PyTorch 相同。
 */
export interface AdagradOptions {
  /**
   * Learning rate, ≥ 0. Default 1e-2.
   *
   * 中文：学习率，≥ 0。默认 1e-2。
   */
  lr?: number;
  /**
   * Added to √sum (outside the square root) so the division is safe, ≥ 0. Default 1e-10.
   *
   * 中文：加在 √sum 上（在平方根之外），保证除法安全，≥ 0。默认 1e-10。
   */
  eps?: number;
  /**
   * L2 penalty added to the gradient (g ← g + weightDecay·p), ≥ 0. Default 0.
   *
   * 中文：加到梯度上的 L2 惩罚项（g ← g + weightDecay·p），≥ 0。默认 0。
   */
  weightDecay?: number;
}

/**
 * RMSprop's hyperparameters (not centred). Every one is optional; the defaults are PyTorch's.
 *
 * 中文：RMSprop（非中心化版本）的超参数。每个都可省略；默认值与 PyTorch 相同。
 */
export interface RMSpropOptions {
  /**
   * Learning rate, ≥ 0. Default 1e-2.
   *
   * 中文：学习率，≥ 0。默认 1e-2。
   */
  lr?: number;
  /**
   * Decay α of the running mean of g², ≥ 0 (in practice close to 1). Default 0.99.
   *
   * 中文：g² 滑动平均的衰减系数 α，≥ 0（实际中接近 1）。默认 0.99。
   */
  alpha?: number;
  /**
   * Added to √v (outside the square root), ≥ 0. Default 1e-8.
   *
   * 中文：加在 √v 上（在平方根之外），≥ 0。默认 1e-8。
   */
  eps?: number;
  /**
   * L2 penalty added to the gradient (g ← g + weightDecay·p), ≥ 0. Default 0.
   *
   * 中文：加到梯度上的 L2 惩罚项（g ← g + weightDecay·p），≥ 0。默认 0。
   */
  weightDecay?: number;
  /**
   * Momentum μ of the scaled step, ≥ 0. 0: no momentum buffer. Default 0.
   *
   * 中文：缩放后那一步的动量 μ，≥ 0。0 表示没有动量缓冲区。默认 0。
   */
  momentum?: number;
}

/**
 * AdamW's hyperparameters. Every one is optional; the defaults are PyTorch's.
 *
 * 中文：AdamW 的超参数。每个都可省略；默认值与 PyTorch 相同。
 */
export interface AdamWOptions {
  /**
   * Learning rate, ≥ 0. Default 1e-3.
   *
   * 中文：学习率，≥ 0。默认 1e-3。
   */
  lr?: number;
  /**
   * Decay of the first moment m, in [0, 1). Default 0.9.
   *
   * 中文：一阶矩 m 的衰减系数，在 [0, 1) 中。默认 0.9。
   */
  beta1?: number;
  /**
   * Decay of the second moment v, in [0, 1). Default 0.999.
   *
   * 中文：二阶矩 v 的衰减系数，在 [0, 1) 中。默认 0.999。
   */
  beta2?: number;
  /**
   * Added to √v̂ (outside the square root), ≥ 0. Default 1e-8.
   *
   * 中文：加在 √v̂ 上（在平方根之外），≥ 0。默认 1e-8。
   */
  eps?: number;
  /**
   * Decoupled weight decay λ: p ← p·(1 − lr·λ) before the Adam update, ≥ 0. Default 1e-2.
   *
   * 中文：解耦的权重衰减 λ：在 Adam 更新之前做 p ← p·(1 − lr·λ)，≥ 0。默认 1e-2。
   */
  weightDecay?: number;
}

/**
 * Adagrad with `torch.optim.Adagrad` semantics (lr_decay 0, initial accumulator 0). On each
 * call of `step`, for every entry of every parameter:
 *
 * 中文：与 `torch.optim.Adagrad` 语义相同的 Adagrad（lr_decay 为 0，累加器初值为 0）。每次调用 `step` 时，对每个参数的每个元素：
 *
 *     g ← g + weightDecay·p
 *     sum ← sum + g²
 *     p ← p − lr·g / (√sum + eps)
 *
 * sum starts at 0 and is kept per position in the `params` array, in a field of the instance.
 *
 * 中文：sum 从 0 开始，按在 `params` 数组中的位置分别保存，存在实例的一个字段里。
 */
export class Adagrad {
  /**
   * The learning rate (options.lr, default 1e-2). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule sets it between steps, and the next step must use the
   * new value.
   *
   * 中文：学习率（options.lr，默认 1e-2）。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`：学习率调度会在两步之间修改它，下一步必须用新值。
   */
  lr: number;

  /**
   * @param options hyperparameters (see AdagradOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   *   中文：超参数（见 AdagradOptions）；取值超出范围时，像 PyTorch 那样抛出写明该选项及其取值的 Error
   */
  constructor(options: AdagradOptions = {}) {
    throw new Error('not implemented: new Adagrad(options)');
  }

  /**
   * One Adagrad update of every parameter, in place.
   *
   * 中文：对每个参数原地做一次 Adagrad 更新。
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   *   中文：参数（矩阵和向量），原地更新；每一步都要按相同的顺序传入，因为优化器的状态是按位置对应的
   * @param grads one gradient per parameter, with the same number of entries; never modified
   *   中文：每个参数一个梯度，元素个数与参数相同；永远不会被修改
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: Adagrad.step(params, grads)');
  }
}

/**
 * RMSprop with `torch.optim.RMSprop` semantics (not centred). On each call of `step`, for every
 * entry of every parameter:
 *
 * 中文：与 `torch.optim.RMSprop` 语义相同的 RMSprop（非中心化）。每次调用 `step` 时，对每个参数的每个元素：
 *
 *     g ← g + weightDecay·p
 *     v ← α·v + (1 − α)·g²
 *     momentum 0:  p ← p − lr·g / (√v + eps)
 *     momentum μ:  buf ← μ·buf + g / (√v + eps);  p ← p − lr·buf
 *
 * v and buf start at 0 and are kept per position in the `params` array, in fields of the instance.
 *
 * 中文：v 和 buf 从 0 开始，按在 `params` 数组中的位置分别保存，存在实例的字段里。
 */
export class RMSprop {
  /**
   * The learning rate (options.lr, default 1e-2). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule sets it between steps, and the next step must use the
   * new value.
   *
   * 中文：学习率（options.lr，默认 1e-2）。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`：学习率调度会在两步之间修改它，下一步必须用新值。
   */
  lr: number;

  /**
   * @param options hyperparameters (see RMSpropOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   *   中文：超参数（见 RMSpropOptions）；取值超出范围时，像 PyTorch 那样抛出写明该选项及其取值的 Error
   */
  constructor(options: RMSpropOptions = {}) {
    throw new Error('not implemented: new RMSprop(options)');
  }

  /**
   * One RMSprop update of every parameter, in place.
   *
   * 中文：对每个参数原地做一次 RMSprop 更新。
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   *   中文：参数（矩阵和向量），原地更新；每一步都要按相同的顺序传入，因为优化器的状态是按位置对应的
   * @param grads one gradient per parameter, with the same number of entries; never modified
   *   中文：每个参数一个梯度，元素个数与参数相同；永远不会被修改
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: RMSprop.step(params, grads)');
  }
}

/**
 * AdamW with `torch.optim.AdamW` semantics. On each call of `step`, with t the number of steps
 * taken so far including this one (1 on the first step), for every entry of every parameter:
 *
 * 中文：与 `torch.optim.AdamW` 语义相同的 AdamW。每次调用 `step` 时，记 t 为到目前为止（含这一步）走过的步数（第一步时为 1），对每个参数的每个元素：
 *
 *     p ← p·(1 − lr·weightDecay)              (decoupled: g is left alone)
 *     m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 *     m̂ = m / (1 − β1ᵗ)              v̂ = v / (1 − β2ᵗ)
 *     p ← p − lr·m̂ / (√v̂ + eps)
 *
 * m and v start at 0 and are kept per position in the `params` array; t is one count for the
 * whole optimizer. All of it lives in fields of the instance.
 *
 * 中文：m 和 v 从 0 开始，按在 `params` 数组中的位置分别保存；t 是整个优化器共用的一个计数。这些都存在实例的字段里。
 */
export class AdamW {
  /**
   * The learning rate (options.lr, default 1e-3). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule sets it between steps, and the next step must use the
   * new value.
   *
   * 中文：学习率（options.lr，默认 1e-3）。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`：学习率调度会在两步之间修改它，下一步必须用新值。
   */
  lr: number;

  /**
   * @param options hyperparameters (see AdamWOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   *   中文：超参数（见 AdamWOptions）；取值超出范围时，像 PyTorch 那样抛出写明该选项及其取值的 Error
   */
  constructor(options: AdamWOptions = {}) {
    throw new Error('not implemented: new AdamW(options)');
  }

  /**
   * One AdamW update of every parameter, in place.
   *
   * 中文：对每个参数原地做一次 AdamW 更新。
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   *   中文：参数（矩阵和向量），原地更新；每一步都要按相同的顺序传入，因为优化器的状态是按位置对应的
   * @param grads one gradient per parameter, with the same number of entries; never modified
   *   中文：每个参数一个梯度，元素个数与参数相同；永远不会被修改
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: AdamW.step(params, grads)');
  }
}
