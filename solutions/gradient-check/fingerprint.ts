/**
 * Probes that tell the catalogued gradient-check mistakes apart (see grader/core/mistakes.ts).
 * Each returns a few numbers; a learner who differs from the reference exactly where a
 * mistake does is told about that mistake.
 */
import type { Probes } from '../../grader/core/mistakes.ts';

type Impl = typeof import('../../katas/gradient-check/gradcheck.ts');

const cubic = (x: Float64Array): number => x.reduce((s, v) => s + v ** 3, 0);
/** Points where x + h − h ≠ x in float64 for the steps used below. */
const AWKWARD = [0.1, 0.7, 1e-3, -0.3, 1234.5678, 3e-7, 2.9];

export const probes: Probes<Impl> = {
  'numerical gradient of Σx³ at h = 0.01': (k) => k.numericalGradient(cubic, new Float64Array([0.5, -1.25, 2]), 0.01),
  // 1 if x is not bit-identical afterwards, then 1 if it is off by more than rounding.
  'x afterwards: changed, far off': (k) => {
    const x = new Float64Array(AWKWARD);
    k.numericalGradient(cubic, x, 1e-5);
    const changed = AWKWARD.some((v, i) => !Object.is(v, x[i]));
    const far = AWKWARD.some((v, i) => Math.abs(v - x[i]) > 1e-9 * Math.max(1, Math.abs(v)));
    return [Number(changed), Number(far)];
  },
  'x changed after f throws': (k) => {
    const x = new Float64Array([0.5, 1.5, 2.5]);
    let calls = 0;
    try {
      k.numericalGradient((v) => { if (++calls === 4) throw new Error('probe'); return cubic(v); }, x, 0.25);
    } catch {
      // expected
    }
    return Number(x[0] !== 0.5 || x[1] !== 1.5 || x[2] !== 2.5);
  },
  'relativeError at 0/0 and near the floor': (k) => [
    k.relativeError(new Float64Array([0]), new Float64Array([0])),
    k.relativeError(new Float64Array([1e-9]), new Float64Array([-1e-9])),
    k.relativeError(new Float64Array([3e-9]), new Float64Array([0])),
  ],
  'relativeError of four entries, one off': (k) => k.relativeError(new Float64Array([1, 2, 3, 4]), new Float64Array([1, 2.2, 3, 4])),
  'gradCheck worstIndex: largest relative vs largest absolute': (k) =>
    k.gradCheck((v) => 1000 * v[0] + 0.001 * v[1], new Float64Array([1001, 0.0011]), new Float64Array([1, 1]), { h: 1e-3 }).worstIndex,
  'gradCheck ok at tolerance = its own maxRelativeError': (k) => {
    const f = (v: Float64Array): number => 3 * v[0] + 5 * v[1];
    const analytic = new Float64Array([3.00003, 5]);
    const x = new Float64Array([1, 2]);
    const first = k.gradCheck(f, analytic, x, { h: 0.5 });
    return Number(k.gradCheck(f, analytic, x, { h: 0.5, tolerance: first.maxRelativeError }).ok);
  },
  'gradCheck numeric of Σx³ with h = 0.1': (k) =>
    k.gradCheck(cubic, new Float64Array([0.75, 3]), new Float64Array([0.5, 1]), { h: 0.1 }).numeric,
};
