import type { Mistake } from '../../../grader/core/mistakes.ts';
import { AdamW as Reference } from '../optimizers.ts';
export { Adagrad, RMSprop } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: "AdamW's decay applied after the Adam step, to the new p",
    'zh-CN': 'AdamW 的衰减放在了 Adam 那一步之后，作用在新的 p 上',
  },
  explanation: {
    en:
      'torch.optim.AdamW shrinks the parameter first, p ← p·(1 − lr·weightDecay), and then subtracts the Adam step. ' +
      'Decaying after the step multiplies the step itself by 1 − lr·weightDecay too: p ends at (p − step)·(1 − lr·λ) ' +
      'instead of p·(1 − lr·λ) − step. The difference is lr·λ·step, small, but every step. Decay first, then step.',
    'zh-CN':
      'torch.optim.AdamW 先缩小参数：p ← p·(1 − lr·weightDecay)，再减去 Adam 的步长。' +
      '先走一步再衰减，步长本身也被乘上了 1 − lr·weightDecay：p 最终是 (p − step)·(1 − lr·λ)，而不是 p·(1 − lr·λ) − step。' +
      '两者相差 lr·λ·step，虽小，但每一步都有。先衰减，再走这一步。',
  },
};

export class AdamW extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, decay, stepSize, sqrtBias2 } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) / sqrtBias2 + eps);
      p[k] *= decay;
    }
  }
}
