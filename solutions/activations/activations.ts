/**
 * Kata: activations. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- activations`.
 * Each activation acts on every entry of x on its own; `map` and `zipWith` in
 * katas/lib/matrix.ts build a new matrix entry by entry.
 */
import { map, shapeOf, zipWith, type Matrix } from '../lib/matrix.ts';

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

/** √(2/π) and the cubic coefficient of the tanh approximation of GELU (PyTorch's kBeta, kKappa). */
const GELU_SCALE = Math.sqrt(2 / Math.PI);
const GELU_CUBIC = 0.044715;

/** Throws naming both shapes when dout is not the shape of the forward pass's x. */
function checkSameShape(name: string, dout: Matrix, x: Matrix): void {
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`${name}: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
}

/**
 * ReLU: out = max(0, x), entry by entry. numpy: `np.maximum(x, 0)`.
 * @param x any N×D matrix; not modified
 * @returns out (N×D) and the cache for `reluBackward`
 */
export function reluForward(x: Matrix): ActivationResult<ReluCache> {
  return { out: map(x, (v) => (v > 0 ? v : 0)), cache: { x } };
}

/**
 * Backward pass of ReLU, PyTorch's convention at the kink: the derivative at x = 0 is 0.
 * @param dout ∂L/∂out, the shape of x; not modified
 * @param cache what `reluForward` returned; not modified
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function reluBackward(dout: Matrix, cache: ReluCache): Matrix {
  const { x } = cache;
  checkSameShape('reluBackward', dout, x);
  return zipWith(dout, x, (g, v) => (v > 0 ? g : 0));
}

/**
 * Leaky ReLU: out = x for x > 0 and negativeSlope·x otherwise. numpy: `np.where(x > 0, x, a * x)`.
 * @param x any N×D matrix; not modified
 * @param negativeSlope the slope for x ≤ 0 (PyTorch's default 0.01)
 * @returns out (N×D) and the cache for `leakyReluBackward`
 */
export function leakyReluForward(x: Matrix, negativeSlope = 0.01): ActivationResult<LeakyReluCache> {
  return { out: map(x, (v) => (v > 0 ? v : negativeSlope * v)), cache: { x, negativeSlope } };
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
  const { x, negativeSlope } = cache;
  checkSameShape('leakyReluBackward', dout, x);
  return zipWith(dout, x, (g, v) => (v > 0 ? g : negativeSlope * g));
}

/**
 * tanh, entry by entry. numpy: `np.tanh(x)`. Finite for every x: tanh saturates at ±1.
 * @param x any N×D matrix; not modified
 * @returns out (N×D) and the cache for `tanhBackward`
 */
export function tanhForward(x: Matrix): ActivationResult<TanhCache> {
  const out = map(x, Math.tanh); // Math.tanh(1e4) is 1: no exp of a large number
  return { out, cache: { out } };
}

/**
 * Backward pass of tanh, written with the cached output out = tanh(x), as PyTorch does.
 * @param dout ∂L/∂out, the shape of x; not modified
 * @param cache what `tanhForward` returned; not modified
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function tanhBackward(dout: Matrix, cache: TanhCache): Matrix {
  const { out } = cache;
  checkSameShape('tanhBackward', dout, out);
  return zipWith(dout, out, (g, y) => g * (1 - y * y));
}

/**
 * GELU, PyTorch's tanh approximation (`F.gelu(x, approximate='tanh')`):
 * out = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
 * @param x any N×D matrix; not modified
 * @returns out (N×D) and the cache for `geluBackward`
 */
export function geluForward(x: Matrix): ActivationResult<GeluCache> {
  const out = map(x, (v) => 0.5 * v * (1 + Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v))));
  return { out, cache: { x } };
}

/**
 * Backward pass of the tanh-approximated GELU.
 * @param dout ∂L/∂out, the shape of x; not modified
 * @param cache what `geluForward` returned; not modified
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 * @throws Error naming both shapes when dout is not the shape of x
 */
export function geluBackward(dout: Matrix, cache: GeluCache): Matrix {
  const { x } = cache;
  checkSameShape('geluBackward', dout, x);
  return zipWith(dout, x, (g, v) => {
    const t = Math.tanh(GELU_SCALE * (v + GELU_CUBIC * v * v * v));
    const du = GELU_SCALE * (1 + 3 * GELU_CUBIC * v * v); // d/dx of the tanh's argument
    // Product rule on 0.5·x·(1 + t): the factor 0.5·(1 + t), plus 0.5·x times t′ = (1 − t²)·du.
    return g * (0.5 * (1 + t) + 0.5 * v * (1 - t * t) * du);
  });
}
