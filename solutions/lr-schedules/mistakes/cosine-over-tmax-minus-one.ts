import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { CosineAnnealingLROptions } from '../schedules.ts';
export { exponentialLR, stepLR, warmupCosine } from '../schedules.ts';

export const mistake: Mistake = {
  title: {
    en: 'cosineAnnealingLR divides by tMax − 1: etaMin one epoch early',
    'zh-CN': 'cosineAnnealingLR 除以了 tMax − 1：提前一轮降到 etaMin',
  },
  explanation: {
    en:
      'The angle is π·epoch/tMax, so the lr reaches etaMin at epoch tMax exactly. Dividing by tMax − 1, to land on ' +
      'etaMin at the "last" epoch tMax − 1, makes every epoch\'s lr too low and the curve a different one: PyTorch counts ' +
      'tMax epochs from lr to etaMin, and epoch tMax is the first one at the floor.',
    'zh-CN':
      '角度是 π·epoch/tMax，所以学习率恰好在第 tMax 轮降到 etaMin。为了让“最后一轮” tMax − 1 落在 etaMin 上而除以 tMax − 1，' +
      '会让每一轮的学习率都偏低，整条曲线都变了：PyTorch 从 lr 到 etaMin 走 tMax 轮，第 tMax 轮才第一次到达下限。',
  },
};

export function cosineAnnealingLR(epoch: number, options: CosineAnnealingLROptions): number {
  const { lr, tMax, etaMin = 0 } = options;
  if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`cosineAnnealingLR: epoch must be an integer ≥ 0, got ${epoch}`);
  if (!(tMax > 0)) throw new Error(`cosineAnnealingLR: tMax must be > 0, got ${tMax}`);
  return etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * epoch) / Math.max(1, tMax - 1)))) / 2;
}
