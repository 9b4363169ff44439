import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'v averages g instead of g²',
    'zh-CN': 'v 平均的是 g，而不是 g²',
  },
  explanation: {
    en:
      'v is the running mean of the squared gradient: v ← β2·v + (1 − β2)·g². Averaging g itself makes v negative whenever ' +
      'the gradient is, and √v is then NaN; even for positive g the step scales like √g instead of being scale-free.',
    'zh-CN':
      'v 是梯度平方的移动平均：v ← β2·v + (1 − β2)·g²。' +
      '直接平均 g，只要梯度为负，v 就会变成负数，√v 就是 NaN；即使 g 为正，步长也会像 √g 那样随尺度变化，而不是与尺度无关。',
  },
};

export class Adam extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, weightDecay, stepSize, sqrtVScale } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g;
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) * sqrtVScale + eps);
    }
  }
}
