import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { BatchNormParams } from '../batchnorm.ts';
export { batchnormBackward, batchnormForward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'createBatchNorm returns the same arrays on every call',
    'zh-CN': 'createBatchNorm 每次调用都返回同一组数组',
  },
  explanation: {
    en:
      'The arrays are made once (per width) and handed out again on the next call, so two BatchNorm layers of the same ' +
      'width share their γ, β and running statistics: training one trains the other, and a layer built after training ' +
      'starts from the trained values instead of 1, 0, 0 and 1. Like torch.nn.BatchNorm1d(D), every call makes new arrays.',
    'zh-CN':
      '这些数组（每种宽度）只创建一次，下次调用时又原样交出，于是两个同宽度的 BatchNorm 层共用 γ、β 和滑动统计量：' +
      '训练其中一个就等于训练了另一个，训练之后再建的层也会从训练过的值开始，而不是 1、0、0 和 1。' +
      '应当像 torch.nn.BatchNorm1d(D) 一样，每次调用都创建新数组。',
  },
};

const layers = new Map<number, BatchNormParams>();

export function createBatchNorm(features: number): BatchNormParams {
  if (!Number.isInteger(features) || features < 1) {
    throw new Error(`createBatchNorm: features must be a positive integer, got ${String(features)}`);
  }
  const made = layers.get(features);
  if (made) return made;
  const layer = {
    // γ = 1 and β = 0: the layer starts as plain standardisation, out = x̂.
    // γ = 1、β = 0：这一层一开始就是单纯的标准化，out = x̂。
    gamma: new Float64Array(features).fill(1),
    beta: new Float64Array(features),
    // Running mean 0 and variance 1: before any training, eval mode passes x through (up to eps).
    // 滑动均值 0、滑动方差 1：训练之前，评估模式几乎原样输出 x（只差 eps）。
    state: { runningMean: new Float64Array(features), runningVar: new Float64Array(features).fill(1) },
  };
  layers.set(features, layer);
  return layer;
}
