import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: 'e^(−z) overflows for very negative z',
  explanation:
    'e^(−z)/(1 + e^(−z))² is right on paper, but at z = −1000 Math.exp(1000) is Infinity and Infinity/Infinity is NaN. ' +
    'Only exponentiate numbers ≤ 0: σ′ is symmetric, so use e = e^(−|z|).',
};

export function sigmoidDerivative(z: number): number {
  const e = Math.exp(-z);
  return e / ((1 + e) * (1 + e));
}
