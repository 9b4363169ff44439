import type { Mistake } from '../../../grader/core/mistakes.ts';
import { sigmoid } from '../sigmoid.ts';
export { sigmoid, sigmoidDerivativeFromOutput } from '../sigmoid.ts';

export const mistake: Mistake = {
  title: {
    en: 'σ′ computed as σ(z)·(1 − σ(z)) for moderate z (a stable form only for large |z|)',
    'zh-CN': 'z 不大时仍按 σ(z)·(1 − σ(z)) 计算 σ′（只在 |z| 很大时才用稳定形式）',
  },
  explanation: {
    en:
      'Switching to a stable form only once σ′ collapses to 0 (|z| ≳ 35) is too late: for z > 0, σ(z) is within e^(−z) of 1, ' +
      'so 1 − σ(z) keeps only the digits that are left after rounding σ to float64. At z = 20 σ′ is off by about 1e-8 relative, ' +
      'at z = 30 by about 1e-3, long before it reaches 0. Use e / (1 + e)² with e = e^(−|z|) for every z: it has no subtraction at all.',
    'zh-CN':
      '等到 σ′ 塌缩为 0（|z| ≳ 35）才切换到稳定形式，已经太晚了：z > 0 时，σ(z) 与 1 相差不到 e^(−z)，' +
      '所以 1 − σ(z) 只剩下 σ 舍入到 float64 之后残存的那几位有效数字。z = 20 时 σ′ 的相对误差约为 1e-8，' +
      'z = 30 时约为 1e-3，远在它变成 0 之前。对所有 z 都用 e / (1 + e)²，其中 e = e^(−|z|)：这个式子里根本没有减法。',
  },
};

export function sigmoidDerivative(z: number): number {
  if (Math.abs(z) < 35) {
    const s = sigmoid(z);
    return s * (1 - s);
  }
  const e = Math.exp(-Math.abs(z));
  return e / ((1 + e) * (1 + e));
}
