import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: {
    en: 'the output formula x·(1 − x) applied to z',
    'zh-CN': '把关于输出的公式 x·(1 − x) 用在了 z 上',
  },
  explanation: {
    en:
      'x·(1 − x) is σ′ only when x is the OUTPUT a = σ(z). sigmoidDerivative receives the pre-activation z, ' +
      'so it must apply σ first (or use a form written in z).',
    'zh-CN':
      '只有当 x 是“输出” a = σ(z) 时，x·(1 − x) 才是 σ′。sigmoidDerivative 接收的是预激活值 z，' +
      '所以必须先求 σ（或者改用以 z 表示的形式）。',
  },
};

export function sigmoidDerivative(z: number): number {
  return z * (1 - z);
}
