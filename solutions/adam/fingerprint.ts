/**
 * Probes that tell the catalogued Adam mistakes apart (see grader/core/mistakes.ts). Each runs
 * a short fixed trajectory and returns the parameters (or gradients) it ends with; a learner
 * who differs from the reference exactly where a mistake does is told about that mistake.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { matrix, paramData, type Param } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/adam/adam.ts');
type Options = NonNullable<ConstructorParameters<Impl['Adam']>[0]>;

/** Fresh arrays every time, so a mistake that writes into its inputs cannot leak into the next step. */
const start = (): Param[] => [Float64Array.of(1, -2, 0.5)];
/** Gradients of order 1 that change sign between steps, so m and v evolve differently. */
const ordinary = (s: number): Param[] => [Float64Array.of(0.3 - s, 1 + 0.5 * s, -0.7 + 0.4 * s)];

/**
 * The parameters after `steps` steps of a fixed gradient sequence, flattened. With a
 * schedule, `optimizer.lr = schedule[s]` before step s, as a learning-rate scheduler does.
 */
function trajectory(impl: Impl, options: Options, steps: number, params = start(), grads = ordinary, schedule?: number[]): number[] {
  const optimizer = new impl.Adam(options);
  for (let s = 0; s < steps; s++) {
    if (schedule) optimizer.lr = schedule[s];
    optimizer.step(params, grads(s));
  }
  return params.flatMap((p) => Array.from(paramData(p)));
}

export const probes: Probes<Impl> = {
  // Step 1 alone: m̂ = g and v̂ = g², so only the bias correction, the square root and g² show.
  'one step, defaults': (k) => trajectory(k, {}, 1),
  // Later steps: the step count in 1 − βᵗ.
  'four steps, betas 0.8/0.99, lr 0.1': (k) => trajectory(k, { lr: 0.1, beta1: 0.8, beta2: 0.99 }, 4),
  // |g| ≈ 1e-8 ≈ eps: eps outside (√v̂ + eps) or inside (√(v̂ + eps)) differs by 1e4.
  'one step, gradients near 1e-8': (k) => trajectory(k, {}, 1, start(), () => [Float64Array.of(1e-8, -3e-8, 5e-9)]),
  // Two parameters: state per position, and one step count per optimizer.
  'a 2×2 matrix and a 3-vector, 3 steps': (k) =>
    trajectory(
      k,
      { lr: 0.1 },
      3,
      [matrix(2, 2, Float64Array.of(1, 2, 3, 4)), Float64Array.of(-1, 0, 1)],
      (s) => [matrix(2, 2, Float64Array.of(1, -1, 2 + s, 0.5)), Float64Array.of(3, -s, 2)],
    ),
  // L2 in the gradient vs AdamW's decoupled decay vs no decay.
  'weight decay 0.5, 3 steps': (k) => trajectory(k, { lr: 0.1, weightDecay: 0.5 }, 3),
  // lr written between steps (and before the first): the next step must use it.
  'lr 0.1 written as 0.01 before step 1, then 0.001 from step 3': (k) =>
    trajectory(k, { lr: 0.1 }, 4, start(), ordinary, [0.01, 0.01, 0.001, 0.001]),
  'grads after one step with weight decay': (k) => {
    const grads = ordinary(1);
    new k.Adam({ lr: 0.1, weightDecay: 0.5 }).step(start(), grads);
    return Array.from(paramData(grads[0]));
  },
};
