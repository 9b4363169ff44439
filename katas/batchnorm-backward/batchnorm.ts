/**
 * Kata: batchnorm-backward. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- batchnorm`.
 */
import { matrix, shapeOf, type Matrix } from '../lib/index.ts';

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
  // Add the values your backward pass needs, e.g. x̂ (N×D) and 1/√(σ² + eps) (D).
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
  throw new Error('not implemented: batchnormForward(x, gamma, beta, state, options)');
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
  throw new Error('not implemented: batchnormBackward(dout, cache)');
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
  throw new Error('not implemented: batchnormBackwardAlt(dout, cache)');
}
