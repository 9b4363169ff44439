/**
 * Kata: layernorm-backward. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- layernorm`.
 */
import { isMatrix, matrix, shapeOf, type Matrix } from '../lib/index.ts';

/**
 * Whatever layerNormBackward needs from the forward pass. The fields are yours to choose:
 * nothing outside this file reads them.
 */
export interface LayerNormCache {
  /** N×D: x̂ = (x − μ)/√(σ² + eps), row by row. */
  xhat: Matrix;
  /** N: 1/√(σ² + eps) of each row. */
  invStd: Float64Array;
  /** D: a copy of gamma, so a later optimizer step cannot change what backward sees. */
  gamma: Float64Array;
}

/** Whatever rmsNormBackward needs from the forward pass (yours to choose, like LayerNormCache). */
export interface RMSNormCache {
  /** N×D: x/rms, row by row (out before gamma). */
  xhat: Matrix;
  /** N: 1/rms = 1/√(mean(x²) + eps) of each row. */
  invRms: Float64Array;
  /** D: a copy of gamma. */
  gamma: Float64Array;
}

/**
 * Layer normalisation, forward (PyTorch's F.layer_norm over the last dimension): each ROW of x
 * is normalised with its own mean and biased variance, then scaled and shifted per column:
 * out[n][j] = γⱼ·x̂[n][j] + βⱼ with x̂[n] = (x[n] − μₙ)/√(σ²ₙ + eps).
 * @param x N×D input, one example per row (not modified)
 * @param gamma D scales γ (not modified)
 * @param beta D shifts β (not modified)
 * @param eps added to each row's variance inside the square root (default 1e-5)
 * @returns out, N×D, and the cache for layerNormBackward
 * @throws Error naming both shapes when gamma or beta does not have D entries
 */
export function layerNormForward(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  eps = 1e-5,
): { out: Matrix; cache: LayerNormCache } {
  checkParams('layerNormForward', x, [['gamma', gamma], ['beta', beta]]);
  const n = x.rows;
  const d = x.cols;
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  const invStd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.data.subarray(i * d, (i + 1) * d);
    let mean = 0;
    for (let j = 0; j < d; j++) mean += row[j];
    mean /= d;
    // Two passes: the variance from the centred values, never E[x²] − E[x]² (a large common
    // offset would cancel every digit of it). Biased: ÷D, as F.layer_norm.
    let variance = 0;
    for (let j = 0; j < d; j++) variance += (row[j] - mean) ** 2;
    variance /= d;
    const s = 1 / Math.sqrt(variance + eps);
    invStd[i] = s;
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      xhat.data[k] = (row[j] - mean) * s;
      out.data[k] = gamma[j] * xhat.data[k] + beta[j];
    }
  }
  return { out, cache: { xhat, invStd, gamma: Float64Array.from(gamma) } };
}

/**
 * Layer normalisation, backward. μₙ and σ²ₙ are functions of row n of x, so the gradient goes
 * through them; γ and β are shared by all N rows.
 * @param dout N×D upstream gradient ∂L/∂out (not modified)
 * @param cache what layerNormForward returned
 * @returns dx N×D, dgamma D, dbeta D
 * @throws Error naming both shapes when dout is not the shape of the forward output
 */
export function layerNormBackward(
  dout: Matrix,
  cache: LayerNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  checkDout('layerNormBackward', dout, cache.xhat);
  const { xhat, invStd, gamma } = cache;
  const n = dout.rows;
  const d = dout.cols;
  // γ and β are broadcast over the rows: their gradients are sums over the batch.
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let k = 0; k < n * d; k++) {
    dbeta[k % d] += dout.data[k];
    dgamma[k % d] += dout.data[k] * xhat.data[k];
  }
  // Per row, with g = dout·γ = ∂L/∂x̂ and s = 1/√(σ² + eps):
  // dx = (s/D)·(D·g − Σⱼ g − x̂·Σⱼ g·x̂), the three paths (direct, through μ, through σ²) summed.
  const dx = matrix(n, d);
  for (let i = 0; i < n; i++) {
    let sumG = 0;
    let sumGX = 0;
    for (let j = 0; j < d; j++) {
      const g = dout.data[i * d + j] * gamma[j];
      sumG += g;
      sumGX += g * xhat.data[i * d + j];
    }
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      const g = dout.data[k] * gamma[j];
      dx.data[k] = (invStd[i] / d) * (d * g - sumG - xhat.data[k] * sumGX);
    }
  }
  return { dx, dgamma, dbeta };
}

/**
 * RMS normalisation, forward (the LLaMA form): each row is divided by its root mean square,
 * then scaled per column: out[n][j] = γⱼ·x[n][j]/√(mean(x[n]²) + eps). No mean is subtracted
 * and there is no β.
 * @param x N×D input (not modified)
 * @param gamma D scales γ (not modified)
 * @param eps added to each row's mean square inside the square root (default 1e-6)
 * @returns out, N×D, and the cache for rmsNormBackward
 * @throws Error naming both shapes when gamma does not have D entries
 */
export function rmsNormForward(x: Matrix, gamma: Float64Array, eps = 1e-6): { out: Matrix; cache: RMSNormCache } {
  checkParams('rmsNormForward', x, [['gamma', gamma]]);
  const n = x.rows;
  const d = x.cols;
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  const invRms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let meanSquare = 0;
    for (let j = 0; j < d; j++) meanSquare += x.data[i * d + j] ** 2;
    meanSquare /= d;
    const r = 1 / Math.sqrt(meanSquare + eps);
    invRms[i] = r;
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      xhat.data[k] = x.data[k] * r;
      out.data[k] = gamma[j] * xhat.data[k];
    }
  }
  return { out, cache: { xhat, invRms, gamma: Float64Array.from(gamma) } };
}

/**
 * RMS normalisation, backward: the rms of row n is a function of every entry of that row.
 * @param dout N×D upstream gradient (not modified)
 * @param cache what rmsNormForward returned
 * @returns dx N×D, dgamma D
 * @throws Error naming both shapes when dout is not the shape of the forward output
 */
export function rmsNormBackward(dout: Matrix, cache: RMSNormCache): { dx: Matrix; dgamma: Float64Array } {
  checkDout('rmsNormBackward', dout, cache.xhat);
  const { xhat, invRms, gamma } = cache;
  const n = dout.rows;
  const d = dout.cols;
  const dgamma = new Float64Array(d);
  for (let k = 0; k < n * d; k++) dgamma[k % d] += dout.data[k] * xhat.data[k];
  // Per row, with g = dout·γ and r = 1/rms: dx = r·(g − x̂·mean(g·x̂)); the second term is the
  // path through the rms (∂r/∂xⱼ = −r³·xⱼ/D).
  const dx = matrix(n, d);
  for (let i = 0; i < n; i++) {
    let sumGX = 0;
    for (let j = 0; j < d; j++) sumGX += dout.data[i * d + j] * gamma[j] * xhat.data[i * d + j];
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      dx.data[k] = invRms[i] * (dout.data[k] * gamma[j] - (xhat.data[k] * sumGX) / d);
    }
  }
  return { dx, dgamma };
}

// ---------------------------------------------------------------------------------------

/** x must be a Matrix and every per-column vector must have D = x.cols entries. */
function checkParams(fn: string, x: Matrix, vectors: [string, Float64Array][]): void {
  if (!isMatrix(x)) throw new Error(`${fn}: x must be a Matrix { rows, cols, data: Float64Array }`);
  for (const [name, v] of vectors) {
    if (v.length !== x.cols) {
      throw new Error(`${fn}: x is ${shapeOf(x)} (D = ${x.cols}) but ${name} has ${v.length} entries`);
    }
  }
}

/** dout must have the shape of the forward output. */
function checkDout(fn: string, dout: Matrix, out: Matrix): void {
  if (!isMatrix(dout) || dout.rows !== out.rows || dout.cols !== out.cols) {
    const got = isMatrix(dout) ? shapeOf(dout) : 'not a Matrix';
    throw new Error(`${fn}: dout is ${got} but the forward output was ${shapeOf(out)}`);
  }
}
