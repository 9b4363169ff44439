import type { Mistake } from '../../../grader/core/mistakes.ts';
import { batchnormBackward as reference, type BatchNormCache } from '../batchnorm.ts';
import type { Matrix } from '../../lib/index.ts';
export { batchnormForward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'backward treats the batch mean and variance as constants',
  explanation:
    'In train mode μ and σ² are computed from x, so every x[n][j] also moves the output of every other row through ' +
    'them. dx = dout·γ/√(σ² + eps) keeps only the direct path; add the paths through μ and σ² (the chain rule ' +
    'through x − μ and through the variance). A sign: your dx columns do not sum to zero over the batch.',
};

/** Always the eval-mode gradient, dx = dout·γ/√(σ² + eps), as if μ and σ² did not depend on x. */
export function batchnormBackward(dout: Matrix, cache: BatchNormCache): ReturnType<typeof reference> {
  return reference(dout, { ...cache, mode: 'eval' });
}
