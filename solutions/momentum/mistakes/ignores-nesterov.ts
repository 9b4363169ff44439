import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: 'the nesterov option is ignored',
  explanation:
    'With nesterov: true the step is lr·(g + μ·v), using the velocity just updated, not lr·v ' +
    '(g + μ·v_old, with the velocity from before this step, is lr·v again). ' +
    'The look-ahead makes the very first step (1 + μ) times larger: check the flag in step.',
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    for (let k = 0; k < p.length; k++) {
      v[k] = this.momentum * v[k] + grad[k] + this.weightDecay * p[k];
      p[k] -= this.lr * v[k];
    }
  }
}
