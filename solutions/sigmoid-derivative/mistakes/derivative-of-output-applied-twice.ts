import type { Mistake } from '../../../grader/core/mistakes.ts';
import { sigmoid } from '../sigmoid.ts';
export { sigmoid, sigmoidDerivative } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: {
    en: 'σ applied again to the output',
    'zh-CN': '对输出又套了一次 σ',
  },
  explanation: {
    en:
      'sigmoidDerivativeFromOutput already receives a = σ(z). Computing σ(a)·(1 − σ(a)) applies the sigmoid twice; ' +
      'the derivative from the output is simply a·(1 − a).',
    'zh-CN':
      'sigmoidDerivativeFromOutput 接收的已经是 a = σ(z)。再计算 σ(a)·(1 − σ(a)) 等于把 sigmoid 用了两次；' +
      '由输出求导数，直接就是 a·(1 − a)。',
  },
};

export function sigmoidDerivativeFromOutput(a: number): number {
  const s = sigmoid(a);
  return s * (1 - s);
}
