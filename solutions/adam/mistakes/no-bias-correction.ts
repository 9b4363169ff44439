import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'no bias correction',
    'zh-CN': '没有做偏差修正',
  },
  explanation: {
    en:
      'm and v start at 0, so after t steps they are too small by the factors 1 − β1ᵗ and 1 − β2ᵗ (after one step m is ' +
      'only 0.1·g and v only 0.001·g²). Uncorrected, the first step is (1 − β1)/√(1 − β2) ≈ 3.2 times too large with the ' +
      'default betas. Divide: m̂ = m/(1 − β1ᵗ) and v̂ = v/(1 − β2ᵗ).',
    'zh-CN':
      'm 和 v 都从 0 开始，所以 t 步之后它们偏小，只有应有值的 1 − β1ᵗ 倍和 1 − β2ᵗ 倍（一步之后 m 只有 0.1·g，v 只有 0.001·g²）。' +
      '不做修正时，在默认的 betas 下第一步会大 (1 − β1)/√(1 − β2) ≈ 3.2 倍。' +
      '要除以这两个因子：m̂ = m/(1 − β1ᵗ)，v̂ = v/(1 − β2ᵗ)。',
  },
};

export class Adam extends Reference {
  protected override setBiasCorrections(_t: number): void {
    this.stepSize = this.lr;
    this.sqrtVScale = 1;
  }
}
