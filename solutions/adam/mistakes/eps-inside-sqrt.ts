import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'eps inside the square root',
    'zh-CN': 'eps 放在了平方根里面',
  },
  explanation: {
    en:
      'PyTorch divides by √v̂ + eps: eps is added after the square root. √(v̂ + eps) looks the same for ordinary gradients, ' +
      'but for gradients near 1e-8 the eps under the root (√1e-8 = 1e-4) swamps √v̂ and the step becomes thousands of times too small. ' +
      'Take the square root of v̂ first, then add eps.',
    'zh-CN':
      'PyTorch 除以的是 √v̂ + eps：eps 在开平方之后才加。' +
      '对普通大小的梯度，√(v̂ + eps) 的结果看起来一样，但当梯度在 1e-8 附近时，根号里的 eps（√1e-8 = 1e-4）会压过 √v̂，步长会小上几千倍。' +
      '先对 v̂ 开平方，再加 eps。',
  },
};

export class Adam extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, weightDecay, stepSize, sqrtVScale } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      const vHat = v[k] * sqrtVScale * sqrtVScale;
      p[k] -= (stepSize * m[k]) / Math.sqrt(vHat + eps);
    }
  }
}
