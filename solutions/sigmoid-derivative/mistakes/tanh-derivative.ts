import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoid, sigmoidDerivative } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: "tanh's derivative 1 − a² used for the sigmoid",
  explanation:
    '1 − a² is the derivative of tanh in terms of its output. For the sigmoid, the derivative in terms of its output a is a·(1 − a).',
};

export function sigmoidDerivativeFromOutput(a: number): number {
  return 1 - a * a;
}
