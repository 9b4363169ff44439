/**
 * Kata: rnn-backward. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- rnn`.
 * The toolkit in katas/lib/matrix.ts has every product and reduction you need.
 */
import type { Matrix } from '../lib/matrix.ts';

/** What the forward pass keeps for the backward pass: its inputs and every hidden state (references, not copies). */
export interface RnnCache {
  readonly xs: readonly Matrix[];
  readonly h0: Matrix;
  readonly wx: Matrix;
  readonly wh: Matrix;
  readonly b: Float64Array;
  /** h₁ … h_T, the states the forward pass returned. */
  readonly hs: readonly Matrix[];
}

/** The result of `rnnForward`. */
export interface RnnForwardResult {
  /** h₁ … h_T: T matrices N×H (h0 not included). */
  hs: Matrix[];
  cache: RnnCache;
}

/** The gradients of the loss with respect to each input of `rnnForward`. */
export interface RnnGradients {
  /** ∂L/∂xs[t] for every step: T matrices N×D. */
  dxs: Matrix[];
  /** ∂L/∂h0, N×H. */
  dh0: Matrix;
  /** ∂L/∂wx, D×H: a sum over every time step. */
  dwx: Matrix;
  /** ∂L/∂wh, H×H: a sum over every time step. */
  dwh: Matrix;
  /** ∂L/∂b, H entries: a sum over every time step and every example. */
  db: Float64Array;
}

/**
 * Forward pass of a vanilla (Elman) RNN over a whole sequence:
 * hₜ = tanh(xₜ·wx + hₜ₋₁·wh + b) for t = 1 … T. numpy, per step:
 * `h = np.tanh(x @ wx + h @ wh + b)`.
 * @param xs the sequence, T matrices N×D (one per time step); not modified
 * @param h0 the initial hidden state, N×H; not modified
 * @param wx the input-to-hidden weights, D×H; not modified
 * @param wh the hidden-to-hidden weights, H×H; not modified
 * @param b the bias, H entries; not modified
 * @returns hs = [h₁, …, h_T] (T matrices N×H, h0 not included) and the cache `rnnBackward` needs
 * @throws Error naming both shapes (and the time step, as `xs[t]`) when the shapes do not fit
 */
export function rnnForward(xs: readonly Matrix[], h0: Matrix, wx: Matrix, wh: Matrix, b: Float64Array): RnnForwardResult {
  throw new Error('not implemented: rnnForward(xs, h0, wx, wh, b)');
}

/**
 * Backward pass through time. Given dhs[t] = ∂L/∂hs[t] (the loss's direct dependence on each
 * state), returns the gradients of L with respect to every input of `rnnForward`.
 * @param dhs the upstream gradients, T matrices N×H (zeros where the loss ignores a state); not modified
 * @param cache what `rnnForward` returned with the hs that dhs belongs to; not modified
 * @returns dxs (T matrices N×D), dh0 (N×H), dwx (D×H), dwh (H×H), db (H entries), each a new array
 * @throws Error naming both shapes (or both lengths) when dhs does not match hs
 */
export function rnnBackward(dhs: readonly Matrix[], cache: RnnCache): RnnGradients {
  throw new Error('not implemented: rnnBackward(dhs, cache)');
}

/**
 * Gradient clipping by the global norm, as `torch.nn.utils.clip_grad_norm_`: the total L2 norm
 * of every entry of every array; if it exceeds maxNorm, every array is scaled in place by
 * maxNorm / (total + 1e-6) (by min(1, maxNorm / (total + 1e-6)) in general).
 * @param grads the gradients (a matrix's `data` for a matrix); modified in place
 * @param maxNorm the largest total norm allowed
 * @returns the total norm before clipping
 */
export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): number {
  throw new Error('not implemented: clipGradNorm(grads, maxNorm)');
}
