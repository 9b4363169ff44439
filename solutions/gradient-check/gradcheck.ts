/**
 * Kata: gradient-check. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- gradient-check`.
 */

/** What `gradCheck` reports. */
export interface GradCheckResult {
  /** maxRelativeError ≤ tolerance. */
  ok: boolean;
  /** The largest per-entry relative error between the analytic and the numerical gradient. */
  maxRelativeError: number;
  /** The index of that entry (the first one, on a tie). */
  worstIndex: number;
  /** The numerical gradient, as numericalGradient(f, x, h) returns it. */
  numeric: Float64Array;
}

/**
 * The numerical gradient of a scalar function by central differences:
 * numeric[i] = (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, eᵢ the i-th unit vector.
 * @param f a scalar function of a vector of n entries; it may read x while you evaluate it
 * @param x the point, n entries; left exactly as it was found, bit for bit, also when f throws
 *   (f's error then goes on to the caller)
 * @param h the step (default 1e-5)
 * @returns a new Float64Array of n entries; f is called exactly 2·n times
 */
export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    try {
      x[i] = old + h;
      const plus = f(x);
      x[i] = old - h;
      const minus = f(x);
      grad[i] = (plus - minus) / (2 * h);
    } finally {
      // Put the saved value back: old + h − h is not always old in float64.
      x[i] = old;
    }
  }
  return grad;
}

function entryError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
}

function sameLength(what: string, a: Float64Array, b: Float64Array, aName: string, bName: string): void {
  if (a.length !== b.length) {
    throw new Error(`${what}: ${aName} has ${a.length} entries but ${bName} has ${b.length}`);
  }
}

/**
 * The CS231n relative error of two vectors: maxᵢ |aᵢ − bᵢ| / max(1e-8, |aᵢ| + |bᵢ|).
 * @param a n entries
 * @param b n entries (another length throws an Error naming both lengths)
 * @returns a number ≥ 0 (0 for two empty vectors; NaN if an entry is NaN)
 */
export function relativeError(a: Float64Array, b: Float64Array): number {
  sameLength('relativeError', a, b, 'a', 'b');
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, entryError(a[i], b[i])); // Math.max keeps a NaN
  return worst;
}

/**
 * Compare an analytic gradient with the numerical one.
 * @param f a scalar function of n entries
 * @param analytic n entries: your gradient of f at x (another length throws naming both lengths)
 * @param x the point, n entries, left as it was found
 * @param options h (default 1e-5), the step for numericalGradient; tolerance (default 1e-6)
 * @returns { ok, maxRelativeError, worstIndex, numeric }, see GradCheckResult
 */
export function gradCheck(
  f: (x: Float64Array) => number,
  analytic: Float64Array,
  x: Float64Array,
  options: { h?: number; tolerance?: number } = {},
): GradCheckResult {
  const { h = 1e-5, tolerance = 1e-6 } = options;
  sameLength('gradCheck', analytic, x, 'analytic', 'x');
  const numeric = numericalGradient(f, x, h);
  let worstIndex = -1;
  let maxRelativeError = 0;
  for (let i = 0; i < x.length; i++) {
    const e = entryError(analytic[i], numeric[i]);
    if (Number.isNaN(e)) {
      worstIndex = i;
      maxRelativeError = NaN;
      break;
    }
    if (worstIndex < 0 || e > maxRelativeError) {
      worstIndex = i;
      maxRelativeError = e;
    }
  }
  return { ok: maxRelativeError <= tolerance, maxRelativeError, worstIndex, numeric };
}
