import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { BatchNormParams } from '../batchnorm.ts';
export { batchnormBackward, batchnormForward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'γ and the running variance are one array (and β and the running mean another)',
    'zh-CN': 'γ 和滑动方差是同一个数组（β 和滑动均值也是同一个）',
  },
  explanation: {
    en:
      'γ and runningVar both start at 1, β and runningMean both at 0, so one array of ones and one of zeros seem to do. ' +
      'But they are four different quantities: the optimizer then moves the running statistics with every step on γ and β, ' +
      'and every train-mode forward pass overwrites γ and β with the running averages. Give each of the four its own ' +
      'new Float64Array.',
    'zh-CN':
      'γ 和 runningVar 都从 1 开始，β 和 runningMean 都从 0 开始，所以一个全 1 数组加一个全 0 数组似乎就够了。' +
      '但它们是四个不同的量：这样一来，优化器每次更新 γ 和 β 都会顺带改动滑动统计量，' +
      '而每次训练模式的前向传播又会用滑动平均覆盖 γ 和 β。四个量应各用一个新的 Float64Array。',
  },
};

export function createBatchNorm(features: number): BatchNormParams {
  if (!Number.isInteger(features) || features < 1) {
    throw new Error(`createBatchNorm: features must be a positive integer, got ${String(features)}`);
  }
  const ones = new Float64Array(features).fill(1);
  const zeros = new Float64Array(features);
  return { gamma: ones, beta: zeros, state: { runningMean: zeros, runningVar: ones } };
}
