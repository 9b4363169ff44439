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
   * The learning rate (options.lr, default 1e-3). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule (the MNIST trainer's drop to lr/10) sets it between
   * steps, and the next step must use the new value.
   */
  lr: number;

  /**
   * @param options hyperparameters (see AdamOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   */
  constructor(options: AdamOptions = {}) {
    throw new Error('not implemented: new Adam(options)');
  }

  /**
   * One Adam update of every parameter, in place.
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   * @param grads one gradient per parameter, with the same number of entries; never modified
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: Adam.step(params, grads)');
  }
}
