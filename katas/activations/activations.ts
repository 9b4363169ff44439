/**
 * Kata: activations. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- activations`.
 * Each activation acts on every entry of x on its own; `map` and `zipWith` in
 * katas/lib/matrix.ts build a new matrix entry by entry.
 */
import type { Matrix } from '../lib/matrix.ts';

/** What `reluForward` keeps for `reluBackward`: its input (a reference, not a copy). */
export interface ReluCache {
  readonly x: Matrix;
}

/** What `leakyReluForward` keeps for `leakyReluBackward`: its input and the slope it used. */
export interface LeakyReluCache {
  readonly x: Matrix;
  readonly negativeSlope: number;
}

/** What `tanhForward` keeps for `tanhBackward`: its output (the derivative is written with it). */
export interface TanhCache {
  readonly out: Matrix;
}

/** What `geluForward` keeps for `geluBackward`: its input. */
export interface GeluCache {
  readonly x: Matrix;
}

/** The result of a forward pass: out has the shape of x. */
export interface ActivationResult<Cache> {
  out: Matrix;
  cache: Cache;
}

/**
 * ReLU: out = max(0, x), entry by entry. numpy: `np.maximum(x, 0)`.
 * @param x any N×D matrix; not modified
 * @returns out (N×D) and the cache for `reluBackward`
 */
export function reluForward(x: Matrix): ActivationResult<ReluCache> {
  throw new Error('not implemented: reluForward(x)');
}

/**
 * Backward pass of ReLU, PyTorch's convention at the kink: the derivative at x = 0 is 0.
 * @param dout ∂L/∂out, the shape of x; not modified
 * @param cache what `reluForward` returned; not modified
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function reluBackward(dout: Matrix, cache: ReluCache): Matrix {
  throw new Error('not implemented: reluBackward(dout, cache)');
}

/**
 * Leaky ReLU: out = x for x > 0 and negativeSlope·x otherwise. numpy: `np.where(x > 0, x, a * x)`.
 * @param x any N×D matrix; not modified
 * @param negativeSlope the slope for x ≤ 0 (PyTorch's default 0.01)
 * @returns out (N×D) and the cache for `leakyReluBackward`
 */
export function leakyReluForward(x: Matrix, negativeSlope = 0.01): ActivationResult<LeakyReluCache> {
  throw new Error('not implemented: leakyReluForward(x, negativeSlope)');
}

/**
 * Backward pass of leaky ReLU, PyTorch's convention: the derivative is 1 for x > 0 and
 * negativeSlope for x ≤ 0, so at x = 0 too.
 * @param dout ∂L/∂out, the shape of x; not modified
 * @param cache what `leakyReluForward` returned; not modified
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function leakyReluBackward(dout: Matrix, cache: LeakyReluCache): Matrix {
  throw new Error('not implemented: leakyReluBackward(dout, cache)');
}

/**
 * tanh, entry by entry. numpy: `np.tanh(x)`. Finite for every x: tanh saturates at ±1.
 * @param x any N×D matrix; not modified
 * @returns out (N×D) and the cache for `tanhBackward`
 */
export function tanhForward(x: Matrix): ActivationResult<TanhCache> {
  throw new Error('not implemented: tanhForward(x)');
}

/**
 * Backward pass of tanh, written with the cached output out = tanh(x), as PyTorch does.
 * @param dout ∂L/∂out, the shape of x; not modified
 * @param cache what `tanhForward` returned; not modified
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function tanhBackward(dout: Matrix, cache: TanhCache): Matrix {
  throw new Error('not implemented: tanhBackward(dout, cache)');
}

/**
 * GELU, PyTorch's tanh approximation (`F.gelu(x, approximate='tanh')`):
 * out = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
 * @param x any N×D matrix; not modified
 * @returns out (N×D) and the cache for `geluBackward`
 */
export function geluForward(x: Matrix): ActivationResult<GeluCache> {
  throw new Error('not implemented: geluForward(x)');
}

/**
 * Backward pass of the tanh-approximated GELU.
 * @param dout ∂L/∂out, the shape of x; not modified
 * @param cache what `geluForward` returned; not modified
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function geluBackward(dout: Matrix, cache: GeluCache): Matrix {
  throw new Error('not implemented: geluBackward(dout, cache)');
}
