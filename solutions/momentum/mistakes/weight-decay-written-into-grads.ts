import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: 'weight decay written into the grads arrays',
  explanation:
    'grad[k] += λ·p[k] gives the right step but changes the caller\'s gradients: whoever reads them next ' +
    '(a gradient-norm log, a second optimizer, a gradient check) sees gradients that were never computed. ' +
    'Keep g ← grad + λ·p in a local variable.',
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const mu = this.momentum;
    for (let k = 0; k < p.length; k++) {
      grad[k] += this.weightDecay * p[k];
      v[k] = mu * v[k] + grad[k];
      p[k] -= this.lr * (this.nesterov ? grad[k] + mu * v[k] : v[k]);
    }
  }
}
