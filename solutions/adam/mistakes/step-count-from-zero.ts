import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'bias correction uses t = 0 on the first step',
    'zh-CN': '偏差修正在第一步用了 t = 0',
  },
  explanation: {
    en:
      'The step count in 1 − β1ᵗ and 1 − β2ᵗ must count the current step: t = 1 on the first call of step. Using the count ' +
      'from before the increment makes 1 − β⁰ = 0 on the first step, and m̂ = m/0 is Infinity (or NaN). ' +
      'Increment t first, then compute the corrections.',
    'zh-CN':
      '1 − β1ᵗ 和 1 − β2ᵗ 中的步数必须把当前这一步算进去：第一次调用 step 时 t = 1。' +
      '用自增之前的计数，第一步就会得到 1 − β⁰ = 0，m̂ = m/0 是 Infinity（或 NaN）。' +
      '先让 t 自增，再计算修正因子。',
  },
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
