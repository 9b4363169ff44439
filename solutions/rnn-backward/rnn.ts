/**
 * Kata: rnn-backward. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- rnn`.
 * The toolkit in katas/lib/matrix.ts has every product and reduction you need.
 */
import { add, addRowVector, matmul, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../lib/matrix.ts';

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
  const H = wh.cols;
  if (wh.rows !== H) throw new Error(`rnnForward: wh is ${shapeOf(wh)} but it must be square (H×H)`);
  if (h0.cols !== H) throw new Error(`rnnForward: h0 is ${shapeOf(h0)} but wh is ${shapeOf(wh)} (h0 needs H = ${H} columns)`);
  if (wx.cols !== H) throw new Error(`rnnForward: wx is ${shapeOf(wx)} but wh is ${shapeOf(wh)} (both need H = ${H} columns)`);
  if (b.length !== H) throw new Error(`rnnForward: wh is ${shapeOf(wh)} but b has ${b.length} entries (b needs H = ${H})`);
  xs.forEach((x, t) => {
    if (x.cols !== wx.rows) throw new Error(`rnnForward: xs[${t}] is ${shapeOf(x)} but wx is ${shapeOf(wx)} (x's columns must match wx's rows)`);
    if (x.rows !== h0.rows) throw new Error(`rnnForward: xs[${t}] is ${shapeOf(x)} but h0 is ${shapeOf(h0)} (the same N rows at every step)`);
  });
  const hs: Matrix[] = [];
  let h = h0;
  for (const x of xs) {
    const a = matmul(x, wx);
    const recurrent = matmul(h, wh);
    for (let k = 0; k < a.data.length; k++) a.data[k] += recurrent.data[k];
    addRowVector(a, b, a);
    for (let k = 0; k < a.data.length; k++) a.data[k] = Math.tanh(a.data[k]);
    hs.push(a);
    h = a;
  }
  return { hs, cache: { xs, h0, wx, wh, b, hs: hs.slice() } };
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
  const { xs, h0, wx, wh, hs } = cache;
  const T = hs.length;
  if (dhs.length !== T) throw new Error(`rnnBackward: dhs has ${dhs.length} steps but hs has ${T} (one gradient per state)`);
  dhs.forEach((d, t) => {
    if (d.rows !== hs[t].rows || d.cols !== hs[t].cols) {
      throw new Error(`rnnBackward: dhs[${t}] is ${shapeOf(d)} but hs[${t}] is ${shapeOf(hs[t])}`);
    }
  });
  const dxs: Matrix[] = new Array<Matrix>(T);
  const dwx = zeros(wx.rows, wx.cols);
  const dwh = zeros(wh.rows, wh.cols);
  const db = new Float64Array(wh.cols);
  let dhNext = zeros(h0.rows, h0.cols); // the gradient carried back from step t + 1
  for (let t = T - 1; t >= 0; t--) {
    const h = hs[t];
    const hPrev = t > 0 ? hs[t - 1] : h0;
    const da = zeros(h.rows, h.cols); // ∂L/∂(pre-activation at step t)
    for (let k = 0; k < da.data.length; k++) {
      da.data[k] = (dhs[t].data[k] + dhNext.data[k]) * (1 - h.data[k] * h.data[k]);
    }
    dxs[t] = matmulTransB(da, wx);
    add(dwx, matmulTransA(xs[t], da), dwx); // dwx += xₜᵀ·da, in place
    add(dwh, matmulTransA(hPrev, da), dwh);
    const dbt = sumRows(da);
    for (let j = 0; j < db.length; j++) db[j] += dbt[j];
    dhNext = matmulTransB(da, wh);
  }
  return { dxs, dh0: dhNext, dwx, dwh, db };
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
  let sumSquares = 0;
  for (const g of grads) for (let k = 0; k < g.length; k++) sumSquares += g[k] * g[k];
  const total = Math.sqrt(sumSquares);
  const coefficient = Math.min(1, maxNorm / (total + 1e-6));
  if (coefficient < 1) for (const g of grads) for (let k = 0; k < g.length; k++) g[k] *= coefficient;
  return total;
}
