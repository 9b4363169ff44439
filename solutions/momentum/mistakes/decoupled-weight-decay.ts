import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: 'weight decay applied outside the velocity (decoupled, AdamW-style)',
  explanation:
    'Here weight decay shrinks p by lr·λ·p after the momentum step, so it never enters the velocity. ' +
    'torch.optim.SGD adds λ·p to the gradient first (g ← grad + λ·p) and lets the velocity carry it: ' +
    'the first step agrees, every later one does not.',
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const mu = this.momentum;
    for (let k = 0; k < p.length; k++) {
      v[k] = mu * v[k] + grad[k];
      p[k] -= this.lr * (this.nesterov ? grad[k] + mu * v[k] : v[k]) + this.lr * this.weightDecay * p[k];
    }
  }
}
