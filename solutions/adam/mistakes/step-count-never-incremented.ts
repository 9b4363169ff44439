import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'the step count never advances',
    'zh-CN': '步数从不增加',
  },
  explanation: {
    en:
      'The bias corrections 1 − β1ᵗ and 1 − β2ᵗ need the number of steps taken so far, including this one. With t stuck at 1 ' +
      'the first step is right, but every later step still divides m by 0.1 and v by 0.001, where the right divisors grow ' +
      'towards 1: m̂ ends up 10 times too large within a few dozen steps, v̂ 1000 times too large over thousands. With the ' +
      'default betas the steps are too large for the first ~100 (up to 2.1 times, near t = 12), then too small: 2.5 times ' +
      'at t = 1000, and towards √1000/10 ≈ 3.2 times after that. ' +
      'Keep t in the optimizer and increment it once per call of step.',
    'zh-CN':
      '偏差修正 1 − β1ᵗ 和 1 − β2ᵗ 需要到目前为止走过的步数，包括这一步。' +
      't 一直停在 1 时，第一步是对的，但之后的每一步仍然把 m 除以 0.1、v 除以 0.001，而正确的除数会逐渐增大到 1：几十步之内 m̂ 就会大 10 倍，经过几千步 v̂ 会大 1000 倍。' +
      '在默认的 betas 下，前约 100 步的步长偏大（最多 2.1 倍，在 t = 12 附近），之后偏小：t = 1000 时小 2.5 倍，再往后趋向于小 √1000/10 ≈ 3.2 倍。' +
      '把 t 保存在优化器里，每次调用 step 时自增一次。',
  },
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
