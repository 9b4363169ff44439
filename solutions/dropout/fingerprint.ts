/**
 * Probes that tell the catalogued dropout mistakes apart (see grader/core/mistakes.ts). Each
 * feeds `rng` from a fixed list of numbers, so the mask is known entry by entry: numbers exactly
 * at 1 − p and at p separate the keep rules (u < 1 − p, u ≤ 1 − p, u < p, u > p), p = 1 shows a
 * NaN, eval mode shows a mask or a scale applied where none belongs, and the draw counts show a
 * stream that was skipped or drawn in eval. The lists hold twice the numbers one forward pass
 * needs, the second half different, so a backward pass that draws a fresh mask gets another one.
 * Every probe builds fresh inputs.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromRows, type Matrix } from '../lib/matrix.ts';
import type { Rng } from '../lib/random.ts';

type Impl = typeof import('../../katas/dropout/dropout.ts');

/** The numbers of `u` in order, round and round; `count()` is how many were drawn. */
function listRng(u: readonly number[]): { rng: Rng; count(): number } {
  let next = 0;
  return { rng: () => u[next++ % u.length], count: () => next };
}

const X = (): Matrix => fromRows([[1, -2, 3], [4, 5, -6]]);
const DOUT = (): Matrix => fromRows([[1, -1, 2], [0.5, 2, 3]]);
const HALF = [0.1, 0.5, 0.7, 0.3, 0.9, 0.45, 0.6, 0.2, 0.1, 0.8, 0.3, 0.7];
const FIFTH = [0.8, 0.2, 0.1, 0.5, 0.85, 0.79, 0.05, 0.9, 0.3, 0.7, 0.81, 0.15];

function observe(m: Matrix): number[] {
  return [m.rows, m.cols, ...m.data];
}

function trainPass(k: Impl, p: number, u: readonly number[]): { out: Matrix; dx: Matrix } {
  const { out, cache } = k.dropoutForward(X(), p, 'train', listRng(u).rng);
  return { out, dx: k.dropoutBackward(DOUT(), cache) };
}

function evalPass(k: Impl, p: number): { out: Matrix; dx: Matrix; draws: number } {
  const counted = listRng(HALF);
  const { out, cache } = k.dropoutForward(X(), p, 'eval', counted.rng);
  return { out, dx: k.dropoutBackward(DOUT(), cache), draws: counted.count() };
}

export const probes: Probes<Impl> = {
  'out, train, p = 0.5': (k) => observe(trainPass(k, 0.5, HALF).out),
  'dx, train, p = 0.5': (k) => observe(trainPass(k, 0.5, HALF).dx),
  'out, train, p = 0.2 (u at 1 − p and at p)': (k) => observe(trainPass(k, 0.2, FIFTH).out),
  'out, train, p = 1': (k) => observe(trainPass(k, 1, HALF).out),
  'out, eval, p = 0.3': (k) => observe(evalPass(k, 0.3).out),
  'dx, eval, p = 0.3': (k) => observe(evalPass(k, 0.3).dx),
  'draws: train p = 0, train p = 1, eval p = 0.5': (k) =>
    [0, 1].map((p) => {
      const counted = listRng(HALF);
      k.dropoutForward(X(), p, 'train', counted.rng);
      return counted.count();
    }).concat(evalPass(k, 0.5).draws),
  'x after a train forward pass, p = 0.5': (k) => {
    const x = X();
    k.dropoutForward(x, 0.5, 'train', listRng(HALF).rng);
    return observe(x);
  },
};
