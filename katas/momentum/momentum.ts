/**
 * Kata: momentum. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- momentum`.
 */
import { isMatrix, paramData, shapeOf, type Param } from '../lib/matrix.ts';

/** The options of `new SGDMomentum(...)`, named as in torch.optim.SGD (dampening is always 0). */
export interface SGDMomentumOptions {
  /** Learning rate, ≥ 0. */
  lr: number;
  /** Momentum μ, ≥ 0. 0 is plain SGD. */
  momentum: number;
  /** Use Nesterov's look-ahead step g + μ·v instead of v. Needs momentum > 0. Default false. */
  nesterov?: boolean;
  /** L2 penalty λ, ≥ 0, added to the gradient as λ·p before the velocity update. Default 0. */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with momentum, with torch.optim.SGD's semantics (dampening 0).
 * For every entry of every parameter, on every call of `step`:
 *
 *     g ← grad + weightDecay·p
 *     v ← momentum·v + g                      (v starts at 0)
 *     p ← p − lr·(nesterov ? g + momentum·v : v)
 */
export class SGDMomentum {
  /**
   * The learning rate (options.lr). Public and writable, like PyTorch's
   * `param_groups[0]['lr']`: a schedule (the MNIST trainer's drop to lr/10) sets it between
   * steps, and the next step must use the new value.
   */
  lr: number;
  // The rest of your state goes here: the other options, and one velocity (a Float64Array) per
  // position in params.

  /**
   * @param options `{ lr, momentum, nesterov?, weightDecay? }`
   * @throws Error naming the option when lr, momentum or weightDecay is negative (or not a
   *   number), or when nesterov is true with momentum 0
   */
  constructor(options: SGDMomentumOptions) {
    throw new Error('not implemented: new SGDMomentum(options)');
  }

  /**
   * One update of every parameter, in place.
   * @param params the parameters (weight matrices, bias vectors); their numbers are updated
   *   in place. params[i] keeps its own velocity from call to call, so pass the same
   *   parameters in the same order every time.
   * @param grads grads[i] is the gradient of the loss with respect to params[i], same shape.
   *   Not modified.
   * @throws Error when params and grads differ in length (naming both lengths) or when a pair
   *   differs in shape (naming the position and both shapes)
   */
  step(params: readonly Param[], grads: readonly Param[]): void {
    throw new Error('not implemented: SGDMomentum.step(params, grads)');
  }
}
