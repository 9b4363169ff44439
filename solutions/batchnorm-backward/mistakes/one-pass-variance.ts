import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/index.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'variance computed in one pass, E[x²] − E[x]²',
    'zh-CN': '方差一遍算出：E[x²] − E[x]²',
  },
  explanation: {
    en:
      'E[x²] − E[x]² subtracts two nearly equal numbers when a feature has a large common offset: for values around 1e4 ' +
      'that differ by 1e-2, both terms are about 1e8, and float64 keeps only ~1e-8 of their difference, so the ' +
      'variance (about 1e-4) loses four digits, or comes out negative. Compute μ first, then Σ(x − μ)²/N, as PyTorch does.',
    'zh-CN':
      '当某个特征有很大的公共偏移时，E[x²] − E[x]² 是两个几乎相等的数相减：对于在 1e4 附近、彼此相差 1e-2 的取值，' +
      '两项都约为 1e8，float64 对它们的差只能精确到约 1e-8，于是方差（约 1e-4）丢掉四位有效数字，甚至算成负数。' +
      '应当像 PyTorch 那样先求 μ，再求 Σ(x − μ)²/N。',
  },
};

/** σ² = (1/N)·Σx² − μ²: the same number on paper, not in float64. */
function onePassVariance(x: Matrix, mean: Float64Array): Float64Array {
  const squares = new Float64Array(x.cols);
  for (let k = 0; k < x.data.length; k++) squares[k % x.cols] += x.data[k] * x.data[k];
  return squares.map((s, j) => s / x.rows - mean[j] * mean[j]);
}

export const batchnormForward = forwardWith({ batchVariance: onePassVariance });

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  for (let k = 0; k < x.data.length; k++) variance[k % x.cols] += (x.data[k] - mean[k % x.cols]) ** 2;
  for (let j = 0; j < x.cols; j++) variance[j] /= x.rows;`, `  for (let k = 0; k < x.data.length; k++) variance[k % x.cols] += x.data[k] * x.data[k];
  for (let j = 0; j < x.cols; j++) variance[j] = variance[j] / x.rows - mean[j] * mean[j];`],
  ],
};
