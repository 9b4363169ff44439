/**
 * Finite-difference gradient checking in float64.
 *
 * For a scalar function f of some inputs, the numeric partial derivative of entry k is the
 * central difference (f(x + h·eₖ) − f(x − h·eₖ)) / 2h, whose error is O(h²). Layers with an
 * array output are checked through the scalar L = Σ out ⊙ dout for a random upstream gradient
 * dout (CS231n's `eval_numerical_gradient_array`): then ∂L/∂x is exactly what a backward pass
 * given dout must return. Every entry of every input is checked, and the worst one reported.
 *
 * References: PyTorch's `torch.autograd.gradcheck` (eps 1e-6, atol 1e-5, rtol 1e-3, float64)
 * and CS231n's `rel_error = |a − n| / max(1e-8, |a| + |n|)`.
 */
import { isMatrix, type Matrix } from '../../katas/lib/matrix.ts';
import { fail } from './failure.ts';
import { harness as m } from '../messages/harness.ts';
import { fmt, fmtErr, indexLabel } from './format.ts';

/**
 * Step size. In float64, round-off in f(x ± h) contributes about ε·|f|/h ≈ 1e-16/1e-6 = 1e-10
 * and truncation about h²·|f‴| ≈ 1e-12, so 1e-6 (PyTorch's choice) balances the two.
 */
export const DEFAULT_STEP = 1e-6;

/**
 * An entry fails when BOTH its relative error exceeds 1e-5 and its absolute error exceeds
 * 1e-7. Correct float64 gradients of smooth functions land near 1e-9 relative (CS231n calls
 * < 1e-7 "probably right"), so 1e-5 leaves a 100× margin; any real mistake (a factor of 2, a
 * sign, a missing term) is far above it. The absolute floor keeps entries whose true value
 * is ~0 from failing on round-off alone.
 */
export const REL_TOLERANCE = 1e-5;
export const ABS_TOLERANCE = 1e-7;

/** One input of f: its current values (perturbed in place, then restored) and the analytic gradient. */
export interface GradInput {
  name: string;
  value: Matrix | Float64Array;
  analytic: unknown;
  /**
   * Only these entries (flat indices) are checked, for inputs too large to check whole: each
   * entry costs two evaluations of f. Default: every entry.
   */
  entries?: readonly number[];
}

export interface WorstEntry {
  name: string;
  index: string;
  analytic: number;
  numeric: number;
  relError: number;
  absError: number;
}

export interface GradCheckResult {
  passed: boolean;
  /** The entry with the largest relative error among those that fail, or overall if none fails. */
  worst: WorstEntry | null;
  checked: number;
  failedEntries: number;
}

/** CS231n's relative error between an analytic and a numeric derivative. */
export function relError(a: number, n: number): number {
  return Math.abs(a - n) / Math.max(1e-8, Math.abs(a) + Math.abs(n));
}

function dataOf(v: Matrix | Float64Array): Float64Array {
  return isMatrix(v) ? v.data : v;
}

/**
 * Compare analytic gradients with central differences of `f` over every entry of every input.
 * `f` must read the inputs' current values each time it is called.
 */
export function gradcheck(f: () => number, inputs: GradInput[], step = DEFAULT_STEP): GradCheckResult {
  let worst: WorstEntry | null = null;
  let worstFailing: WorstEntry | null = null;
  let checked = 0;
  let failedEntries = 0;
  for (const input of inputs) {
    const x = dataOf(input.value);
    const analytic = analyticData(input, x.length);
    const cols = isMatrix(input.value) ? input.value.cols : undefined;
    for (const k of input.entries ?? x.keys()) {
      const saved = x[k];
      x[k] = saved + step;
      const plus = f();
      x[k] = saved - step;
      const minus = f();
      x[k] = saved;
      const numeric = (plus - minus) / (2 * step);
      const a = analytic[k];
      const entry: WorstEntry = {
        name: input.name,
        index: indexLabel(k, cols),
        analytic: a,
        numeric,
        relError: Number.isFinite(a) ? relError(a, numeric) : Infinity,
        absError: Math.abs(a - numeric),
      };
      checked++;
      const bad = !Number.isFinite(a) || (entry.relError > REL_TOLERANCE && entry.absError > ABS_TOLERANCE);
      if (bad) {
        failedEntries++;
        if (worstFailing === null || entry.relError > worstFailing.relError) worstFailing = entry;
      }
      if (worst === null || entry.relError > worst.relError) worst = entry;
    }
  }
  return { passed: failedEntries === 0, worst: worstFailing ?? worst, checked, failedEntries };
}

function analyticData(input: GradInput, length: number): ArrayLike<number> {
  const a = input.analytic;
  if (isMatrix(a)) {
    if (a.data.length !== length) {
      fail(m.gradientEntriesMatrix(input.name, a.rows, a.cols, a.data.length, length));
    }
    return a.data;
  }
  if (a instanceof Float64Array) {
    if (a.length !== length) fail(m.gradientEntries(input.name, a.length, length));
    return a;
  }
  return fail(m.gradientKind(input.name, a === undefined ? 'undefined' : typeof a));
}

/** L = Σ out ⊙ dout: turns an array-valued layer into the scalar whose gradient backward computes. */
export function projectOnto(out: Matrix | Float64Array, dout: Matrix | Float64Array): number {
  const o = dataOf(out);
  const d = dataOf(dout);
  if (o.length !== d.length) fail(m.projectSizes(o.length, d.length));
  let s = 0;
  for (let k = 0; k < o.length; k++) s += o[k] * d[k];
  return s;
}

/** Run a gradient check and fail with the worst entry in the learner's terms. */
export function expectGradientsMatch(what: string, f: () => number, inputs: GradInput[], step = DEFAULT_STEP): GradCheckResult {
  const result = gradcheck(f, inputs, step);
  if (!result.passed && result.worst) {
    const w = result.worst;
    fail(m.gradientsDiffer(what, `${w.name}${w.index}`, fmt(w.analytic), fmt(w.numeric), fmtErr(w.relError), result.failedEntries, result.checked));
  }
  return result;
}
