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
  throw new Error('not implemented: numericalGradient(f, x, h)');
}

/**
 * The CS231n relative error of two vectors: maxᵢ |aᵢ − bᵢ| / max(1e-8, |aᵢ| + |bᵢ|).
 * @param a n entries
 * @param b n entries (another length throws an Error naming both lengths)
 * @returns a number ≥ 0 (0 for two empty vectors; NaN if an entry is NaN)
 */
export function relativeError(a: Float64Array, b: Float64Array): number {
  throw new Error('not implemented: relativeError(a, b)');
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
  throw new Error('not implemented: gradCheck(f, analytic, x, options)');
}
