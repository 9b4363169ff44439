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
 * Throws, before anything is updated, when params and grads (or the state made on the first
 * step) do not line up. `state` is one buffer per parameter, or null before the first step.
 *
 * 中文：当 params 与 grads（或第一步建立的状态）对不上时，在更新任何东西之前抛出错误。`state` 是每个参数一个缓冲区，第一步之前为 null。
 */
function checkSizes(name: string, params: readonly Param[], grads: readonly Param[], state: readonly Float64Array[] | null): void {
  if (params.length !== grads.length) {
    throw new Error(`${name}.step: got ${params.length} params but ${grads.length} grads; pass one gradient per parameter`);
  }
  if (state && params.length !== state.length) {
    throw new Error(`${name}.step: got ${params.length} params, but the first step had ${state.length}; pass the same parameters every step`);
  }
  for (let i = 0; i < params.length; i++) {
    const size = paramData(params[i]).length;
    const gradSize = paramData(grads[i]).length;
    if (size !== gradSize) {
      throw new Error(`${name}.step: params[${i}] has ${size} entries but grads[${i}] has ${gradSize}`);
    }
    if (state && size !== state[i].length) {
      throw new Error(`${name}.step: params[${i}] has ${size} entries, but it had ${state[i].length} on the first step`);
    }
  }
}

/**
 * One zero buffer per parameter, of its size.
 *
 * 中文：每个参数一个全零缓冲区，大小与该参数相同。
 */
const zerosLike = (params: readonly Param[]): Float64Array[] => params.map((p) => new Float64Array(paramData(p).length));

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
   * The learning rate. Public and writable, like PyTorch's `param_groups[0]['lr']`.
   *
   * 中文：学习率。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`。
   */
  lr: number;
  protected readonly eps: number;
  protected readonly weightDecay: number;
  /**
   * sums[i] belongs to params[i]. Allocated on the first step.
   *
   * 中文：sums[i] 对应 params[i]。在第一步时分配。
   */
  protected sums: Float64Array[] | null = null;

  /**
   * @param options hyperparameters (see AdagradOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   *   中文：超参数（见 AdagradOptions）；取值超出范围时，像 PyTorch 那样抛出写明该选项及其取值的 Error
   */
  constructor(options: AdagradOptions = {}) {
    const { lr = 1e-2, eps = 1e-10, weightDecay = 0 } = options;
    // Written as !(in range) so that NaN is rejected too.
    // 写成 !(在范围内) 的形式，这样 NaN 也会被拒绝。
    if (!(lr >= 0)) throw new Error(`Adagrad: lr must be ≥ 0, got ${lr}`);
    if (!(eps >= 0)) throw new Error(`Adagrad: eps must be ≥ 0, got ${eps}`);
    if (!(weightDecay >= 0)) throw new Error(`Adagrad: weightDecay must be ≥ 0, got ${weightDecay}`);
    this.lr = lr;
    this.eps = eps;
    this.weightDecay = weightDecay;
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
    checkSizes('Adagrad', params, grads, this.sums);
    this.sums ??= zerosLike(params);
    for (let i = 0; i < params.length; i++) this.update(paramData(params[i]), paramData(grads[i]), this.sums[i]);
  }

  /**
   * One parameter, in one pass over its entries.
   *
   * 中文：处理一个参数，对它的元素只遍历一遍。
   */
  protected update(p: Float64Array, grad: Float64Array, sum: Float64Array): void {
    const { lr, eps, weightDecay } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      sum[k] += g * g;
      p[k] -= (lr * g) / (Math.sqrt(sum[k]) + eps);
    }
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
   * The learning rate. Public and writable, like PyTorch's `param_groups[0]['lr']`.
   *
   * 中文：学习率。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`。
   */
  lr: number;
  protected readonly alpha: number;
  protected readonly eps: number;
  protected readonly weightDecay: number;
  protected readonly momentum: number;
  /**
   * squareAvgs[i] (v) and buffers[i] (buf) belong to params[i]. Allocated on the first step.
   *
   * 中文：squareAvgs[i]（v）和 buffers[i]（buf）对应 params[i]。在第一步时分配。
   */
  protected squareAvgs: Float64Array[] | null = null;
  protected buffers: Float64Array[] = [];

  /**
   * @param options hyperparameters (see RMSpropOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   *   中文：超参数（见 RMSpropOptions）；取值超出范围时，像 PyTorch 那样抛出写明该选项及其取值的 Error
   */
  constructor(options: RMSpropOptions = {}) {
    const { lr = 1e-2, alpha = 0.99, eps = 1e-8, weightDecay = 0, momentum = 0 } = options;
    if (!(lr >= 0)) throw new Error(`RMSprop: lr must be ≥ 0, got ${lr}`);
    if (!(alpha >= 0)) throw new Error(`RMSprop: alpha must be ≥ 0, got ${alpha}`);
    if (!(eps >= 0)) throw new Error(`RMSprop: eps must be ≥ 0, got ${eps}`);
    if (!(weightDecay >= 0)) throw new Error(`RMSprop: weightDecay must be ≥ 0, got ${weightDecay}`);
    if (!(momentum >= 0)) throw new Error(`RMSprop: momentum must be ≥ 0, got ${momentum}`);
    this.lr = lr;
    this.alpha = alpha;
    this.eps = eps;
    this.weightDecay = weightDecay;
    this.momentum = momentum;
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
    checkSizes('RMSprop', params, grads, this.squareAvgs);
    if (!this.squareAvgs) {
      this.squareAvgs = zerosLike(params);
      this.buffers = zerosLike(params);
    }
    for (let i = 0; i < params.length; i++) {
      this.update(paramData(params[i]), paramData(grads[i]), this.squareAvgs[i], this.buffers[i]);
    }
  }

  /**
   * One parameter, in one pass over its entries.
   *
   * 中文：处理一个参数，对它的元素只遍历一遍。
   */
  protected update(p: Float64Array, grad: Float64Array, v: Float64Array, buf: Float64Array): void {
    const { lr, alpha, eps, weightDecay, momentum } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      v[k] = alpha * v[k] + (1 - alpha) * g * g;
      const scaled = g / (Math.sqrt(v[k]) + eps);
      if (momentum > 0) {
        buf[k] = momentum * buf[k] + scaled;
        p[k] -= lr * buf[k];
      } else {
        p[k] -= lr * scaled;
      }
    }
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
   * The learning rate. Public and writable, like PyTorch's `param_groups[0]['lr']`.
   *
   * 中文：学习率。公开且可写，就像 PyTorch 的 `param_groups[0]['lr']`。
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
  protected m: Float64Array[] | null = null;
  protected v: Float64Array[] = [];
  /**
   * Steps taken so far, by the whole optimizer.
   *
   * 中文：整个优化器到目前为止走过的步数。
   */
  protected t = 0;
  /**
   * 1 − lr·weightDecay: the decoupled decay factor. Set once per step.
   *
   * 中文：1 − lr·weightDecay：解耦的衰减因子。每步设置一次。
   */
  protected decay = 1;
  /**
   * lr / (1 − β1ᵗ): folds m̂'s bias correction into the step size. Set once per step.
   *
   * 中文：lr / (1 − β1ᵗ)：把 m̂ 的偏差修正并入步长。每步设置一次。
   */
  protected stepSize = 0;
  /**
   * √(1 − β2ᵗ): √v̂ is √v divided by it. Set once per step.
   *
   * 中文：√(1 − β2ᵗ)：√v̂ 等于 √v 除以它。每步设置一次。
   */
  protected sqrtBias2 = 1;

  /**
   * @param options hyperparameters (see AdamWOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   *   中文：超参数（见 AdamWOptions）；取值超出范围时，像 PyTorch 那样抛出写明该选项及其取值的 Error
   */
  constructor(options: AdamWOptions = {}) {
    const { lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 1e-2 } = options;
    if (!(lr >= 0)) throw new Error(`AdamW: lr must be ≥ 0, got ${lr}`);
    if (!(beta1 >= 0 && beta1 < 1)) throw new Error(`AdamW: beta1 must be in [0, 1), got ${beta1}`);
    if (!(beta2 >= 0 && beta2 < 1)) throw new Error(`AdamW: beta2 must be in [0, 1), got ${beta2}`);
    if (!(eps >= 0)) throw new Error(`AdamW: eps must be ≥ 0, got ${eps}`);
    if (!(weightDecay >= 0)) throw new Error(`AdamW: weightDecay must be ≥ 0, got ${weightDecay}`);
    this.lr = lr;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.weightDecay = weightDecay;
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
    checkSizes('AdamW', params, grads, this.m);
    if (!this.m) {
      this.m = zerosLike(params);
      this.v = zerosLike(params);
    }
    this.t++;
    this.prepare(this.t);
    for (let i = 0; i < params.length; i++) {
      this.update(paramData(params[i]), paramData(grads[i]), this.m[i], this.v[i]);
    }
  }

  /**
   * The decay factor and the bias corrections are the same for every entry: computed once per step.
   *
   * 中文：衰减因子和偏差修正对每个元素都一样：每步只算一次。
   */
  protected prepare(t: number): void {
    this.decay = 1 - this.lr * this.weightDecay;
    this.stepSize = this.lr / (1 - this.beta1 ** t);
    this.sqrtBias2 = Math.sqrt(1 - this.beta2 ** t);
  }

  /**
   * One parameter, in one pass over its entries: decay first, then Adam's step without L2.
   *
   * 中文：处理一个参数，对它的元素只遍历一遍：先衰减，再走不带 L2 的 Adam 一步。
   */
  protected update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, decay, stepSize, sqrtBias2 } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k];
      p[k] *= decay;
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) / sqrtBias2 + eps);
    }
  }
}
