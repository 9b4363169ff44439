import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: {
    en: 'e^(−z) overflows for very negative z',
    'zh-CN': 'z 非常负时 e^(−z) 上溢',
  },
  explanation: {
    en:
      'e^(−z)/(1 + e^(−z))² is right on paper, but at z = −1000 Math.exp(1000) is Infinity and Infinity/Infinity is NaN. ' +
      'Only exponentiate numbers ≤ 0: σ′ is symmetric, so use e = e^(−|z|).',
    'zh-CN':
      'e^(−z)/(1 + e^(−z))² 在纸面上是对的，但 z = −1000 时 Math.exp(1000) 是 Infinity，而 Infinity/Infinity 是 NaN。' +
      '只对 ≤ 0 的数取指数：σ′ 是对称的，所以用 e = e^(−|z|)。',
  },
};

export function sigmoidDerivative(z: number): number {
  const e = Math.exp(-z);
  return e / ((1 + e) * (1 + e));
}
