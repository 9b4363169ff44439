import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: 'the velocity starts from 0 on every step',
  explanation:
    'The velocity is state: it must survive from one call of step to the next, so create it once per parameter ' +
    '(on the first step) and keep it on the optimizer. Re-creating it inside step turns momentum into plain SGD.',
};

export class SGDMomentum extends Reference {
  protected override velocity(_i: number, size: number): Float64Array {
    return new Float64Array(size);
  }
}
