/**
 * batchnormForward with PyTorch's conventions as parameters. Each catalogued forward mistake in
 * this folder is PyTorch's forward with exactly one convention changed, so a mistake file shows
 * the mistake and nothing else. Its own copy of the forward's pieces (the reference keeps them
 * private); the cache it builds is the reference's, so the reference backward reads it.
 */
import { isMatrix, matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import {
  DEFAULT_EPS,
  DEFAULT_MOMENTUM,
  type batchnormForward,
  type BatchNormCache,
  type BatchNormOptions,
  type BatchNormState,
} from '../batchnorm.ts';

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

const PYTORCH: ForwardConventions = {
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

// The pieces of PyTorch's forward, as in the reference.

/** Validates the forward inputs (shapes, mode, N ≥ 2 in train mode) and fills in the defaults. */
export function checkForwardInputs(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  state: BatchNormState,
  options: BatchNormOptions,
): Required<BatchNormOptions> {
  if (!isMatrix(x)) throw new Error('batchnormForward: x must be a Matrix { rows, cols, data: Float64Array }');
  const vectors: [string, Float64Array][] = [
    ['gamma', gamma],
    ['beta', beta],
    ['state.runningMean', state.runningMean],
    ['state.runningVar', state.runningVar],
  ];
  for (const [name, v] of vectors) {
    if (v.length !== x.cols) {
      throw new Error(`batchnormForward: x is ${shapeOf(x)} (D = ${x.cols}) but ${name} has ${v.length} entries`);
    }
  }
  const { mode, momentum = DEFAULT_MOMENTUM, eps = DEFAULT_EPS } = options;
  if (mode !== 'train' && mode !== 'eval') {
    throw new Error(`batchnormForward: mode must be 'train' or 'eval', got ${JSON.stringify(mode)}`);
  }
  if (mode === 'train' && x.rows < 2) {
    // PyTorch's own words: one example has no spread, and ÷(N−1) would divide by 0.
    throw new Error(
      `batchnormForward: expected more than 1 value per channel when training, got input of shape ${shapeOf(x)}`,
    );
  }
  return { mode, momentum, eps };
}

/** Mean per column, D entries. */
function columnMeans(x: Matrix): Float64Array {
  const mean = new Float64Array(x.cols);
  for (let k = 0; k < x.data.length; k++) mean[k % x.cols] += x.data[k];
  for (let j = 0; j < x.cols; j++) mean[j] /= x.rows;
  return mean;
}

/** Biased (÷N) variance per column, from the deviations: no E[x²] − E[x]² cancellation. */
function columnVariances(x: Matrix, mean: Float64Array): Float64Array {
  const variance = new Float64Array(x.cols);
  for (let k = 0; k < x.data.length; k++) variance[k % x.cols] += (x.data[k] - mean[k % x.cols]) ** 2;
  for (let j = 0; j < x.cols; j++) variance[j] /= x.rows;
  return variance;
}

/** x̂ = (x − μ)·invStd and out = γ·x̂ + β, column by column, with the cache backward needs. */
export function normaliseColumns(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  mean: Float64Array,
  invStd: Float64Array,
  mode: 'train' | 'eval',
): { out: Matrix; cache: BatchNormCache } {
  const n = x.rows;
  const d = x.cols;
  const centred = matrix(n, d);
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  for (let k = 0; k < n * d; k++) {
    const j = k % d;
    centred.data[k] = x.data[k] - mean[j];
    xhat.data[k] = centred.data[k] * invStd[j];
    out.data[k] = gamma[j] * xhat.data[k] + beta[j];
  }
  return { out, cache: { mode, centred, xhat, invStd, gamma: Float64Array.from(gamma) } };
}
