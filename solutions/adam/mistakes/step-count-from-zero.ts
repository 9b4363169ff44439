import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'bias correction uses t = 0 on the first step',
  explanation:
    'The step count in 1 − β1ᵗ and 1 − β2ᵗ must count the current step: t = 1 on the first call of step. Using the count ' +
    'from before the increment makes 1 − β⁰ = 0 on the first step, and m̂ = m/0 is Infinity (or NaN). ' +
    'Increment t first, then compute the corrections.',
};

export class Adam extends Reference {
  protected override setBiasCorrections(t: number): void {
    super.setBiasCorrections(t - 1);
  }
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`    this.t++;
    this.setBiasCorrections(this.t);`, `    this.setBiasCorrections(this.t);
    this.t++;`],
  ],
};
