import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'no bias correction',
  explanation:
    'm and v start at 0, so after t steps they are too small by the factors 1 − β1ᵗ and 1 − β2ᵗ (after one step m is ' +
    'only 0.1·g and v only 0.001·g²). Uncorrected, the first step is (1 − β1)/√(1 − β2) ≈ 3.2 times too large with the ' +
    'default betas. Divide: m̂ = m/(1 − β1ᵗ) and v̂ = v/(1 − β2ᵗ).',
};

export class Adam extends Reference {
  protected override setBiasCorrections(_t: number): void {
    this.stepSize = this.lr;
    this.sqrtVScale = 1;
  }
}
