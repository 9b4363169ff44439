/**
 * Kata: batchnorm-backward. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- batchnorm`.
 */
import { isMatrix, matrix, shapeOf, type Matrix } from '../lib/index.ts';

/** PyTorch BatchNorm1d's buffers: one running mean and one running variance per column. */
export interface BatchNormState {
  /** D entries; BatchNorm1d starts it at 0. Updated in place in train mode. */
  runningMean: Float64Array;
  /** D entries; BatchNorm1d starts it at 1. Updated in place in train mode. */
  runningVar: Float64Array;
}

export interface BatchNormOptions {
  /** 'train': normalise with the batch statistics and update the running ones; 'eval': use the running ones. */
  mode: 'train' | 'eval';
  /** Weight of the new batch in the running averages (PyTorch's meaning). Default 0.1. */
  momentum?: number;
  /** Added to the variance inside the square root. Default 1e-5. */
  eps?: number;
}

/**
 * Whatever batchnormBackward needs from the forward pass. The fields are yours to choose:
 * nothing outside this file reads them.
 */
export interface BatchNormCache {
  mode: 'train' | 'eval';
  /** N×D: x − μ, centred by the batch mean (train) or the running mean (eval). */
  centred: Matrix;
  /** N×D: x̂ = (x − μ)/√(σ² + eps). */
  xhat: Matrix;
  /** D: 1/√(σ² + eps), with the batch variance (train) or the running variance (eval). */
  invStd: Float64Array;
  /** D: a copy of gamma, so a later optimizer step cannot change what backward sees. */
  gamma: Float64Array;
}

export const DEFAULT_MOMENTUM = 0.1;
export const DEFAULT_EPS = 1e-5;

/**
 * Batch normalisation, forward: y = γ·x̂ + β with x̂ = (x − μ)/√(σ² + eps), column by column.
 * @param x N×D input, one example per row (not modified)
 * @param gamma D scales γ (not modified)
 * @param beta D shifts β (not modified)
 * @param state the running mean and variance, D entries each; updated IN PLACE in train mode
 * @param options mode 'train' | 'eval', momentum (default 0.1), eps (default 1e-5)
 * @returns out, N×D, and the cache for batchnormBackward
 * @throws Error naming both shapes when gamma, beta or the state do not have D entries, and
 *   in train mode when N < 2 (a batch of one example has no variance)
 */
export function batchnormForward(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  state: BatchNormState,
  options: BatchNormOptions,
): { out: Matrix; cache: BatchNormCache } {
  const { mode, momentum, eps } = checkForwardInputs(x, gamma, beta, state, options);
  let mean: Float64Array;
  let variance: Float64Array;
  if (mode === 'train') {
    mean = columnMeans(x);
    variance = columnVariances(x, mean); // biased, ÷N: the spread of this batch
    const n = x.rows;
    for (let j = 0; j < x.cols; j++) {
      const unbiased = (variance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;
    }
  } else {
    mean = state.runningMean;
    variance = state.runningVar;
  }
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  return normaliseColumns(x, gamma, beta, mean, invStd, mode);
}

/**
 * Batch normalisation, backward: the gradients of the loss with respect to x, γ and β.
 * In train mode μ and σ² are functions of x (see the graph in README.md); in eval mode they
 * are constants.
 * @param dout N×D upstream gradient ∂L/∂out (not modified)
 * @param cache what batchnormForward returned
 * @returns dx N×D, dgamma D, dbeta D
 * @throws Error naming both shapes when dout is not the shape of the forward output
 */
export function batchnormBackward(
  dout: Matrix,
  cache: BatchNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  checkDoutShape('batchnormBackward', dout, cache);
  const { centred, invStd, gamma } = cache;
  const n = dout.rows;
  const d = dout.cols;
  const { dgamma, dbeta } = paramGradients(dout, cache);

  // y = γ·x̂ + β  ⇒  ∂L/∂x̂ = dout·γ.
  const dxhat = matrix(n, d);
  for (let k = 0; k < n * d; k++) dxhat.data[k] = dout.data[k] * gamma[k % d];

  // x̂ = (x − μ)·s with s = 1/√(σ² + eps): the direct path to (x − μ).
  const dcentred = matrix(n, d);
  for (let k = 0; k < n * d; k++) dcentred.data[k] = dxhat.data[k] * invStd[k % d];
  if (cache.mode === 'eval') return { dx: dcentred, dgamma, dbeta }; // μ, σ² are constants

  // The path through s: ∂L/∂s = Σₙ ∂L/∂x̂·(x − μ); ds/dσ² = −½(σ² + eps)^(−3/2) = −½·s³.
  const dvar = new Float64Array(d);
  for (let k = 0; k < n * d; k++) dvar[k % d] += dxhat.data[k] * centred.data[k];
  for (let j = 0; j < d; j++) dvar[j] *= -0.5 * invStd[j] ** 3;
  // σ² = (1/N)·Σₙ (x − μ)²  ⇒  each (x − μ) entry also gets ∂L/∂σ²·2(x − μ)/N.
  for (let k = 0; k < n * d; k++) dcentred.data[k] += (dvar[k % d] * 2 * centred.data[k]) / n;
  // x − μ with μ = (1/N)·Σₙ x: x gets ∂L/∂(x − μ) directly, μ gets −Σₙ of it, spread back as ÷N.
  const dmean = new Float64Array(d);
  for (let k = 0; k < n * d; k++) dmean[k % d] -= dcentred.data[k];
  const dx = matrix(n, d);
  for (let k = 0; k < n * d; k++) dx.data[k] = dcentred.data[k] + dmean[k % d] / n;
  return { dx, dgamma, dbeta };
}

/**
 * Optional (graded only once you write it): the same gradients from one closed formula for dx
 * that you derive by simplifying your step-by-step backward (CS231n's batchnorm_backward_alt).
 * In train mode it needs only dout, x̂, γ, 1/√(σ² + eps) and two sums over the batch.
 * @param dout N×D upstream gradient (not modified)
 * @param cache what batchnormForward returned
 * @returns dx N×D, dgamma D, dbeta D, equal to batchnormBackward's
 */
export function batchnormBackwardAlt(
  dout: Matrix,
  cache: BatchNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  checkDoutShape('batchnormBackwardAlt', dout, cache);
  const { xhat, invStd, gamma } = cache;
  const n = dout.rows;
  const d = dout.cols;
  const { dgamma, dbeta } = paramGradients(dout, cache);
  // dx = (γ·s/N)·(N·dout − Σₙ dout − x̂·Σₙ(dout·x̂)) with s = 1/√(σ² + eps), in train mode.
  const dx = matrix(n, d);
  for (let k = 0; k < n * d; k++) {
    const j = k % d;
    dx.data[k] =
      cache.mode === 'eval'
        ? dout.data[k] * gamma[j] * invStd[j]
        : // Σₙ dout is dbeta and Σₙ dout·x̂ is dgamma: the two sums the formula needs.
          ((gamma[j] * invStd[j]) / n) * (n * dout.data[k] - dbeta[j] - xhat.data[k] * dgamma[j]);
  }
  return { dx, dgamma, dbeta };
}

// ---------------------------------------------------------------------------------------
// The helpers of the three functions above.
// ---------------------------------------------------------------------------------------

/** Validates the forward inputs (shapes, mode, N ≥ 2 in train mode) and fills in the defaults. */
function checkForwardInputs(
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
function normaliseColumns(
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

/** dβ = Σₙ dout and dγ = Σₙ dout·x̂, column by column: the same in both modes. */
function paramGradients(dout: Matrix, cache: BatchNormCache): { dgamma: Float64Array; dbeta: Float64Array } {
  const d = dout.cols;
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let k = 0; k < dout.data.length; k++) {
    dbeta[k % d] += dout.data[k];
    dgamma[k % d] += dout.data[k] * cache.xhat.data[k];
  }
  return { dgamma, dbeta };
}

/** dout must have the shape of the forward output. */
function checkDoutShape(fn: string, dout: Matrix, cache: BatchNormCache): void {
  const { rows, cols } = cache.xhat;
  if (!isMatrix(dout) || dout.rows !== rows || dout.cols !== cols) {
    const got = isMatrix(dout) ? shapeOf(dout) : 'not a Matrix';
    throw new Error(`${fn}: dout is ${got} but the forward output was ${rows}×${cols}`);
  }
}
