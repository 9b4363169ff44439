import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'divided by v̂ instead of √v̂',
  explanation:
    'v̂ estimates g², so m̂/v̂ behaves like 1/g: tiny gradients give huge steps and large ones tiny steps. Adam divides by ' +
    '√v̂ + eps, which has the units of g, so that each step is about lr whatever the gradient’s scale.',
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
