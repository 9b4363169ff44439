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
