/**
 * Probes that tell the catalogued adaptive-optimizer mistakes apart (see grader/core/mistakes.ts).
 * Each runs one optimizer on a short fixed trajectory and returns the parameters (or gradients)
 * it ends with; a learner who differs from the reference exactly where a mistake does is told
 * about that mistake.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { matrix, paramData, type Param } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/adaptive-optimizers/optimizers.ts');
type Name = 'Adagrad' | 'RMSprop' | 'AdamW';
type Options = Record<string, number>;

/** Fresh arrays every time, so a mistake that writes into its inputs cannot leak into the next step. */
const start = (): Param[] => [Float64Array.of(1, -2, 0.5)];
/** Gradients of order 1 that change sign between steps, so the state evolves differently per entry. */
const ordinary = (s: number): Param[] => [Float64Array.of(0.3 - s, 1 + 0.5 * s, -0.7 + 0.4 * s)];
/** Gradients around 1e-8: eps outside or inside the square root differs by orders of magnitude. */
const tiny = (s: number): Param[] => [Float64Array.of(1e-8, -3e-8 * (1 + s), 5e-9)];
const zero = (): Param[] => [new Float64Array(3)];

/**
 * The parameters after `steps` steps of one optimizer, flattened. With a schedule,
 * `optimizer.lr = schedule[s]` before step s, as a learning-rate scheduler does.
 */
function trajectory(impl: Impl, name: Name, options: Options, steps: number, grads = ordinary, params = start(), schedule?: number[]): number[] {
  const optimizer = new impl[name](options);
  for (let s = 0; s < steps; s++) {
    if (schedule) optimizer.lr = schedule[s];
    optimizer.step(params, grads(s));
  }
  return params.flatMap((p) => Array.from(paramData(p)));
}

/** The gradients handed to one step with weight decay, afterwards (they must be untouched). */
function gradsAfter(impl: Impl, name: Name): number[] {
  const grads = ordinary(1);
  new impl[name]({ lr: 0.1, weightDecay: 0.5 }).step(start(), grads);
  return Array.from(paramData(grads[0]));
}

export const probes: Probes<Impl> = {
  // Adagrad: the accumulator over several steps, and eps placement at |g| ≈ 1e-8 (eps = 1e-10).
  'Adagrad, 4 steps, lr 0.1': (k) => trajectory(k, 'Adagrad', { lr: 0.1 }, 4),
  'Adagrad, gradients near 1e-8': (k) => trajectory(k, 'Adagrad', { lr: 0.1 }, 2, tiny),
  'Adagrad, weight decay 0.5': (k) => trajectory(k, 'Adagrad', { lr: 0.1, weightDecay: 0.5 }, 3),
  // RMSprop: α's side, the momentum buffer, eps placement.
  'RMSprop, alpha 0.9, 4 steps': (k) => trajectory(k, 'RMSprop', { lr: 0.01, alpha: 0.9 }, 4),
  'RMSprop, momentum 0.9, 4 steps': (k) => trajectory(k, 'RMSprop', { lr: 0.01, alpha: 0.9, momentum: 0.9 }, 4),
  'RMSprop, gradients near 1e-8': (k) => trajectory(k, 'RMSprop', { lr: 0.01 }, 2, tiny),
  // AdamW: where the decay goes, whether lr scales it, and whether a new lr is read.
  'AdamW, lr 0.1, weightDecay 0.5, 3 steps': (k) => trajectory(k, 'AdamW', { lr: 0.1, weightDecay: 0.5 }, 3),
  'AdamW, zero gradients, lr 0.1, weightDecay 0.5': (k) => trajectory(k, 'AdamW', { lr: 0.1, weightDecay: 0.5 }, 2, zero),
  'AdamW, weightDecay 0, 3 steps': (k) => trajectory(k, 'AdamW', { lr: 0.1, weightDecay: 0 }, 3),
  'AdamW, lr 0.1 written as 0.01 before step 1, then 0.001 from step 3': (k) =>
    trajectory(k, 'AdamW', { lr: 0.1, weightDecay: 0.5 }, 4, ordinary, start(), [0.01, 0.01, 0.001, 0.001]),
  // Several parameters: state per position.
  'each optimizer on a 2×2 matrix and a 3-vector': (k) =>
    (['Adagrad', 'RMSprop', 'AdamW'] as const).flatMap((name) =>
      trajectory(
        k,
        name,
        name === 'RMSprop' ? { lr: 0.1, momentum: 0.5 } : { lr: 0.1 },
        3,
        (s) => [matrix(2, 2, Float64Array.of(1, -1, 2 + s, 0.5)), Float64Array.of(3, -s, 2)],
        [matrix(2, 2, Float64Array.of(1, 2, 3, 4)), Float64Array.of(-1, 0, 1)],
      ),
    ),
  'grads after one step with weight decay': (k) => (['Adagrad', 'RMSprop', 'AdamW'] as const).flatMap((name) => gradsAfter(k, name)),
};
