import type { Mistake } from '../../../grader/core/mistakes.ts';
import { sigmoid } from '../sigmoid.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: {
    en: 'σ′ computed as σ(z)·(1 − σ(z))',
    'zh-CN': '按 σ(z)·(1 − σ(z)) 计算 σ′',
  },
  explanation: {
    en:
      'For z ≳ 37, σ(z) rounds to exactly 1.0 in float64, so 1 − σ(z) is 0 and σ′ collapses to 0 ' +
      '(the true σ′(40) is 4.248e-18). Rewrite it without the subtraction: with e = e^(−|z|), σ′(z) = e / (1 + e)².',
    'zh-CN':
      'z ≳ 37 时，σ(z) 在 float64 中恰好舍入为 1.0，于是 1 − σ(z) 为 0，σ′ 塌缩为 0' +
      '（而真实的 σ′(40) 是 4.248e-18）。改写成不含减法的形式：令 e = e^(−|z|)，则 σ′(z) = e / (1 + e)²。',
  },
};

export function sigmoidDerivative(z: number): number {
  const s = sigmoid(z);
  return s * (1 - s);
}
