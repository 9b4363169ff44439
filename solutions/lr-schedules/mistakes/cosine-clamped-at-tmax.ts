import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { CosineAnnealingLROptions } from '../schedules.ts';
export { exponentialLR, stepLR, warmupCosine } from '../schedules.ts';

export const mistake: Mistake = {
  title: {
    en: 'cosineAnnealingLR stays at etaMin after tMax (the epoch clamped)',
    'zh-CN': 'cosineAnnealingLR 过了 tMax 就停在 etaMin（轮数被截断）',
  },
  explanation: {
    en:
      'PyTorch\'s CosineAnnealingLR does not stop at tMax: its closed form etaMin + (lr − etaMin)·(1 + cos(π·epoch/tMax))/2 ' +
      'simply goes on, so past tMax the lr climbs back up and is lr again at 2·tMax. Clamping the epoch with ' +
      'Math.min(epoch, tMax) is a different schedule (it is what a "cosine to a floor, then constant" recipe does). Leave the epoch as it is.',
    'zh-CN':
      'PyTorch 的 CosineAnnealingLR 到了 tMax 并不停下：它的闭式公式 etaMin + (lr − etaMin)·(1 + cos(π·epoch/tMax))/2 照常计算，' +
      '所以过了 tMax 学习率会重新上升，到 2·tMax 又回到 lr。用 Math.min(epoch, tMax) 截断轮数是另一种调度（“余弦降到下限后保持不变”）。不要改动轮数。',
  },
};

export function cosineAnnealingLR(epoch: number, options: CosineAnnealingLROptions): number {
  const { lr, tMax, etaMin = 0 } = options;
  if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`cosineAnnealingLR: epoch must be an integer ≥ 0, got ${epoch}`);
  if (!(tMax > 0)) throw new Error(`cosineAnnealingLR: tMax must be > 0, got ${tMax}`);
  return etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * Math.min(epoch, tMax)) / tMax))) / 2;
}
