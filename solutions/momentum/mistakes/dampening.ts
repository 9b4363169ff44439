import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: 'the gradient is damped by (1 − μ)',
  explanation:
    'v ← μ·v + (1 − μ)·g is an exponential moving average (Adam\'s first moment, or SGD with dampening = μ). ' +
    'Here dampening is 0: v ← μ·v + g, so a constant gradient builds a velocity of up to g/(1 − μ), ' +
    'which is exactly what momentum is for.',
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const mu = this.momentum;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + this.weightDecay * p[k];
      v[k] = mu * v[k] + (1 - mu) * g;
      p[k] -= this.lr * (this.nesterov ? g + mu * v[k] : v[k]);
    }
  }
}
