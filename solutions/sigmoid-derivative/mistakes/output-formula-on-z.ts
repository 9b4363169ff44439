import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: 'the output formula x·(1 − x) applied to z',
  explanation:
    'x·(1 − x) is σ′ only when x is the OUTPUT a = σ(z). sigmoidDerivative receives the pre-activation z, ' +
    'so it must apply σ first (or use a form written in z).',
};

export function sigmoidDerivative(z: number): number {
  return z * (1 - z);
}
