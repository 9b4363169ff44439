import type { Mistake } from '../../../grader/core/mistakes.ts';
import { paramData, type Param } from '../../lib/matrix.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'the step count advances once per parameter',
  explanation:
    't counts optimizer steps, not parameters: with a weight matrix and a bias, one call of step must use t = 1 for both. ' +
    'Incrementing t inside the loop over params gives the bias t = 2 on the first step, so its bias correction is wrong. ' +
    'Increment t once, before the loop.',
};

export class Adam extends Reference {
  override step(params: readonly Param[], grads: readonly Param[]): void {
    this.checkSizes(params, grads);
    if (this.t === 0) this.createState(params);
    for (let i = 0; i < params.length; i++) {
      this.t++;
      this.setBiasCorrections(this.t);
      this.update(paramData(params[i]), paramData(grads[i]), this.m[i], this.v[i]);
    }
  }
}
