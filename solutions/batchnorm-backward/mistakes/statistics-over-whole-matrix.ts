/**
 * A bug of the seed article's NumPy program, ported: mu = z.mean() and var = z.var() with no
 * axis, one mean and one variance for the whole N×D batch instead of one per feature.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { batchnormForward as reference } from '../batchnorm.ts';
import { checkForwardInputs, normaliseColumns } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'one mean and one variance for the whole batch (z.mean() with no axis)',
    'zh-CN': '整个批量只算了一个均值和一个方差（z.mean() 没指定 axis）',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: mu = z.mean() and var = z.var() average over every entry of the N×D batch, ' +
      'so all D features share one mean and one variance, and a feature with a large scale still dominates the others after ' +
      '"normalising". BatchNorm normalises each feature (column) over the batch: mu = z.mean(axis=0), var = z.var(axis=0), ' +
      'D entries each, and the running statistics keep D entries too.',
    'zh-CN':
      '一篇流传很广的教程里的 bug：mu = z.mean() 和 var = z.var() 没指定 axis，是对 N×D 批量的全部元素求的，' +
      '于是 D 个特征共用一个均值和一个方差，“归一化”之后数值尺度大的特征照样压过其他特征。' +
      'BatchNorm 是对每个特征（每一列）在批量维度上归一化：mu = z.mean(axis=0)，var = z.var(axis=0)，' +
      '各有 D 个元素，滑动均值和滑动方差也各有 D 个元素。',
  },
};

export const batchnormForward: typeof reference = (x, gamma, beta, state, options) => {
  const { mode, momentum, eps } = checkForwardInputs(x, gamma, beta, state, options);
  const d = x.cols;
  let mean: Float64Array;
  let variance: Float64Array;
  if (mode === 'train') {
    const count = x.data.length;
    let mu = 0;
    for (const v of x.data) mu += v;
    mu /= count; // the mistake: z.mean(), every entry
    let biased = 0;
    for (const v of x.data) biased += (v - mu) ** 2;
    biased /= count; // z.var(), every entry
    const unbiased = (biased * count) / (count - 1);
    for (let j = 0; j < d; j++) {
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mu;
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;
    }
    mean = new Float64Array(d).fill(mu);
    variance = new Float64Array(d).fill(biased);
  } else {
    mean = Float64Array.from(state.runningMean);
    variance = Float64Array.from(state.runningVar);
  }
  return normaliseColumns(x, gamma, beta, mean, variance.map((v) => 1 / Math.sqrt(v + eps)), mode);
};

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`    mean = columnMeans(x);
    variance = columnVariances(x, mean); // biased, ÷N: the spread of this batch
                                         // 有偏方差，÷N：这个批量本身的离散程度
    const n = x.rows;
`, `    const mu = x.data.reduce((s, v) => s + v, 0) / x.data.length;
    mean = new Float64Array(x.cols).fill(mu);
    variance = new Float64Array(x.cols).fill(x.data.reduce((s, v) => s + (v - mu) ** 2, 0) / x.data.length); // biased, ÷N: the spread of this batch
                                                                                                             // 有偏方差，÷N：这个批量本身的离散程度
    const n = x.data.length;
`],
  ],
};
