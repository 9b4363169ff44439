import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'β1 and β2 swapped in the bias corrections',
  explanation:
    'Each moment is corrected by its own decay: m̂ = m/(1 − β1ᵗ) and v̂ = v/(1 − β2ᵗ). Dividing m by 1 − β2ᵗ and v by ' +
    '1 − β1ᵗ makes the first step about 1000× too large with the default betas.',
};

export class Adam extends Reference {
  protected override setBiasCorrections(t: number): void {
    this.stepSize = this.lr / (1 - this.beta2 ** t);
    this.sqrtVScale = 1 / Math.sqrt(1 - this.beta1 ** t);
  }
}
