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
   * The learning rate. Public and writable, like PyTorch's `param_groups[0]['lr']`, so that a
   * schedule (the MNIST trainer's drop to lr/10) can change it between steps.
   *
   * 中文：学习率。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`，这样学习率调度（比如 MNIST 训练器把它降到 lr/10）就能在两步之间修改它。
   */
  lr: number;
  protected readonly beta1: number;
  protected readonly beta2: number;
  protected readonly eps: number;
  protected readonly weightDecay: number;
  /**
   * First and second moments: m[i] and v[i] belong to params[i]. Allocated on the first step.
   *
   * 中文：一阶矩和二阶矩：m[i] 和 v[i] 对应 params[i]。在第一步时分配。
   */
  protected m: Float64Array[] = [];
  protected v: Float64Array[] = [];
  /**
   * Steps taken so far, by the whole optimizer.
   *
   * 中文：整个优化器到目前为止走过的步数。
   */
  protected t = 0;
  /**
   * lr / (1 − β1ᵗ): folds m̂'s bias correction into the step size. Set once per step.
   *
   * 中文：lr / (1 − β1ᵗ)：把 m̂ 的偏差修正并入步长。每步设置一次。
   */
  protected stepSize = 0;
  /**
   * 1 / √(1 − β2ᵗ): turns √v into √v̂. Set once per step.
   *
   * 中文：1 / √(1 − β2ᵗ)：把 √v 变成 √v̂。每步设置一次。
   */
  protected sqrtVScale = 0;

  /**
   * @param options hyperparameters (see AdamOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   *   中文：超参数（见 AdamOptions）；取值超出范围时，像 PyTorch 一样抛出写明该选项和取值的 Error
   */
  constructor(options: AdamOptions = {}) {
    const { lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 } = options;
    // Written as !(in range) so that NaN is rejected too.
    // 写成 !(在范围内) 的形式，这样 NaN 也会被拒绝。
    if (!(lr >= 0)) throw new Error(`Adam: lr must be ≥ 0, got ${lr}`);
    if (!(beta1 >= 0 && beta1 < 1)) throw new Error(`Adam: beta1 must be in [0, 1), got ${beta1}`);
    if (!(beta2 >= 0 && beta2 < 1)) throw new Error(`Adam: beta2 must be in [0, 1), got ${beta2}`);
    if (!(eps >= 0)) throw new Error(`Adam: eps must be ≥ 0, got ${eps}`);
    if (!(weightDecay >= 0)) throw new Error(`Adam: weightDecay must be ≥ 0, got ${weightDecay}`);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
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
    this.checkSizes(params, grads);
    if (this.t === 0) this.createState(params);
    this.t++;
    this.setBiasCorrections(this.t);
    for (let i = 0; i < params.length; i++) {
      this.update(paramData(params[i]), paramData(grads[i]), this.m[i], this.v[i]);
    }
  }

  /**
   * m and v start at 0, one pair of buffers per parameter.
   *
   * 中文：m 和 v 从 0 开始，每个参数一对缓冲区。
   */
  protected createState(params: readonly Param[]): void {
    this.m = params.map((p) => new Float64Array(paramData(p).length));
    this.v = params.map((p) => new Float64Array(paramData(p).length));
  }

  /**
   * The bias corrections are the same for every entry, so they are computed once per step.
   *
   * 中文：偏差修正对每个元素都一样，所以每步只算一次。
   */
  protected setBiasCorrections(t: number): void {
    this.stepSize = this.lr / (1 - this.beta1 ** t);
    this.sqrtVScale = 1 / Math.sqrt(1 - this.beta2 ** t);
  }

  /**
   * One parameter, in one fused pass over its entries with nothing allocated (the MNIST trainer
   * calls this for 118,282 numbers, 1875 times an epoch). lr·m̂/(√v̂ + eps) is computed as
   * stepSize·m/(√v·sqrtVScale + eps): the same value, computed the way PyTorch does.
   *
   * 中文：一个参数，对它的元素只做一趟融合的遍历，不分配任何内存（MNIST 训练器每轮要对 118,282 个数调用它 1875 次）。lr·m̂/(√v̂ + eps) 按 stepSize·m/(√v·sqrtVScale + eps) 计算：值相同，算法与 PyTorch 一致。
   */
  protected update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, weightDecay, stepSize, sqrtVScale } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      const mk = beta1 * m[k] + (1 - beta1) * g;
      const vk = beta2 * v[k] + (1 - beta2) * g * g;
      m[k] = mk;
      v[k] = vk;
      p[k] -= (stepSize * mk) / (Math.sqrt(vk) * sqrtVScale + eps);
    }
  }

  /**
   * Throws, before anything is updated, when params and grads (or the state) do not line up.
   *
   * 中文：当 params 和 grads（或状态）对不上时，在更新任何东西之前就抛出错误。
   */
  protected checkSizes(params: readonly Param[], grads: readonly Param[]): void {
    if (params.length !== grads.length) {
      throw new Error(`Adam.step: got ${params.length} params but ${grads.length} grads; pass one gradient per parameter`);
    }
    if (this.t > 0 && params.length !== this.m.length) {
      throw new Error(`Adam.step: got ${params.length} params, but the first step had ${this.m.length}; pass the same parameters every step`);
    }
    for (let i = 0; i < params.length; i++) {
      const size = paramData(params[i]).length;
      const gradSize = paramData(grads[i]).length;
      if (size !== gradSize) {
        throw new Error(`Adam.step: params[${i}] has ${size} entries but grads[${i}] has ${gradSize}`);
      }
      if (this.t > 0 && size !== this.m[i].length) {
        throw new Error(`Adam.step: params[${i}] has ${size} entries, but it had ${this.m[i].length} on the first step`);
      }
    }
  }
}
