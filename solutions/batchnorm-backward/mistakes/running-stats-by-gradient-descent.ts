/**
 * A bug of the seed article's NumPy program, ported: the running mean and variance are treated
 * as parameters and "trained", moved by a gradient step in the backward pass, instead of
 * following the momentum average of the batch statistics in the forward pass.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/index.ts';
import { batchnormBackward as referenceBackward, type BatchNormCache, type BatchNormOptions, type BatchNormState, DEFAULT_MOMENTUM } from '../batchnorm.ts';
import { forwardWith } from './_conventions.ts';
export { createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'running statistics "trained" by gradient descent instead of the momentum average',
    'zh-CN': '滑动均值和滑动方差用梯度下降来“训练”，而不是按动量做滑动平均',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: running_mean and running_var sit among the parameters and take a gradient ' +
      'step (running_mean −= lr·dmean) in the backward pass. They are not parameters: nothing in the loss should pull them; ' +
      'they are an estimate of the data\'s mean and variance for eval mode. Update them in the train-mode forward pass, ' +
      'runningMean ← (1 − m)·runningMean + m·batchMean and runningVar ← (1 − m)·runningVar + m·unbiasedBatchVar, and ' +
      'never touch them in backward.',
    'zh-CN':
      '一篇流传很广的教程里的 bug：把 running_mean 和 running_var 当成可训练参数，' +
      '在反向传播里也对它们做一步梯度下降（running_mean −= lr·dmean）。它们不是参数，损失函数不该拉动它们：' +
      '它们是对数据均值和方差的估计，留给评估模式用。应当在训练模式的前向传播中更新它们：' +
      'runningMean ← (1 − m)·runningMean + m·batchMean，runningVar ← (1 − m)·runningVar + m·unbiasedBatchVar，' +
      '反向传播里完全不要碰它们。',
  },
};

/** The forward pass leaves the running statistics alone; the cache keeps them for the "update" in backward. */
const forwardWithoutAverage = forwardWith({ updatesState: { train: false, eval: false } });

interface CacheWithState extends BatchNormCache {
  state: BatchNormState;
  stepSize: number;
}

export function batchnormForward(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  state: BatchNormState,
  options: BatchNormOptions,
): { out: Matrix; cache: CacheWithState } {
  const { out, cache } = forwardWithoutAverage(x, gamma, beta, state, options);
  // The contract has no learning rate: the step size is the momentum.
  return { out, cache: { ...cache, state, stepSize: options.momentum ?? DEFAULT_MOMENTUM } };
}

export function batchnormBackward(dout: Matrix, cache: CacheWithState): ReturnType<typeof referenceBackward> {
  const grads = referenceBackward(dout, cache);
  if (cache.mode === 'train') {
    // ∂L/∂μ and ∂L/∂σ² of the batch statistics, taken as the gradients of the running ones.
    const { centred, invStd, gamma, state, stepSize } = cache;
    const d = dout.cols;
    const dmean = new Float64Array(d);
    const dvar = new Float64Array(d);
    for (let k = 0; k < dout.data.length; k++) {
      const j = k % d;
      const dxhat = dout.data[k] * gamma[j];
      dmean[j] -= dxhat * invStd[j];
      dvar[j] += dxhat * centred.data[k] * -0.5 * invStd[j] ** 3;
    }
    for (let j = 0; j < d; j++) {
      state.runningMean[j] -= stepSize * dmean[j]; // the mistake: a gradient step
      state.runningVar[j] -= stepSize * dvar[j];
    }
  }
  return grads;
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  /**
   * D: a copy of gamma, so a later optimizer step cannot change what backward sees.
   *
   * 中文：D：gamma 的副本，这样之后优化器的更新就改变不了反向传播看到的值。
   */
  gamma: Float64Array;
}`, `  /**
   * D: a copy of gamma, so a later optimizer step cannot change what backward sees.
   *
   * 中文：D：gamma 的副本，这样之后优化器的更新就改变不了反向传播看到的值。
   */
  gamma: Float64Array;
  /**
   * The running statistics, updated in train mode.
   *
   * 中文：滑动统计量，训练模式下更新。
   */
  state?: BatchNormState;
  stepSize?: number;
}`],
    [`    const n = x.rows;
    for (let j = 0; j < x.cols; j++) {
      const unbiased = (variance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
                                                    // ÷(N−1)：对总体方差的估计
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;
    }
`, ''],
    [`  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  return normaliseColumns(x, gamma, beta, mean, invStd, mode);`, `  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const { out, cache } = normaliseColumns(x, gamma, beta, mean, invStd, mode);
  return { out, cache: { ...cache, state, stepSize: momentum } };`],
    [`  for (let k = 0; k < n * d; k++) dmean[k % d] -= dcentred.data[k];
`, `  for (let k = 0; k < n * d; k++) dmean[k % d] -= dcentred.data[k];
  const { state, stepSize = 0 } = cache;
  for (let j = 0; state && j < d; j++) {
    state.runningMean[j] -= stepSize * dmean[j];
    state.runningVar[j] -= stepSize * dvar[j];
  }
`],
  ],
};
