import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: 'the square in the denominator is missing',
  explanation:
    'Differentiating (1 + e^(−z))^(−1) by the chain rule gives e^(−z)/(1 + e^(−z))²: the denominator is squared. ' +
    'Without the square you get e^(−z)/(1 + e^(−z)) = σ(−z), which is not ≤ ¼.',
};

export function sigmoidDerivative(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return e / (1 + e);
}
