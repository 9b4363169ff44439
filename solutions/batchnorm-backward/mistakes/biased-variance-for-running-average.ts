import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'running variance updated with the biased variance ÷N',
  explanation:
    'PyTorch normalises with the biased batch variance (÷N) but feeds the UNBIASED one, Σ(x − μ)²/(N − 1), into ' +
    'runningVar: it estimates the variance of the whole data set, which eval mode will use. Multiply the biased ' +
    'variance by N/(N − 1) before the running average.',
};

export const batchnormForward = forwardWith({ runningVariance: (biased) => biased });

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`    const n = x.rows;
    for (let j = 0; j < x.cols; j++) {
      const unbiased = (variance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
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
