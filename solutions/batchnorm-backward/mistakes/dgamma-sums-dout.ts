import type { Mistake } from '../../../grader/core/mistakes.ts';
import { batchnormBackward as reference, type BatchNormCache } from '../batchnorm.ts';
import { sumRows, type Matrix } from '../../lib/index.ts';
export { batchnormForward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'dgamma sums dout instead of dout·x̂',
  explanation:
    'y = γ·x̂ + β, so ∂y/∂γ = x̂: dgamma = Σₙ dout·x̂, column by column. Σₙ dout is dbeta, the gradient of the shift.',
};

export function batchnormBackward(dout: Matrix, cache: BatchNormCache): ReturnType<typeof reference> {
  return { ...reference(dout, cache), dgamma: sumRows(dout) };
}
