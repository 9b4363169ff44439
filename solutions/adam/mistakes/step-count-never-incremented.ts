import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'the step count never advances',
  explanation:
    'The bias corrections 1 − β1ᵗ and 1 − β2ᵗ need the number of steps taken so far, including this one. With t stuck at 1 ' +
    'the first step is right, but every later step still divides m by 0.1 and v by 0.001, where the right divisors grow ' +
    'towards 1: m̂ ends up 10 times too large within a few dozen steps, v̂ 1000 times too large over thousands. With the ' +
    'default betas the steps are too large for the first ~100 (up to 2.1 times, near t = 12), then too small: 2.5 times ' +
    'at t = 1000, and towards √1000/10 ≈ 3.2 times after that. ' +
    'Keep t in the optimizer and increment it once per call of step.',
};

export class Adam extends Reference {
  protected override setBiasCorrections(_t: number): void {
    super.setBiasCorrections(1);
  }
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['    this.t++;', '    this.t =+ 1;'],
  ],
};
