/**
 * Kata: adam. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- adam`.
 */
import { paramData, type Param } from '../lib/matrix.ts';

/** Adam's hyperparameters. Every one is optional; the defaults are PyTorch's. */
export interface AdamOptions {
  /** Learning rate, ≥ 0. Default 1e-3. */
  lr?: number;
  /** Decay of the first moment m (the running mean of g), in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second moment v (the running mean of g²), in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to √v̂ (outside the square root) so the division is safe, ≥ 0. Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (g ← g + weightDecay·p), ≥ 0. Default 0. */
  weightDecay?: number;
}

/**
 * Adam with `torch.optim.Adam` semantics. On each call of `step`, with t the number of steps
 * taken so far including this one (1 on the first step), for every entry of every parameter:
 *
 *     g ← g + weightDecay·p
 *     m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 *     m̂ = m / (1 − β1ᵗ)              v̂ = v / (1 − β2ᵗ)
 *     p ← p − lr·m̂ / (√v̂ + eps)
 *
 * m and v start at 0 and are kept per position in the `params` array; t is one count for the
 * whole optimizer. All of it, like the hyperparameters, lives in fields of the instance.
 */
export class Adam {
  /**
   * The learning rate. Public and writable, like PyTorch's `param_groups[0]['lr']`, so that a
   * schedule (the MNIST trainer's drop to lr/10) can change it between steps.
   */
  lr: number;
  protected readonly beta1: number;
  protected readonly beta2: number;
  protected readonly eps: number;
  protected readonly weightDecay: number;
  /** First and second moments: m[i] and v[i] belong to params[i]. Allocated on the first step. */
  protected m: Float64Array[] = [];
  protected v: Float64Array[] = [];
  /** Steps taken so far, by the whole optimizer. */
  protected t = 0;
  /** lr / (1 − β1ᵗ): folds m̂'s bias correction into the step size. Set once per step. */
  protected stepSize = 0;
  /** 1 / √(1 − β2ᵗ): turns √v into √v̂. Set once per step. */
  protected sqrtVScale = 0;

  /**
   * @param options hyperparameters (see AdamOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   */
  constructor(options: AdamOptions = {}) {
    const { lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8, weightDecay = 0 } = options;
    // Written as !(in range) so that NaN is rejected too.
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
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   * @param grads one gradient per parameter, with the same number of entries; never modified
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

  /** m and v start at 0, one pair of buffers per parameter. */
  protected createState(params: readonly Param[]): void {
    this.m = params.map((p) => new Float64Array(paramData(p).length));
    this.v = params.map((p) => new Float64Array(paramData(p).length));
  }

  /** The bias corrections are the same for every entry, so they are computed once per step. */
  protected setBiasCorrections(t: number): void {
    this.stepSize = this.lr / (1 - this.beta1 ** t);
    this.sqrtVScale = 1 / Math.sqrt(1 - this.beta2 ** t);
  }

  /**
   * One parameter, in one fused pass over its entries with nothing allocated (the MNIST trainer
   * calls this for 118,282 numbers, 1875 times an epoch). lr·m̂/(√v̂ + eps) is computed as
   * stepSize·m/(√v·sqrtVScale + eps): the same value, computed the way PyTorch does.
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

  /** Throws, before anything is updated, when params and grads (or the state) do not line up. */
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
