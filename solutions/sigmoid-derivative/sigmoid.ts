/**
 * Kata: sigmoid-derivative. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- sigmoid`.
 */

/**
 * σ(z) = 1 / (1 + e^(−z)).
 * @param z any finite number (the pre-activation)
 * @returns σ(z) in [0, 1], with no NaN or Infinity for any finite z
 */
export function sigmoid(z: number): number {
  // Only ever exponentiate a number ≤ 0, so e is in (0, 1] and nothing overflows.
  const e = Math.exp(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/**
 * σ′(z) = dσ/dz, given the PRE-activation z.
 * @param z any finite number
 * @returns σ′(z) in [0, ¼], accurate to 1e-12 relative for z in [−700, 700]
 */
export function sigmoidDerivative(z: number): number {
  // σ′(z) = σ(z)·σ(−z) = e / (1 + e)² with e = e^(−|z|): no subtraction, so no cancellation
  // (σ(z)·(1 − σ(z)) is exactly 0 at z = 40, where the true value is 4.2e-18).
  const e = Math.exp(-Math.abs(z));
  return e / ((1 + e) * (1 + e));
}

/**
 * σ′(z), given the OUTPUT a = σ(z) instead of z (what a backward pass usually has cached).
 * @param a a value of σ, in [0, 1]
 * @returns σ′(z) for the z with σ(z) = a
 */
export function sigmoidDerivativeFromOutput(a: number): number {
  return a * (1 - a);
}
