import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'weightDecay ignored',
  explanation:
    'With weightDecay > 0, PyTorch adds the L2 term to the gradient before anything else: g ← g + weightDecay·p. ' +
    'That term then flows into m and v. Read weightDecay from the options and use it.',
};

export class Adam extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, stepSize, sqrtVScale } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) * sqrtVScale + eps);
    }
  }
}
