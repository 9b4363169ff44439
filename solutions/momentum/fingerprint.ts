/**
 * Probes that tell the catalogued momentum mistakes apart (see grader/core/mistakes.ts).
 * Each runs a short fixed trajectory and returns the parameters (or gradients) it ends with;
 * a learner who differs from the reference exactly where a mistake does is told about it.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { matrix, paramData, type Param } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/momentum/momentum.ts');
type Options = ConstructorParameters<Impl['SGDMomentum']>[0];

/** Fresh copies every time, so a mistake that writes into its inputs cannot leak into the next step. */
const start = (): Param[] => [Float64Array.of(1, -2, 0.5)];
const gradientAt = (step: number): Param[] => [Float64Array.of(0.3 - step, 1 + 0.5 * step, -0.7 * step)];

/**
 * The parameters after `steps` steps of the fixed gradient sequence, flattened. With a
 * schedule, `optimizer.lr = schedule[s]` before step s, as a learning-rate scheduler does.
 */
function trajectory(impl: Impl, options: Options, steps = 3, params = start(), grads = gradientAt, schedule?: number[]): number[] {
  const optimizer = new impl.SGDMomentum(options);
  for (let s = 0; s < steps; s++) {
    if (schedule) optimizer.lr = schedule[s];
    optimizer.step(params, grads(s));
  }
  return params.flatMap((p) => Array.from(paramData(p)));
}

export const probes: Probes<Impl> = {
  'momentum 0, 2 steps': (k) => trajectory(k, { lr: 0.1, momentum: 0 }, 2),
  'momentum 0.9, 3 steps': (k) => trajectory(k, { lr: 0.1, momentum: 0.9 }),
  'Nesterov, 3 steps': (k) => trajectory(k, { lr: 0.1, momentum: 0.9, nesterov: true }),
  'weight decay 0.5, 3 steps': (k) => trajectory(k, { lr: 0.1, momentum: 0.9, weightDecay: 0.5 }),
  'a 2×2 matrix and a 3-vector, 2 steps': (k) =>
    trajectory(
      k,
      { lr: 0.1, momentum: 0.9 },
      2,
      [matrix(2, 2, Float64Array.of(1, 2, 3, 4)), Float64Array.of(-1, 0, 1)],
      (s) => [matrix(2, 2, Float64Array.of(1, -1, 2 + s, 0.5)), Float64Array.of(3, -s, 2)],
    ),
  // lr changed between steps: only a velocity free of lr (v ← μv + g) applies the new lr at once.
  'lr 0.1 then 0.01 from step 3, 4 steps': (k) =>
    trajectory(k, { lr: 0.1, momentum: 0.9 }, 4, start(), gradientAt, [0.1, 0.1, 0.01, 0.01]),
  // lr written once, before the first step, then constant: a velocity holding lr (CS231n's form)
  // is right here; only a step that ignores the write (a copy taken in the constructor) is not.
  'lr 0.1 at construction, set to 0.05 before the first step, 3 steps': (k) =>
    trajectory(k, { lr: 0.1, momentum: 0.9 }, 3, start(), gradientAt, [0.05, 0.05, 0.05]),
  'Nesterov, lr 0 then 0.1, 3 steps': (k) =>
    trajectory(k, { lr: 0.1, momentum: 0.9, nesterov: true }, 3, start(), gradientAt, [0, 0.1, 0.1]),
  'grads after one step with weight decay': (k) => {
    const grads = gradientAt(1);
    new k.SGDMomentum({ lr: 0.1, momentum: 0.9, weightDecay: 0.5 }).step(start(), grads);
    return Array.from(paramData(grads[0]));
  },
};
