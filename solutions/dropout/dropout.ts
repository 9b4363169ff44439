/**
 * Kata: dropout. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- dropout`.
 */
import { matrix, shapeOf, type Matrix } from '../lib/matrix.ts';
import type { Rng } from '../lib/random.ts';

/** 'train': drop entries at random and scale the rest; 'eval': pass x through unchanged. */
export type DropoutMode = 'train' | 'eval';

/**
 * Whatever dropoutBackward needs from the forward pass. The fields are yours to choose:
 * nothing outside this file reads them.
 */
export interface DropoutCache {
  mode: DropoutMode;
  /** The shape of x (and of out): dout must have it. */
  rows: number;
  cols: number;
  /** Train mode: per entry, 1/(1 − p) where the entry was kept and 0 where it was dropped. Eval mode: null. */
  mask: Float64Array | null;
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
  if (!(p >= 0 && p <= 1)) throw new Error(`dropoutForward: p must be in [0, 1] (the probability of dropping), got ${p}`);
  if (mode !== 'train' && mode !== 'eval') throw new Error(`dropoutForward: mode must be 'train' or 'eval', got ${String(mode)}`);
  const out = matrix(x.rows, x.cols);
  if (mode === 'eval') {
    out.data.set(x.data);
    return { out, cache: { mode, rows: x.rows, cols: x.cols, mask: null } };
  }
  const keep = 1 - p;
  // p = 1 keeps nothing, so the scale is never used: 0 rather than 1/0, and no 0·∞ = NaN.
  const scale = keep > 0 ? 1 / keep : 0;
  const mask = new Float64Array(x.data.length);
  for (let k = 0; k < mask.length; k++) {
    mask[k] = rng() < keep ? scale : 0; // one draw per entry, row-major, whatever p is
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}

/**
 * Inverted dropout, backward: given dout = ∂L/∂out, the gradient of the loss with respect to x.
 * @param dout the upstream gradient ∂L/∂out, N×D (not modified)
 * @param cache what `dropoutForward` returned with the out that dout belongs to
 * @returns dx, N×D, a new matrix
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function dropoutBackward(dout: Matrix, cache: DropoutCache): Matrix {
  if (dout.rows !== cache.rows || dout.cols !== cache.cols) {
    throw new Error(`dropoutBackward: dout is ${shapeOf(dout)} but x and out were ${cache.rows}×${cache.cols}`);
  }
  const dx = matrix(dout.rows, dout.cols);
  const { mask } = cache;
  if (mask === null) {
    dx.data.set(dout.data);
    return dx;
  }
  for (let k = 0; k < mask.length; k++) dx.data[k] = mask[k] === 0 ? 0 : dout.data[k] * mask[k];
  return dx;
}
