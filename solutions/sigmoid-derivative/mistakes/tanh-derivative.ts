import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoid, sigmoidDerivative } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: {
    en: "tanh's derivative 1 − a² used for the sigmoid",
    'zh-CN': '把 tanh 的导数 1 − a² 用在了 sigmoid 上',
  },
  explanation: {
    en:
      '1 − a² is the derivative of tanh in terms of its output. For the sigmoid, the derivative in terms of its output a is a·(1 − a).',
    'zh-CN':
      '1 − a² 是 tanh 用其输出表示的导数。对 sigmoid 而言，用输出 a 表示的导数是 a·(1 − a)。',
  },
};

export function sigmoidDerivativeFromOutput(a: number): number {
  return 1 - a * a;
}
