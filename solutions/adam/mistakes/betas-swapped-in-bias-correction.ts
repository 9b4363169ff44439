import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'β1 and β2 swapped in the bias corrections',
    'zh-CN': '偏差修正中 β1 和 β2 写反了',
  },
  explanation: {
    en:
      'Each moment is corrected by its own decay: m̂ = m/(1 − β1ᵗ) and v̂ = v/(1 − β2ᵗ). Dividing m by 1 − β2ᵗ and v by ' +
      '1 − β1ᵗ makes the first step about 1000× too large with the default betas.',
    'zh-CN':
      '每个矩都用自己的衰减率来修正：m̂ = m/(1 − β1ᵗ)，v̂ = v/(1 − β2ᵗ)。' +
      '把 m 除以 1 − β2ᵗ、v 除以 1 − β1ᵗ，在默认的 betas 下第一步会大约大 1000 倍。',
  },
};

export class Adam extends Reference {
  protected override setBiasCorrections(t: number): void {
    this.stepSize = this.lr / (1 - this.beta2 ** t);
    this.sqrtVScale = 1 / Math.sqrt(1 - this.beta1 ** t);
  }
}
