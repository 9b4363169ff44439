import type { Mistake } from '../../../grader/core/mistakes.ts';
import { sigmoid } from '../sigmoid.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: 'σ′ computed as σ(z)·(1 − σ(z)) for moderate z (a stable form only for large |z|)',
  explanation:
    'Switching to a stable form only once σ′ collapses to 0 (|z| ≳ 35) is too late: for z > 0, σ(z) is within e^(−z) of 1, ' +
    'so 1 − σ(z) keeps only the digits that are left after rounding σ to float64. At z = 20 σ′ is off by about 1e-8 relative, ' +
    'at z = 30 by about 1e-3, long before it reaches 0. Use e / (1 + e)² with e = e^(−|z|) for every z: it has no subtraction at all.',
};

export function sigmoidDerivative(z: number): number {
  if (Math.abs(z) < 35) {
    const s = sigmoid(z);
    return s * (1 - s);
  }
  const e = Math.exp(-Math.abs(z));
  return e / ((1 + e) * (1 + e));
}
