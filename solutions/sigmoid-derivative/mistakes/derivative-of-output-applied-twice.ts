import type { Mistake } from '../../../grader/core/mistakes.ts';
import { sigmoid } from '../sigmoid.ts';
export { sigmoid, sigmoidDerivative } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: 'σ applied again to the output',
  explanation:
    'sigmoidDerivativeFromOutput already receives a = σ(z). Computing σ(a)·(1 − σ(a)) applies the sigmoid twice; ' +
    'the derivative from the output is simply a·(1 − a).',
};

export function sigmoidDerivativeFromOutput(a: number): number {
  const s = sigmoid(a);
  return s * (1 - s);
}
