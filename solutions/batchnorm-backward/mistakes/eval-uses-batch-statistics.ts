import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'eval mode normalises with the batch statistics',
    'zh-CN': '评估模式用批量统计量归一化',
  },
  explanation: {
    en:
      "In eval mode the layer must not depend on the other examples in the batch: it normalises with state.runningMean " +
      'and state.runningVar, the averages collected during training, and they are constants for the backward pass. ' +
      'Only train mode computes μ and σ² from the batch.',
    'zh-CN':
      '评估模式下，这一层不能依赖批量中的其他样本：它用 state.runningMean 和 state.runningVar 归一化，' +
      '也就是训练期间累积的滑动平均，对反向传播来说它们是常数。只有训练模式才从批量计算 μ 和 σ²。',
  },
};

export const batchnormForward = forwardWith({ evalUsesBatchStatistics: true });

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  } else {
    mean = state.runningMean;
    variance = state.runningVar;
  }
`, `  } else {
    mean = columnMeans(x);
    variance = columnVariances(x, mean);
  }
`],
  ],
};
