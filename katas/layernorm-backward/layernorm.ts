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
  // Add the values your backward pass needs, e.g. x̂ (N×D) and 1/√(σ² + eps) of each row (N).
}

/** Whatever rmsNormBackward needs from the forward pass (yours to choose, like LayerNormCache). */
export interface RMSNormCache {
  // Add the values your backward pass needs, e.g. x (N×D) and 1/rms of each row (N).
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
  throw new Error('not implemented: layerNormForward(x, gamma, beta, eps)');
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
  throw new Error('not implemented: layerNormBackward(dout, cache)');
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
  throw new Error('not implemented: rmsNormForward(x, gamma, eps)');
}

/**
 * RMS normalisation, backward: the rms of row n is a function of every entry of that row.
 * @param dout N×D upstream gradient (not modified)
 * @param cache what rmsNormForward returned
 * @returns dx N×D, dgamma D
 * @throws Error naming both shapes when dout is not the shape of the forward output
 */
export function rmsNormBackward(dout: Matrix, cache: RMSNormCache): { dx: Matrix; dgamma: Float64Array } {
  throw new Error('not implemented: rmsNormBackward(dout, cache)');
}
