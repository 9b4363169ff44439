import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'running statistics not updated in train mode',
  explanation:
    'Every train-mode call must update state in place: runningMean ← (1 − m)·runningMean + m·μ and runningVar ← ' +
    '(1 − m)·runningVar + m·(unbiased σ²). Without it, eval mode keeps normalising with the initial 0 and 1.',
};

export const batchnormForward = forwardWith({ updatesState: { train: false, eval: false } });
