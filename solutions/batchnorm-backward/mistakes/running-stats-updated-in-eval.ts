import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'running statistics updated in eval mode too',
  explanation:
    'Eval mode only reads state: updating the running averages from test batches leaks the test data into the ' +
    'model and makes predictions depend on what was evaluated before. Update runningMean and runningVar only when ' +
    "mode is 'train'.",
};

export const batchnormForward = forwardWith({ updatesState: { train: true, eval: true } });
