import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'x̂ normalised with the unbiased variance ÷(N−1)',
    'zh-CN': 'x̂ 用无偏方差 ÷(N−1) 归一化',
  },
  explanation: {
    en:
      'BatchNorm normalises each batch with its own biased variance σ² = Σ(x − μ)²/N, so every column of x̂ has ' +
      'variance 1 (up to eps). The unbiased ÷(N−1) variance belongs only in the running variance; with a batch of 2 ' +
      'it shrinks x̂ by a factor √2.',
    'zh-CN':
      'BatchNorm 用每个批量自己的有偏方差 σ² = Σ(x − μ)²/N 归一化，所以 x̂ 每一列的方差都是 1（不计 eps）。' +
      '无偏的 ÷(N−1) 方差只用于滑动方差；批量为 2 时，用它会把 x̂ 缩小为原来的 1/√2。',
  },
};

export const batchnormForward = forwardWith({ normalisingVariance: (biased, n) => (biased * n) / (n - 1) });

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`    variance = columnVariances(x, mean); // biased, ÷N: the spread of this batch
                                         // 有偏方差，÷N：这个批量本身的离散程度
    const n = x.rows;
    for (let j = 0; j < x.cols; j++) {
      const unbiased = (variance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
                                                    // ÷(N−1)：对总体方差的估计
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;`, `    const n = x.rows;
    variance = columnVariances(x, mean).map((v) => (v * n) / (n - 1)); // ÷(N−1): an estimate of the population's
                                                                       // ÷(N−1)：对总体方差的估计
    for (let j = 0; j < x.cols; j++) {
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * variance[j];`],
  ],
};
