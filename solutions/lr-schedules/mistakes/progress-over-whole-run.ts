import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { WarmupCosineOptions } from '../schedules.ts';
export { cosineAnnealingLR, exponentialLR, stepLR } from '../schedules.ts';

export const mistake: Mistake = {
  title: {
    en: "the cosine's progress is measured over the whole run: step/totalSteps",
    'zh-CN': '余弦的 progress 按整个训练计算：step/totalSteps',
  },
  explanation: {
    en:
      'The cosine starts where the warmup ends: progress = (step − warmupSteps)/max(1, totalSteps − warmupSteps), ' +
      '0 at step warmupSteps and 1 at totalSteps. With step/totalSteps the cosine has already run during the warmup, so ' +
      'the lr jumps from the top of the warmup line down to a lower value at step warmupSteps and never reaches lr.',
    'zh-CN':
      '余弦从预热结束的地方开始：progress = (step − warmupSteps)/max(1, totalSteps − warmupSteps)，第 warmupSteps 步为 0，第 totalSteps 步为 1。' +
      '写成 step/totalSteps，余弦在预热期间就已经在走了，所以到第 warmupSteps 步学习率会从预热直线的顶端跳到一个更低的值，永远达不到 lr。',
  },
};

export function warmupCosine(step: number, options: WarmupCosineOptions): number {
  const { lr, warmupSteps, totalSteps, minLr = 0 } = options;
  if (!Number.isInteger(step) || step < 0) throw new Error(`warmupCosine: step must be an integer ≥ 0, got ${step}`);
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) throw new Error(`warmupCosine: warmupSteps must be an integer ≥ 0, got ${warmupSteps}`);
  if (!(warmupSteps <= totalSteps)) {
    throw new Error(`warmupCosine: warmupSteps (${warmupSteps}) must not exceed totalSteps (${totalSteps})`);
  }
  if (step > totalSteps) throw new Error(`warmupCosine: step ${step} is beyond totalSteps (${totalSteps})`);
  if (step < warmupSteps) return (lr * step) / warmupSteps;
  const progress = step / Math.max(1, totalSteps);
  return minLr + ((lr - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
}
