import type { Mistake } from '../../../grader/core/mistakes.ts';
import { batchnormBackward as reference, type BatchNormCache } from '../batchnorm.ts';
import { map, meanRows, type Matrix } from '../../lib/index.ts';
export { batchnormForward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'backward misses the path through the variance',
  explanation:
    'σ² = Σₙ(x − μ)²/N depends on x too, so besides the direct path and the path through μ, every x[n][j] also ' +
    'reaches the loss through ∂L/∂σ², with ∂σ²/∂x = 2(x − μ)/N. Your dx has the mean path but not this one, so ' +
    'it is right only where x̂ is 0.',
};

/** The paths through x − μ and μ, but σ² treated as a constant. */
export function batchnormBackward(dout: Matrix, cache: BatchNormCache): ReturnType<typeof reference> {
  const result = reference(dout, cache);
  if (cache.mode === 'eval') return result;
  const direct = reference(dout, { ...cache, mode: 'eval' }).dx; // dout·γ/√(σ² + eps)
  const mean = meanRows(direct);
  return { ...result, dx: map(direct, (g, _i, j) => g - mean[j]) };
}
