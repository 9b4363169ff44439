import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: "CS231n's form: lr folded into the velocity, so a new lr takes effect only slowly",
  explanation:
    "v ← μ·v − lr·g, p ← p + v is PyTorch's update only while lr stays constant: this v is −lr times PyTorch's. When a " +
    'schedule lowers lr (the MNIST trainer divides it by 10 for its last epochs), the velocity still holds the old steps ' +
    "at the old lr and keeps moving p at the old rate for many steps. Keep lr out of the velocity, v ← μ·v + g, and " +
    'multiply at the end, p ← p − lr·(nesterov ? g + μ·v : v), reading this.lr at every step.',
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + this.weightDecay * p[k];
      v[k] = this.momentum * v[k] - this.lr * g;
      p[k] += this.nesterov ? -this.lr * g + this.momentum * v[k] : v[k];
    }
  }
}
