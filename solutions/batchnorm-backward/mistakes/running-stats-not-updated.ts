import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

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

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`    const n = x.rows;
    for (let j = 0; j < x.cols; j++) {
      const unbiased = (variance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
                                                    // ÷(N−1)：对总体方差的估计
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;
    }
`, `    const n = x.rows;
    const runningMean = Float64Array.from(state.runningMean);
    const runningVar = Float64Array.from(state.runningVar);
    for (let j = 0; j < x.cols; j++) {
      const unbiased = (variance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
                                                    // ÷(N−1)：对总体方差的估计
      runningMean[j] = (1 - momentum) * runningMean[j] + momentum * mean[j];
      runningVar[j] = (1 - momentum) * runningVar[j] + momentum * unbiased;
    }
`],
  ],
};
