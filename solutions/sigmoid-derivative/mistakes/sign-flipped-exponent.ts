import type { Mistake } from '../../../grader/core/mistakes.ts';
export { sigmoidDerivative, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: {
    en: 'σ(z) written with e^(+z)',
    'zh-CN': 'σ(z) 写成了 e^(+z)',
  },
  explanation: {
    en:
      'σ(z) = 1/(1 + e^(−z)), with a minus sign, so σ grows with z (σ(3) ≈ 0.95). 1/(1 + e^(z)) is σ(−z), the mirror image.',
    'zh-CN':
      'σ(z) = 1/(1 + e^(−z))，指数带负号，所以 σ 随 z 增大而增大（σ(3) ≈ 0.95）。1/(1 + e^(z)) 是 σ(−z)，即它的镜像。',
  },
};

export function sigmoid(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return z >= 0 ? e / (1 + e) : 1 / (1 + e);
}
