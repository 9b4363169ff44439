import type { Mistake } from '../../../grader/core/mistakes.ts';
import { AdamW as Reference } from '../optimizers.ts';
export { Adagrad, RMSprop } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: "AdamW's decay without lr: p ← p·(1 − weightDecay)",
    'zh-CN': 'AdamW 的衰减没有乘 lr：p ← p·(1 − weightDecay)',
  },
  explanation: {
    en:
      'In torch.optim.AdamW the decay is scaled by the learning rate: p ← p·(1 − lr·weightDecay). Without lr, the default ' +
      'weightDecay = 1e-2 shrinks every weight by 1% per step (a factor 10 every ~230 steps), whatever the learning rate, ' +
      'and a schedule that lowers lr no longer lowers the decay. Multiply by 1 − lr·weightDecay, with the current lr.',
    'zh-CN':
      'torch.optim.AdamW 的衰减要乘上学习率：p ← p·(1 − lr·weightDecay)。不乘 lr 时，默认的 weightDecay = 1e-2 会让每个权重每步缩小 1%' +
      '（约 230 步缩小到十分之一），与学习率无关；学习率调度降低 lr 时，衰减也不会随之降低。应当乘以 1 − lr·weightDecay，并且用当前的 lr。',
  },
};

export class AdamW extends Reference {
  protected override prepare(t: number): void {
    this.decay = 1 - this.weightDecay;
    this.stepSize = this.lr / (1 - this.beta1 ** t);
    this.sqrtBias2 = Math.sqrt(1 - this.beta2 ** t);
  }
}
