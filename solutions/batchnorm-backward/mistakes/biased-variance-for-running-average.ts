import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'running variance updated with the biased variance ÷N',
    'zh-CN': '滑动方差用有偏方差（÷N）更新',
  },
  explanation: {
    en:
      'PyTorch normalises with the biased batch variance (÷N) but feeds the UNBIASED one, Σ(x − μ)²/(N − 1), into ' +
      'runningVar: it estimates the variance of the whole data set, which eval mode will use. Multiply the biased ' +
      'variance by N/(N − 1) before the running average.',
    'zh-CN':
      'PyTorch 用有偏的批量方差（÷N）做归一化，但送进 runningVar 的是无偏方差 Σ(x − μ)²/(N − 1)：' +
      '它估计的是整个数据集的方差，评估模式要用它。做滑动平均之前，先把有偏方差乘以 N/(N − 1)。',
  },
};

export const batchnormForward = forwardWith({ runningVariance: (biased) => biased });

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
`, `    for (let j = 0; j < x.cols; j++) {
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * variance[j];
    }
`],
  ],
};
