/**
 * Kata: adam. Statement: README.md beside this file.
 *
 * 中文：本题是 adam，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- adam`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- adam`。
 */
import { paramData, type Param } from '../lib/matrix.ts';

/**
 * Adam's hyperparameters. Every one is optional; the defaults are PyTorch's.
 *
 * 中文：Adam 的超参数。每一个都可省略；默认值与 PyTorch 相同。
 */
export interface AdamOptions {
  /**
   * Learning rate, ≥ 0. Default 1e-3.
   *
   * 中文：学习率，≥ 0。默认 1e-3。
   */
  lr?: number;
  /**
   * Decay of the first moment m (the running mean of g), in [0, 1). Default 0.9.
   *
   * 中文：一阶矩 m（g 的指数移动平均）的衰减率，在 [0, 1) 内。默认 0.9。
   */
  beta1?: number;
  /**
   * Decay of the second moment v (the running mean of g²), in [0, 1). Default 0.999.
   *
   * 中文：二阶矩 v（g² 的指数移动平均）的衰减率，在 [0, 1) 内。默认 0.999。
   */
  beta2?: number;
  /**
   * Added to √v̂ (outside the square root) so the division is safe, ≥ 0. Default 1e-8.
   *
   * 中文：加到 √v̂ 上（在平方根之外），保证除法安全，≥ 0。默认 1e-8。
   */
  eps?: number;
  /**
   * L2 penalty added to the gradient (g ← g + weightDecay·p), ≥ 0. Default 0.
   *
   * 中文：加到梯度上的 L2 惩罚（g ← g + weightDecay·p），≥ 0。默认 0。
   */
  weightDecay?: number;
}

/**
 * Adam with `torch.optim.Adam` semantics. On each call of `step`, with t the number of steps
 * taken so far including this one (1 on the first step), for every entry of every parameter:
 *
 * 中文：语义与 `torch.optim.Adam` 相同的 Adam。每次调用 `step` 时，记 t 为到目前为止（含这一步）走过的步数（第一步时为 1），对每个参数的每个元素：
 *
 *     g ← g + weightDecay·p
 *     m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 *     m̂ = m / (1 − β1ᵗ)              v̂ = v / (1 − β2ᵗ)
 *     p ← p − lr·m̂ / (√v̂ + eps)
 *
 * m and v start at 0 and are kept per position in the `params` array; t is one count for the
 * whole optimizer. All of it, like the hyperparameters, lives in fields of the instance.
 *
 * 中文：m 和 v 从 0 开始，按 `params` 数组中的位置各存一份；t 是整个优化器共用的一个计数。这些状态和超参数一样，都存在实例的字段里。
 */
export class Adam {
  /**
   * The learning rate (options.lr, default 1e-3). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule (the MNIST trainer's drop to lr/10) sets it between
   * steps, and the next step must use the new value.
   *
   * 中文：学习率（options.lr，默认 1e-3）。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`：学习率调度（比如 MNIST 训练器把它降到 lr/10）会在两步之间修改它，下一步必须用新值。
   */
  lr: number;

  /**
   * @param options hyperparameters (see AdamOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   *   中文：超参数（见 AdamOptions）；取值超出范围时，像 PyTorch 一样抛出写明该选项和取值的 Error
   */
  constructor(options: AdamOptions = {}) {
    throw new Error('not implemented: new Adam(options)');
  }

  /**
   * One Adam update of every parameter, in place.
   *
   * 中文：对每个参数原地做一次 Adam 更新。
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   *   中文：参数（矩阵和向量），原地更新；每一步都要按相同的顺序传入，因为优化器的状态是按位置存的
   * @param grads one gradient per parameter, with the same number of entries; never modified
   *   中文：每个参数一个梯度，元素个数与参数相同；不会被修改
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: Adam.step(params, grads)');
  }
}
