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
   * The learning rate. Public and writable, like PyTorch's `param_groups[0]['lr']`, so that a
   * schedule (the MNIST trainer's drop to lr/10) can change it between steps.
   */
  lr: number;
  protected readonly momentum: number;
  protected readonly nesterov: boolean;
  protected readonly weightDecay: number;
  /** velocities[i] belongs to params[i]. */
  private readonly velocities: Float64Array[] = [];

  /**
   * @param options `{ lr, momentum, nesterov?, weightDecay? }`
   * @throws Error naming the option when lr, momentum or weightDecay is negative (or not a
   *   number), or when nesterov is true with momentum 0
   */
  constructor(options: SGDMomentumOptions) {
    const { lr, momentum, nesterov = false, weightDecay = 0 } = options;
    // `!(x >= 0)` is also true for NaN, which would otherwise poison every parameter silently.
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
   * @param params the parameters (weight matrices, bias vectors); their numbers are updated
   *   in place. params[i] keeps its own velocity from call to call, so pass the same
   *   parameters in the same order every time.
   * @param grads grads[i] is the gradient of the loss with respect to params[i], same shape.
   *   Not modified.
   * @throws Error when params and grads differ in length (naming both lengths) or when a pair
   *   differs in shape (naming the position and both shapes)
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

  /** The velocity of params[i]: all zeros on the first step that sees it, then carried over. */
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

  /** One parameter's update, entry by entry: p and v change in place, grad is only read. */
  protected update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const { lr, momentum: mu, nesterov, weightDecay } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      v[k] = mu * v[k] + g;
      p[k] -= lr * (nesterov ? g + mu * v[k] : v[k]);
    }
  }
}

/** "3×2" for a matrix, "4 entries" for a vector: what an error message names. */
function sizeOf(p: Param): string {
  return isMatrix(p) ? shapeOf(p) : `${p.length} entries`;
}
