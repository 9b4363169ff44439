import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'eps added outside the square root',
  explanation:
    'x̂ = (x − μ)/√(σ² + eps): eps is added to the variance, inside the square root. 1/(√σ² + eps) differs by ' +
    'about eps/(2σ²) relative, which the fixtures see, and by far more when eps is large or σ² small (a constant column).',
};

export const batchnormForward = forwardWith({ invStd: (variance, eps) => 1 / (Math.sqrt(variance) + eps) });
