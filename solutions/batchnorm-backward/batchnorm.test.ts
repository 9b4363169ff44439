/**
 * The reference's two backward passes agree: the step-by-step one (through μ, σ² and
 * 1/√(σ² + eps), as the statement's graph draws it) and the simplified closed formula
 * (CS231n's batchnorm_backward_alt) that the statement invites the learner to derive.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createRng, normalMatrix, normalVector } from '../lib/index.ts';
import { batchnormBackward, batchnormBackwardAlt, batchnormForward } from './batchnorm.ts';

/** Largest |a − b| relative to `scale`: the two formulas round differently, nothing more. */
function maxGap(a: ArrayLike<number>, b: ArrayLike<number>, scale: ArrayLike<number> = b): number {
  let gap = 0;
  let size = 1e-300;
  for (let k = 0; k < b.length; k++) {
    gap = Math.max(gap, Math.abs(a[k] - b[k]));
    size = Math.max(size, Math.abs(scale[k]));
  }
  return gap / size;
}

describe('batchnorm-backward reference', () => {
  test('batchnormBackwardAlt equals the step-by-step batchnormBackward on random inputs, in both modes', () => {
    const cases = fc.record({
      n: fc.integer({ min: 2, max: 12 }),
      d: fc.integer({ min: 1, max: 6 }),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      mode: fc.constantFrom<'train' | 'eval'>('train', 'eval'),
      eps: fc.constantFrom(1e-5, 1e-3, 0.5),
    });
    fc.assert(
      fc.property(cases, ({ n, d, seed, mode, eps }) => {
        const rng = createRng(seed);
        const x = normalMatrix(n, d, rng, 1, 3);
        const state = { runningMean: normalVector(d, rng), runningVar: normalVector(d, rng).map((v) => 0.5 + v * v) };
        const { cache } = batchnormForward(x, normalVector(d, rng), normalVector(d, rng), state, { mode, eps });
        const dout = normalMatrix(n, d, rng);
        const steps = batchnormBackward(dout, cache);
        const closed = batchnormBackwardAlt(dout, cache);
        // dx is a difference of terms of size |dout·γ|/√(σ² + eps) that nearly cancel when N is
        // small (for N = 2 it is O(eps)), so rounding is measured against those terms.
        const terms = batchnormBackward(dout, { ...cache, mode: 'eval' }).dx.data;
        expect(maxGap(closed.dx.data, steps.dx.data, terms)).toBeLessThan(1e-13);
        expect(maxGap(closed.dgamma, steps.dgamma)).toBe(0);
        expect(maxGap(closed.dbeta, steps.dbeta)).toBe(0);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
