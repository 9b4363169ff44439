import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { StepLROptions } from '../schedules.ts';
export { cosineAnnealingLR, exponentialLR, warmupCosine } from '../schedules.ts';

export const mistake: Mistake = {
  title: {
    en: 'stepLR drops one epoch early: ⌊(epoch + 1)/stepSize⌋',
    'zh-CN': 'stepLR 早衰减了一轮：⌊(epoch + 1)/stepSize⌋',
  },
  explanation: {
    en:
      'Epochs count from 0. With stepSize 30, epochs 0 to 29 are the first 30 epochs and train at lr; the first drop ' +
      'is at epoch 30. Counting the epoch from 1, ⌊(epoch + 1)/stepSize⌋, drops at epoch 29 instead, one epoch before ' +
      'PyTorch does. The exponent is ⌊epoch/stepSize⌋.',
    'zh-CN':
      '轮数从 0 开始数。stepSize 为 30 时，第 0 到 29 轮是前 30 轮，用的都是 lr；第一次衰减在第 30 轮。' +
      '把轮数当成从 1 开始，写成 ⌊(epoch + 1)/stepSize⌋，就会在第 29 轮衰减，比 PyTorch 早一轮。指数应当是 ⌊epoch/stepSize⌋。',
  },
};

export function stepLR(epoch: number, options: StepLROptions): number {
  const { lr, stepSize, gamma = 0.1 } = options;
  if (!Number.isInteger(epoch) || epoch < 0) throw new Error(`stepLR: epoch must be an integer ≥ 0, got ${epoch}`);
  if (!(stepSize >= 1)) throw new Error(`stepLR: stepSize must be ≥ 1, got ${stepSize}`);
  return lr * gamma ** Math.floor((epoch + 1) / stepSize);
}
