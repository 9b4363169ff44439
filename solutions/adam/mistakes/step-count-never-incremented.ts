import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'the step count never advances',
  explanation:
    'The bias corrections 1 − β1ᵗ and 1 − β2ᵗ need the number of steps taken so far, including this one. With t stuck at 1 ' +
    'the first step is right, but later steps keep dividing m by 0.1 and v by 0.001, so the steps grow too large. ' +
    'Keep t in the optimizer and increment it once per call of step.',
};

export class Adam extends Reference {
  protected override setBiasCorrections(_t: number): void {
    super.setBiasCorrections(1);
  }
}
