/**
 * Kata: momentum. Statement: README.md beside this file.
 *
 * 中文：本题是 momentum，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- momentum`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- momentum`。
 */
import { isMatrix, paramData, shapeOf, type Param } from '../lib/matrix.ts';

/**
 * The options of `new SGDMomentum(...)`, named as in torch.optim.SGD (dampening is always 0).
 *
 * 中文：`new SGDMomentum(...)` 的选项，命名与 torch.optim.SGD 相同（dampening 恒为 0）。
 */
export interface SGDMomentumOptions {
  /**
   * Learning rate, ≥ 0.
   *
   * 中文：学习率，≥ 0。
   */
  lr: number;
  /**
   * Momentum μ, ≥ 0. 0 is plain SGD.
   *
   * 中文：动量 μ，≥ 0。取 0 就是朴素的 SGD。
   */
  momentum: number;
  /**
   * Use Nesterov's look-ahead step g + μ·v instead of v. Needs momentum > 0. Default false.
   *
   * 中文：用 Nesterov 的前瞻步 g + μ·v 代替 v。要求 momentum > 0。默认 false。
   */
  nesterov?: boolean;
  /**
   * L2 penalty λ, ≥ 0, added to the gradient as λ·p before the velocity update. Default 0.
   *
   * 中文：L2 惩罚系数 λ，≥ 0，在更新速度之前以 λ·p 的形式加到梯度上。默认 0。
   */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with momentum, with torch.optim.SGD's semantics (dampening 0).
 * For every entry of every parameter, on every call of `step`:
 *
 * 中文：带动量的随机梯度下降，语义与 torch.optim.SGD 相同（dampening 为 0）。每次调用 `step` 时，对每个参数的每个元素：
 *
 *     g ← grad + weightDecay·p
 *     v ← momentum·v + g                      (v starts at 0 / v 初始为 0)
 *     p ← p − lr·(nesterov ? g + momentum·v : v)
 */
export class SGDMomentum {
  /**
   * The learning rate (options.lr). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule (the MNIST trainer's drop to lr/10) sets it between
   * steps, and the next step must use the new value.
   *
   * 中文：学习率（options.lr）。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`：学习率调度（比如 MNIST 训练器把它降到 lr/10）会在两步之间修改它，下一步必须用新值。
   */
  lr: number;
  // The rest of your state goes here: the other options, and one velocity (a Float64Array) per
  // position in params.
  // 其余的状态写在这里：其他选项，以及 params 中每个位置各一个速度（一个 Float64Array）。

  /**
   * @param options `{ lr, momentum, nesterov?, weightDecay? }`
   * @throws Error naming the option when lr, momentum or weightDecay is negative (or not a
   *   number), or when nesterov is true with momentum 0
   *   中文：当 lr、momentum 或 weightDecay 为负数（或不是数）时，或 nesterov 为 true 而 momentum 为 0 时，抛出写明该选项的 Error
   */
  constructor(options: SGDMomentumOptions) {
    throw new Error('not implemented: new SGDMomentum(options)');
  }

  /**
   * One update of every parameter, in place.
   *
   * 中文：对每个参数原地做一次更新。
   * @param params the parameters (weight matrices, bias vectors); their numbers are updated
   *   in place. params[i] keeps its own velocity from call to call, so pass the same
   *   parameters in the same order every time.
   *   中文：参数（权重矩阵、偏置向量）；其中的数值原地更新。params[i] 在多次调用之间保留自己的速度，所以每次都要按相同的顺序传入相同的参数。
   * @param grads grads[i] is the gradient of the loss with respect to params[i], same shape.
   *   Not modified.
   *   中文：grads[i] 是损失对 params[i] 的梯度，形状相同。不会被修改。
   * @throws Error when params and grads differ in length (naming both lengths) or when a pair
   *   differs in shape (naming the position and both shapes)
   *   中文：当 params 和 grads 长度不同（写明两个长度），或某一对形状不同（写明位置和两个形状）时，抛出 Error
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: SGDMomentum.step(params, grads)');
  }
}
