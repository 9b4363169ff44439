import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { CosineAnnealingLROptions } from '../schedules.ts';
export { exponentialLR, stepLR, warmupCosine } from '../schedules.ts';

export const mistake: Mistake = {
  title: {
    en: 'cosineAnnealingLR ignores its floor etaMin',
    'zh-CN': 'cosineAnnealingLR 忽略了下限 etaMin',
  },
  explanation: {
    en:
      'lr·(1 + cos(π·epoch/tMax))/2 is the cosine from lr down to 0. With a floor, the cosine must run between etaMin ' +
      'and lr: etaMin + (lr − etaMin)·(1 + cos(π·epoch/tMax))/2, which is lr at epoch 0 and etaMin at tMax. ' +
      'It only agrees with the formula without the floor when etaMin is 0.',
    'zh-CN':
      'lr·(1 + cos(π·epoch/tMax))/2 是从 lr 降到 0 的余弦。有下限时，余弦要在 etaMin 和 lr 之间变化：' +
      'etaMin + (lr − etaMin)·(1 + cos(π·epoch/tMax))/2，第 0 轮为 lr，第 tMax 轮为 etaMin。只有 etaMin 为 0 时两者才一致。',
  },
};

export function cosineAnnealingLR(epoch: number, options: CosineAnnealingLROptions): number {
  const { lr, tMax } = options;
  if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`cosineAnnealingLR: epoch must be an integer ≥ 0, got ${epoch}`);
  if (!(tMax > 0)) throw new Error(`cosineAnnealingLR: tMax must be > 0, got ${tMax}`);
  return (lr * (1 + Math.cos((Math.PI * epoch) / tMax))) / 2;
}
