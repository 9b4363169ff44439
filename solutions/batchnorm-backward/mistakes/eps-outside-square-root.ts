import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'eps added outside the square root',
  explanation:
    'x̂ = (x − μ)/√(σ² + eps): eps is added to the variance, inside the square root. With σ the standard deviation, ' +
    '1/(σ + eps) is smaller than 1/√(σ² + eps) by about eps/σ − eps/(2σ²) relative: 9.5e-7 at σ = 10 and 5e-6 at σ = 1 ' +
    '(eps = 1e-5), which the fixtures see. The two terms cancel near σ = ½, and below it the sign turns: 4e-4 too large ' +
    'at σ = 0.1. It is far worse when eps is large or σ is 0 (a constant column: 1/eps instead of 1/√eps).',
};

export const batchnormForward = forwardWith({ invStd: (variance, eps) => 1 / (Math.sqrt(variance) + eps) });

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));', 'const invStd = variance.map((v) => 1 / (Math.sqrt(v) + eps));'],
  ],
};
