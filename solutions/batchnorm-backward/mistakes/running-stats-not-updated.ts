import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'running statistics not updated in train mode',
    'zh-CN': '训练模式没有更新滑动统计量',
  },
  explanation: {
    en:
      'Every train-mode call must update state in place: runningMean ← (1 − m)·runningMean + m·μ and runningVar ← ' +
      '(1 − m)·runningVar + m·(unbiased σ²). Without it, eval mode keeps normalising with the initial 0 and 1.',
    'zh-CN':
      '每次训练模式的调用都必须原地更新 state：runningMean ← (1 − m)·runningMean + m·μ，' +
      'runningVar ← (1 − m)·runningVar + m·（无偏的 σ²）。不更新的话，评估模式会一直用初始值 0 和 1 归一化。',
  },
};

export const batchnormForward = forwardWith({ updatesState: { train: false, eval: false } });
