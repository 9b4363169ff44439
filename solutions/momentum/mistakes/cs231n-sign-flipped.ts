import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: "CS231n's form mixed with PyTorch's: the step goes uphill",
  explanation:
    'In the CS231n form the velocity already holds −lr·g (v ← μv − lr·g), so it is ADDED: p ← p + v. ' +
    'Subtracting it as in PyTorch\'s form moves p up the gradient. Use one convention throughout: ' +
    'the graded one is v ← μv + g, p ← p − lr·v.',
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + this.weightDecay * p[k];
      v[k] = this.momentum * v[k] - this.lr * g;
      p[k] -= this.nesterov ? -this.lr * g + this.momentum * v[k] : v[k];
    }
  }
}
