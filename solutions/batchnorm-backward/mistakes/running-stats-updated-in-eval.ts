import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'running statistics updated in eval mode too',
    'zh-CN': '评估模式也更新了滑动统计量',
  },
  explanation: {
    en:
      'Eval mode only reads state: updating the running averages from test batches leaks the test data into the ' +
      'model and makes predictions depend on what was evaluated before. Update runningMean and runningVar only when ' +
      "mode is 'train'.",
    'zh-CN':
      '评估模式只读取 state：用测试批量更新滑动统计量，会把测试数据泄漏进模型，' +
      "还会让预测结果取决于之前评估过哪些数据。只在 mode 为 'train' 时更新 runningMean 和 runningVar。",
  },
};

export const batchnormForward = forwardWith({ updatesState: { train: true, eval: true } });

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  if (mode === 'train') {
    mean = columnMeans(x);
    variance = columnVariances(x, mean); // biased, ÷N: the spread of this batch
                                         // 有偏方差，÷N：这个批量本身的离散程度
    const n = x.rows;
    for (let j = 0; j < x.cols; j++) {
      const unbiased = (variance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
                                                    // ÷(N−1)：对总体方差的估计
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;
    }
  } else {
    mean = state.runningMean;
    variance = state.runningVar;
  }
`, `  const batchMean = columnMeans(x);
  const batchVariance = columnVariances(x, batchMean); // biased, ÷N: the spread of this batch
                                                       // 有偏方差，÷N：这个批量本身的离散程度
  if (mode === 'train') {
    mean = batchMean;
    variance = batchVariance;
  } else {
    mean = Float64Array.from(state.runningMean);
    variance = Float64Array.from(state.runningVar);
  }
  const n = x.rows;
  for (let j = 0; j < x.cols; j++) {
    const unbiased = (batchVariance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
                                                       // ÷(N−1)：对总体方差的估计
    state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * batchMean[j];
    state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;
  }
`],
  ],
};
