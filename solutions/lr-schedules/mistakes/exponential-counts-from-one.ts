import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { ExponentialLROptions } from '../schedules.ts';
export { cosineAnnealingLR, stepLR, warmupCosine } from '../schedules.ts';

export const mistake: Mistake = {
  title: {
    en: 'exponentialLR counts epochs from 1: lr·gamma^(epoch + 1)',
    'zh-CN': 'exponentialLR 把轮数从 1 开始数：lr·gamma^(epoch + 1)',
  },
  explanation: {
    en:
      'The first epoch, epoch 0, trains at the lr you chose: PyTorch applies gamma after each epoch, so epoch e ' +
      'trains at lr·gamma^e. An exponent of epoch + 1 decays the lr before any training has happened, and the whole ' +
      'schedule is one factor of gamma too low.',
    'zh-CN':
      '第一轮即第 0 轮，用的就是你设定的 lr：PyTorch 在每轮结束之后才乘以 gamma，所以第 e 轮的学习率是 lr·gamma^e。' +
      '指数写成 epoch + 1，会在还没开始训练时就先衰减一次，整个调度都低了一个 gamma 因子。',
  },
};

export function exponentialLR(epoch: number, options: ExponentialLROptions): number {
  const { lr, gamma } = options;
  if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`exponentialLR: epoch must be an integer ≥ 0, got ${epoch}`);
  return lr * gamma ** (epoch + 1);
}
