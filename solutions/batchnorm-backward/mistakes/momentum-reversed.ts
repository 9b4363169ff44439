import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'momentum applied the wrong way round in the running averages',
    'zh-CN': '滑动统计量更新中的动量用反了',
  },
  explanation: {
    en:
      "In PyTorch, momentum is the weight of the NEW batch: running ← (1 − m)·running + m·batch, so with m = 0.1 the " +
      'running statistics move 10% of the way towards each batch. m·running + (1 − m)·batch is the convention of ' +
      'other libraries (Keras calls that m "momentum" too, with default 0.99).',
    'zh-CN':
      '在 PyTorch 中，momentum 是新批量的权重：running ← (1 − m)·running + m·batch，' +
      '所以 m = 0.1 时，每来一个批量，滑动统计量就朝它移动 10%。' +
      'm·running + (1 − m)·batch 是其他库的约定（Keras 也把这个 m 叫作“momentum”，默认值为 0.99）。',
  },
};

export const batchnormForward = forwardWith({
  runningAverage: (running, batch, momentum) => momentum * running + (1 - momentum) * batch,
});

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;`, `      state.runningMean[j] = momentum * state.runningMean[j] + (1 - momentum) * mean[j];
      state.runningVar[j] = momentum * state.runningVar[j] + (1 - momentum) * unbiased;`],
  ],
};
