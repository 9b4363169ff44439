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
   * The learning rate. Public and writable, like PyTorch's `param_groups[0]['lr']`, so that a
   * schedule (the MNIST trainer's drop to lr/10) can change it between steps.
   *
   * 中文：学习率。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`，这样学习率调度（比如 MNIST 训练器把它降到 lr/10）就能在两步之间修改它。
   */
  lr: number;
  protected readonly momentum: number;
  protected readonly nesterov: boolean;
  protected readonly weightDecay: number;
  /**
   * velocities[i] belongs to params[i].
   *
   * 中文：velocities[i] 对应 params[i]。
   */
  private readonly velocities: Float64Array[] = [];

  /**
   * @param options `{ lr, momentum, nesterov?, weightDecay? }`
   * @throws Error naming the option when lr, momentum or weightDecay is negative (or not a
   *   number), or when nesterov is true with momentum 0
   *   中文：当 lr、momentum 或 weightDecay 为负数（或不是数）时，或 nesterov 为 true 而 momentum 为 0 时，抛出写明该选项的 Error
   */
  constructor(options: SGDMomentumOptions) {
    const { lr, momentum, nesterov = false, weightDecay = 0 } = options;
    // `!(x >= 0)` is also true for NaN, which would otherwise poison every parameter silently.
    // `!(x >= 0)` 对 NaN 也为真；否则 NaN 会悄无声息地污染每个参数。
    if (!(lr >= 0)) throw new Error(`SGDMomentum: lr must be ≥ 0, got ${lr}`);
    if (!(momentum >= 0)) throw new Error(`SGDMomentum: momentum must be ≥ 0, got ${momentum}`);
    if (!(weightDecay >= 0)) throw new Error(`SGDMomentum: weightDecay must be ≥ 0, got ${weightDecay}`);
    if (nesterov && momentum === 0) {
      throw new Error('SGDMomentum: nesterov needs momentum > 0 (with momentum 0 there is no velocity to look ahead with)');
    }
    this.lr = lr;
    this.momentum = momentum;
    this.nesterov = nesterov;
    this.weightDecay = weightDecay;
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
    if (params.length !== grads.length) {
      throw new Error(`SGDMomentum.step: ${params.length} params but ${grads.length} grads`);
    }
    for (let i = 0; i < params.length; i++) {
      if (sizeOf(params[i]) !== sizeOf(grads[i])) {
        throw new Error(`SGDMomentum.step: params[${i}] is ${sizeOf(params[i])} but grads[${i}] is ${sizeOf(grads[i])}`);
      }
    }
    for (let i = 0; i < params.length; i++) {
      const p = paramData(params[i]);
      this.update(p, paramData(grads[i]), this.velocity(i, p.length));
    }
  }

  /**
   * The velocity of params[i]: all zeros on the first step that sees it, then carried over.
   *
   * 中文：params[i] 的速度：在第一次见到它的那一步全为 0，之后逐步延续。
   */
  protected velocity(i: number, size: number): Float64Array {
    this.velocities[i] ??= new Float64Array(size);
    const v = this.velocities[i];
    if (v.length !== size) {
      throw new Error(
        `SGDMomentum.step: params[${i}] has ${size} entries but had ${v.length} on earlier steps; ` +
          'pass the same parameters in the same order every time',
      );
    }
    return v;
  }

  /**
   * One parameter's update, entry by entry: p and v change in place, grad is only read.
   *
   * 中文：逐个元素更新一个参数：p 和 v 原地修改，grad 只读。
   */
  protected update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const { lr, momentum: mu, nesterov, weightDecay } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      v[k] = mu * v[k] + g;
      p[k] -= lr * (nesterov ? g + mu * v[k] : v[k]);
    }
  }
}

/**
 * "3×2" for a matrix, "4 entries" for a vector: what an error message names.
 *
 * 中文：矩阵写成 "3×2"，向量写成 "4 entries"：错误信息里用的写法。
 */
function sizeOf(p: Param): string {
  return isMatrix(p) ? shapeOf(p) : `${p.length} entries`;
}
