import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoidDerivative, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: 'σ(z) written with e^(+z)',
  explanation:
    'σ(z) = 1/(1 + e^(−z)), with a minus sign, so σ grows with z (σ(3) ≈ 0.95). 1/(1 + e^(z)) is σ(−z), the mirror image.',
};

export function sigmoid(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return z >= 0 ? e / (1 + e) : 1 / (1 + e);
}
