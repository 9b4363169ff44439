/**
 * batchnormForward with PyTorch's conventions as parameters. Each catalogued forward mistake in
 * mistakes/ is the reference with exactly one convention changed, so a mistake file shows the
 * mistake and nothing else. Not part of the kata: learners never see or need this file.
 */
import {
  checkForwardInputs,
  columnMeans,
  columnVariances,
  normaliseColumns,
  type batchnormForward,
} from './batchnorm.ts';
import type { Matrix } from '../lib/index.ts';

export interface ForwardConventions {
  /** The biased batch variance of each column. PyTorch: Σ(x − μ)²/N, after μ (two passes). */
  batchVariance(x: Matrix, mean: Float64Array): Float64Array;
  /** The variance x̂ is normalised with, given the biased (÷N) batch variance. PyTorch: that one. */
  normalisingVariance(biased: number, n: number): number;
  /** The variance the running average takes in. PyTorch: the unbiased one, ÷(N−1). */
  runningVariance(biased: number, n: number): number;
  /** One step of the running average. PyTorch: (1 − m)·running + m·batch. */
  runningAverage(running: number, batch: number, momentum: number): number;
  /** The scale applied to x − μ. PyTorch: 1/√(σ² + eps). */
  invStd(variance: number, eps: number): number;
  /** Which modes update the running statistics. PyTorch: train only. */
  updatesState: { train: boolean; eval: boolean };
  /** Whether eval mode normalises with the batch statistics, exactly like train mode. PyTorch: no. */
  evalUsesBatchStatistics: boolean;
}

export const PYTORCH: ForwardConventions = {
  batchVariance: columnVariances,
  normalisingVariance: (biased) => biased,
  runningVariance: (biased, n) => (biased * n) / (n - 1),
  runningAverage: (running, batch, momentum) => (1 - momentum) * running + momentum * batch,
  invStd: (variance, eps) => 1 / Math.sqrt(variance + eps),
  updatesState: { train: true, eval: false },
  evalUsesBatchStatistics: false,
};

/** A batchnormForward that follows PyTorch except where `changes` says otherwise. */
export function forwardWith(changes: Partial<ForwardConventions>): typeof batchnormForward {
  const c: ForwardConventions = { ...PYTORCH, ...changes };
  return (x, gamma, beta, state, options) => {
    const { mode, momentum, eps } = checkForwardInputs(x, gamma, beta, state, options);
    const n = x.rows;
    const useBatch = mode === 'train' || c.evalUsesBatchStatistics;
    // Copies: the state may be updated below, after the statistics used for normalising are fixed.
    let mean: Float64Array = Float64Array.from(state.runningMean);
    let variance: Float64Array = Float64Array.from(state.runningVar);
    if (useBatch || c.updatesState[mode]) {
      const batchMean = columnMeans(x);
      const biased = c.batchVariance(x, batchMean);
      if (useBatch) {
        mean = batchMean;
        variance = biased.map((v) => c.normalisingVariance(v, n));
      }
      if (c.updatesState[mode]) {
        for (let j = 0; j < x.cols; j++) {
          state.runningMean[j] = c.runningAverage(state.runningMean[j], batchMean[j], momentum);
          state.runningVar[j] = c.runningAverage(state.runningVar[j], c.runningVariance(biased[j], n), momentum);
        }
      }
    }
    const invStd = variance.map((v) => c.invStd(v, eps));
    // A cache marked 'train' makes the reference backward go through the batch statistics.
    return normaliseColumns(x, gamma, beta, mean, invStd, useBatch ? 'train' : 'eval');
  };
}
