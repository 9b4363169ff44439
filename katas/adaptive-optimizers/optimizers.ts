/**
 * Kata: adaptive-optimizers. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- adaptive-optimizers`.
 */
import { paramData, type Param } from '../lib/matrix.ts';

/** Adagrad's hyperparameters. Every one is optional; the defaults are PyTorch's. */
export interface AdagradOptions {
  /** Learning rate, ≥ 0. Default 1e-2. */
  lr?: number;
  /** Added to √sum (outside the square root) so the division is safe, ≥ 0. Default 1e-10. */
  eps?: number;
  /** L2 penalty added to the gradient (g ← g + weightDecay·p), ≥ 0. Default 0. */
  weightDecay?: number;
}

/** RMSprop's hyperparameters (not centred). Every one is optional; the defaults are PyTorch's. */
export interface RMSpropOptions {
  /** Learning rate, ≥ 0. Default 1e-2. */
  lr?: number;
  /** Decay α of the running mean of g², ≥ 0 (in practice close to 1). Default 0.99. */
  alpha?: number;
  /** Added to √v (outside the square root), ≥ 0. Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (g ← g + weightDecay·p), ≥ 0. Default 0. */
  weightDecay?: number;
  /** Momentum μ of the scaled step, ≥ 0. 0: no momentum buffer. Default 0. */
  momentum?: number;
}

/** AdamW's hyperparameters. Every one is optional; the defaults are PyTorch's. */
export interface AdamWOptions {
  /** Learning rate, ≥ 0. Default 1e-3. */
  lr?: number;
  /** Decay of the first moment m, in [0, 1). Default 0.9. */
  beta1?: number;
  /** Decay of the second moment v, in [0, 1). Default 0.999. */
  beta2?: number;
  /** Added to √v̂ (outside the square root), ≥ 0. Default 1e-8. */
  eps?: number;
  /** Decoupled weight decay λ: p ← p·(1 − lr·λ) before the Adam update, ≥ 0. Default 1e-2. */
  weightDecay?: number;
}

/**
 * Adagrad with `torch.optim.Adagrad` semantics (lr_decay 0, initial accumulator 0). On each
 * call of `step`, for every entry of every parameter:
 *
 *     g ← g + weightDecay·p
 *     sum ← sum + g²
 *     p ← p − lr·g / (√sum + eps)
 *
 * sum starts at 0 and is kept per position in the `params` array, in a field of the instance.
 */
export class Adagrad {
  /**
   * The learning rate (options.lr, default 1e-2). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule sets it between steps, and the next step must use the
   * new value.
   */
  lr: number;

  /**
   * @param options hyperparameters (see AdagradOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   */
  constructor(options: AdagradOptions = {}) {
    throw new Error('not implemented: new Adagrad(options)');
  }

  /**
   * One Adagrad update of every parameter, in place.
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   * @param grads one gradient per parameter, with the same number of entries; never modified
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: Adagrad.step(params, grads)');
  }
}

/**
 * RMSprop with `torch.optim.RMSprop` semantics (not centred). On each call of `step`, for every
 * entry of every parameter:
 *
 *     g ← g + weightDecay·p
 *     v ← α·v + (1 − α)·g²
 *     momentum 0:  p ← p − lr·g / (√v + eps)
 *     momentum μ:  buf ← μ·buf + g / (√v + eps);  p ← p − lr·buf
 *
 * v and buf start at 0 and are kept per position in the `params` array, in fields of the instance.
 */
export class RMSprop {
  /**
   * The learning rate (options.lr, default 1e-2). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule sets it between steps, and the next step must use the
   * new value.
   */
  lr: number;

  /**
   * @param options hyperparameters (see RMSpropOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   */
  constructor(options: RMSpropOptions = {}) {
    throw new Error('not implemented: new RMSprop(options)');
  }

  /**
   * One RMSprop update of every parameter, in place.
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   * @param grads one gradient per parameter, with the same number of entries; never modified
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: RMSprop.step(params, grads)');
  }
}

/**
 * AdamW with `torch.optim.AdamW` semantics. On each call of `step`, with t the number of steps
 * taken so far including this one (1 on the first step), for every entry of every parameter:
 *
 *     p ← p·(1 − lr·weightDecay)              (decoupled: g is left alone)
 *     m ← β1·m + (1 − β1)·g          v ← β2·v + (1 − β2)·g²
 *     m̂ = m / (1 − β1ᵗ)              v̂ = v / (1 − β2ᵗ)
 *     p ← p − lr·m̂ / (√v̂ + eps)
 *
 * m and v start at 0 and are kept per position in the `params` array; t is one count for the
 * whole optimizer. All of it lives in fields of the instance.
 */
export class AdamW {
  /**
   * The learning rate (options.lr, default 1e-3). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule sets it between steps, and the next step must use the
   * new value.
   */
  lr: number;

  /**
   * @param options hyperparameters (see AdamWOptions); an out-of-range value throws an Error
   *   naming the option and the value, as PyTorch does
   */
  constructor(options: AdamWOptions = {}) {
    throw new Error('not implemented: new AdamW(options)');
  }

  /**
   * One AdamW update of every parameter, in place.
   * @param params the parameters (matrices and vectors), updated in place; pass them in the
   *   same order on every step, since the optimizer's state belongs to each position
   * @param grads one gradient per parameter, with the same number of entries; never modified
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: AdamW.step(params, grads)');
  }
}
