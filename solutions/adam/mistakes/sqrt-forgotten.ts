import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'divided by v̂ instead of √v̂',
    'zh-CN': '除以了 v̂，而不是 √v̂',
  },
  explanation: {
    en:
      'v̂ estimates g², so m̂/v̂ behaves like 1/g: tiny gradients give huge steps and large ones tiny steps. Adam divides by ' +
      '√v̂ + eps, which has the units of g, so that each step is about lr whatever the gradient’s scale.',
    'zh-CN':
      'v̂ 估计的是 g²，所以 m̂/v̂ 的表现类似 1/g：很小的梯度带来巨大的步长，很大的梯度反而步长很小。' +
      'Adam 除以的是 √v̂ + eps，它与 g 的量纲相同，因此无论梯度的尺度如何，每一步都约为 lr。',
  },
};

export class Adam extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, weightDecay, stepSize, sqrtVScale } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      p[k] -= (stepSize * m[k]) / (v[k] * sqrtVScale * sqrtVScale + eps);
    }
  }
}
