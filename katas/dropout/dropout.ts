/**
 * Kata: dropout. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- dropout`.
 */
import type { Matrix } from '../lib/matrix.ts';
import type { Rng } from '../lib/random.ts';

/** 'train': drop entries at random and scale the rest; 'eval': pass x through unchanged. */
export type DropoutMode = 'train' | 'eval';

/**
 * Whatever dropoutBackward needs from the forward pass. The fields are yours to choose:
 * nothing outside this file reads them.
 */
export interface DropoutCache {
  mode: DropoutMode;
  // Add what your backward pass needs, e.g. the shape of x and the mask (with its scale).
}

/** The result of `dropoutForward`. */
export interface DropoutForwardResult {
  /** N×D, the shape of x. */
  out: Matrix;
  cache: DropoutCache;
}

/**
 * Inverted dropout, forward (PyTorch's `F.dropout(x, p, training)`): in train mode each entry
 * of x is dropped with probability p and the kept ones are scaled by 1/(1 − p); in eval mode
 * out is x.
 * @param x N×D input (not modified)
 * @param p the probability of DROPPING an entry, in [0, 1] (PyTorch's meaning)
 * @param mode 'train' | 'eval'
 * @param rng uniform numbers in [0, 1). Train mode draws exactly one per entry of x, in
 *   row-major order (N·D draws, whatever p is), and keeps the entry iff that number is < 1 − p.
 *   Eval mode draws nothing.
 * @returns out, N×D (a new matrix), and the cache for dropoutBackward
 * @throws Error naming p's value when p is outside [0, 1] or NaN, in either mode
 */
export function dropoutForward(x: Matrix, p: number, mode: DropoutMode, rng: Rng): DropoutForwardResult {
  throw new Error('not implemented: dropoutForward(x, p, mode, rng)');
}

/**
 * Inverted dropout, backward: given dout = ∂L/∂out, the gradient of the loss with respect to x.
 * @param dout the upstream gradient ∂L/∂out, N×D (not modified)
 * @param cache what `dropoutForward` returned with the out that dout belongs to
 * @returns dx, N×D, a new matrix
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function dropoutBackward(dout: Matrix, cache: DropoutCache): Matrix {
  throw new Error('not implemented: dropoutBackward(dout, cache)');
}
