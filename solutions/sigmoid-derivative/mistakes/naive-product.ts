import type { Mistake } from '../../../grader/core/mistakes.ts';
import { sigmoid } from '../sigmoid.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: 'σ′ computed as σ(z)·(1 − σ(z))',
  explanation:
    'For z ≳ 37, σ(z) rounds to exactly 1.0 in float64, so 1 − σ(z) is 0 and σ′ collapses to 0 ' +
    '(the true σ′(40) is 4.248e-18). Rewrite it without the subtraction: with e = e^(−|z|), σ′(z) = e / (1 + e)².',
};

export function sigmoidDerivative(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s);
}
