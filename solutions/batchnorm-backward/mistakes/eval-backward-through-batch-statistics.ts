import type { Mistake } from '../../../grader/core/mistakes.ts';
import { batchnormBackward as reference, type BatchNormCache } from '../batchnorm.ts';
import type { Matrix } from '../../lib/index.ts';
export { batchnormForward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'eval-mode backward goes through the batch statistics',
  explanation:
    'In eval mode x is normalised with the running mean and variance, which do not depend on x: the layer is just ' +
    'y = γ·(x − runningMean)/√(runningVar + eps) + β, so dx = dout·γ/√(runningVar + eps). The mean and variance ' +
    'paths of the train-mode backward do not exist there.',
};

/** Always the train-mode gradient, whatever mode the forward pass ran in. */
export function batchnormBackward(dout: Matrix, cache: BatchNormCache): ReturnType<typeof reference> {
  return reference(dout, { ...cache, mode: 'train' });
}
