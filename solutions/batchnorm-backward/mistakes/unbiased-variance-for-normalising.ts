import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: 'x̂ normalised with the unbiased variance ÷(N−1)',
  explanation:
    'BatchNorm normalises each batch with its own biased variance σ² = Σ(x − μ)²/N, so every column of x̂ has ' +
    'variance 1 (up to eps). The unbiased ÷(N−1) variance belongs only in the running variance; with a batch of 2 ' +
    'it shrinks x̂ by a factor √2.',
};

export const batchnormForward = forwardWith({ normalisingVariance: (biased, n) => (biased * n) / (n - 1) });
