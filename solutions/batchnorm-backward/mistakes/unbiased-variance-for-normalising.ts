import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'x̂ normalised with the unbiased variance ÷(N−1)',
    'zh-CN': 'x̂ 用无偏方差 ÷(N−1) 归一化',
  },
  explanation: {
    en:
      'BatchNorm normalises each batch with its own biased variance σ² = Σ(x − μ)²/N, so every column of x̂ has ' +
      'variance 1 (up to eps). The unbiased ÷(N−1) variance belongs only in the running variance; with a batch of 2 ' +
      'it shrinks x̂ by a factor √2.',
    'zh-CN':
      'BatchNorm 用每个批量自己的有偏方差 σ² = Σ(x − μ)²/N 归一化，所以 x̂ 每一列的方差都是 1（不计 eps）。' +
      '无偏的 ÷(N−1) 方差只用于滑动方差；批量为 2 时，用它会把 x̂ 缩小为原来的 1/√2。',
  },
};

export const batchnormForward = forwardWith({ normalisingVariance: (biased, n) => (biased * n) / (n - 1) });
