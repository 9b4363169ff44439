import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { StepLROptions } from '../schedules.ts';
export { cosineAnnealingLR, exponentialLR, warmupCosine } from '../schedules.ts';

export const mistake: Mistake = {
  title: {
    en: 'stepLR decays smoothly: gamma^(epoch/stepSize) without the floor',
    'zh-CN': 'stepLR 平滑衰减：gamma^(epoch/stepSize) 漏了向下取整',
  },
  explanation: {
    en:
      'StepLR is a staircase: the lr stays at lr for epochs 0 … stepSize − 1 and is multiplied by gamma only when ' +
      'a whole step is completed, lr·gamma^⌊epoch/stepSize⌋. Without the floor, gamma^(epoch/stepSize) is an exponential ' +
      'decay with a different rate, already below lr at epoch 1. Use Math.floor(epoch / stepSize).',
    'zh-CN':
      'StepLR 是阶梯状的：第 0 到 stepSize − 1 轮都保持 lr，只有走完一整个阶梯才乘一次 gamma，即 lr·gamma^⌊epoch/stepSize⌋。' +
      '漏了向下取整，gamma^(epoch/stepSize) 就成了另一种速率的指数衰减，第 1 轮就已经低于 lr。用 Math.floor(epoch / stepSize)。',
  },
};

export function stepLR(epoch: number, options: StepLROptions): number {
  const { lr, stepSize, gamma = 0.1 } = options;
  if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`stepLR: epoch must be an integer ≥ 0, got ${epoch}`);
  if (!(stepSize >= 1)) throw new Error(`stepLR: stepSize must be ≥ 1, got ${stepSize}`);
  return lr * gamma ** (epoch / stepSize);
}
