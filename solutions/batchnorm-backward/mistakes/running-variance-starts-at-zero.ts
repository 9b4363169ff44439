import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { BatchNormParams } from '../batchnorm.ts';
export { batchnormBackward, batchnormForward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'the running variance starts at 0 instead of 1',
    'zh-CN': '滑动方差的初始值是 0，而不是 1',
  },
  explanation: {
    en:
      'Zeros look like the natural start for both running statistics, but BatchNorm1d starts runningVar at 1. Eval mode ' +
      'divides by √(runningVar + eps): from 0 that is √eps ≈ 0.003, so a layer evaluated before (or early in) training ' +
      'multiplies its input by about 316, and the running variance needs many batches to climb out of its too-small start. ' +
      'Start runningMean at 0 and runningVar at 1, so that an untrained layer in eval mode passes x through.',
    'zh-CN':
      '两个滑动统计量都从 0 开始看上去很自然，但 BatchNorm1d 把 runningVar 初始化为 1。评估模式要除以 √(runningVar + eps)：' +
      '从 0 开始，这个数就是 √eps ≈ 0.003，于是训练前（或训练初期）评估的这一层会把输入放大约 316 倍，' +
      '而且滑动方差要经过很多个批量才能从过小的初值爬上来。runningMean 应从 0 开始，runningVar 应从 1 开始，' +
      '这样未训练的层在评估模式下会原样输出 x。',
  },
};

export function createBatchNorm(features: number): BatchNormParams {
  if (!Number.isInteger(features) || features < 1) {
    throw new Error(`createBatchNorm: features must be a positive integer, got ${String(features)}`);
  }
  return {
    // γ = 1 and β = 0: the layer starts as plain standardisation, out = x̂.
    // γ = 1、β = 0：这一层一开始就是单纯的标准化，out = x̂。
    gamma: new Float64Array(features).fill(1),
    beta: new Float64Array(features),
    state: { runningMean: new Float64Array(features), runningVar: new Float64Array(features) },
  };
}
