import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { WarmupCosineOptions } from '../schedules.ts';
export { cosineAnnealingLR, exponentialLR, stepLR } from '../schedules.ts';

export const mistake: Mistake = {
  title: {
    en: 'the warmup is one step ahead: lr·(step + 1)/warmupSteps',
    'zh-CN': '预热提前了一步：lr·(step + 1)/warmupSteps',
  },
  explanation: {
    en:
      'In Hugging Face\'s convention the warmup is lr·step/warmupSteps: step 0 trains at 0, and lr is reached at step ' +
      'warmupSteps, where the cosine starts. With (step + 1) the first step already trains at lr/warmupSteps and the ' +
      'peak comes at step warmupSteps − 1, one step early (some codebases do this on purpose so that no step is wasted, but it is not the graded convention).',
    'zh-CN':
      '按 Hugging Face 的约定，预热是 lr·step/warmupSteps：第 0 步的学习率为 0，到第 warmupSteps 步达到 lr，余弦从这里开始。' +
      '写成 (step + 1)，第一步就已经用 lr/warmupSteps，峰值出现在第 warmupSteps − 1 步，早了一步（有些代码库故意这样写，免得浪费一步，但这不是本题评分的约定）。',
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
  if (step < warmupSteps) return (lr * (step + 1)) / warmupSteps;
  const progress = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
  return minLr + ((lr - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
}
