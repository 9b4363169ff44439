import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: {
    en: 'the square in the denominator is missing',
    'zh-CN': '分母漏了平方',
  },
  explanation: {
    en:
      'Differentiating (1 + e^(−z))^(−1) by the chain rule gives e^(−z)/(1 + e^(−z))²: the denominator is squared. ' +
      'Without the square you get e^(−z)/(1 + e^(−z)) = σ(−z), which is not ≤ ¼.',
    'zh-CN':
      '用链式法则对 (1 + e^(−z))^(−1) 求导，得到 e^(−z)/(1 + e^(−z))²：分母是平方。' +
      '漏了平方，得到的就是 e^(−z)/(1 + e^(−z)) = σ(−z)，它并不满足 ≤ ¼。',
  },
};

export function sigmoidDerivative(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return e / (1 + e);
}
