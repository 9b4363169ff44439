/**
 * Kata: activations. Statement: README.md beside this file.
 *
 * 中文：本题是 activations，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- activations`.
 * Each activation acts on every entry of x on its own; `map` and `zipWith` in
 * katas/lib/matrix.ts build a new matrix entry by entry.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- activations`。每个激活函数都对 x 的每个元素单独作用；katas/lib/matrix.ts 里的 `map` 和 `zipWith` 会逐个元素构造一个新矩阵。
 */
import type { Matrix } from '../lib/matrix.ts';

/**
 * What `reluForward` keeps for `reluBackward`: its input (a reference, not a copy).
 *
 * 中文：`reluForward` 为 `reluBackward` 保存的东西：它的输入（引用，不是副本）。
 */
export interface ReluCache {
  readonly x: Matrix;
}

/**
 * What `leakyReluForward` keeps for `leakyReluBackward`: its input and the slope it used.
 *
 * 中文：`leakyReluForward` 为 `leakyReluBackward` 保存的东西：它的输入，以及它用的斜率。
 */
export interface LeakyReluCache {
  readonly x: Matrix;
  readonly negativeSlope: number;
}

/**
 * What `tanhForward` keeps for `tanhBackward`: its output (the derivative is written with it).
 *
 * 中文：`tanhForward` 为 `tanhBackward` 保存的东西：它的输出（导数用输出来表示）。
 */
export interface TanhCache {
  readonly out: Matrix;
}

/**
 * What `geluForward` keeps for `geluBackward`: its input.
 *
 * 中文：`geluForward` 为 `geluBackward` 保存的东西：它的输入。
 */
export interface GeluCache {
  readonly x: Matrix;
}

/**
 * The result of a forward pass: out has the shape of x.
 *
 * 中文：前向传播的结果：out 与 x 形状相同。
 */
export interface ActivationResult<Cache> {
  out: Matrix;
  cache: Cache;
}

/**
 * ReLU: out = max(0, x), entry by entry. numpy: `np.maximum(x, 0)`.
 *
 * 中文：ReLU：逐个元素计算 out = max(0, x)。numpy：`np.maximum(x, 0)`。
 * @param x any N×D matrix; not modified
 *   中文：任意 N×D 矩阵；不会被修改
 * @returns out (N×D) and the cache for `reluBackward`
 *   中文：out（N×D），以及 `reluBackward` 需要的缓存
 */
export function reluForward(x: Matrix): ActivationResult<ReluCache> {
  throw new Error('not implemented: reluForward(x)');
}

/**
 * Backward pass of ReLU, PyTorch's convention at the kink: the derivative at x = 0 is 0.
 *
 * 中文：ReLU 的反向传播，在折点处沿用 PyTorch 的约定：x = 0 处的导数取 0。
 * @param dout ∂L/∂out, the shape of x; not modified
 *   中文：∂L/∂out，与 x 形状相同；不会被修改
 * @param cache what `reluForward` returned; not modified
 *   中文：`reluForward` 返回的缓存；不会被修改
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 *   中文：dx = ∂L/∂x，一个与 x 形状相同的新矩阵
 * @throws Error naming both shapes when dout is not the shape of x
 *   中文：当 dout 与 x 形状不同时，抛出写明两个形状的 Error
 */
export function reluBackward(dout: Matrix, cache: ReluCache): Matrix {
  throw new Error('not implemented: reluBackward(dout, cache)');
}

/**
 * Leaky ReLU: out = x for x > 0 and negativeSlope·x otherwise. numpy: `np.where(x > 0, x, a * x)`.
 *
 * 中文：Leaky ReLU：x > 0 时 out = x，否则 out = negativeSlope·x。numpy：`np.where(x > 0, x, a * x)`。
 * @param x any N×D matrix; not modified
 *   中文：任意 N×D 矩阵；不会被修改
 * @param negativeSlope the slope for x ≤ 0 (PyTorch's default 0.01)
 *   中文：x ≤ 0 时的斜率（PyTorch 的默认值 0.01）
 * @returns out (N×D) and the cache for `leakyReluBackward`
 *   中文：out（N×D），以及 `leakyReluBackward` 需要的缓存
 */
export function leakyReluForward(x: Matrix, negativeSlope = 0.01): ActivationResult<LeakyReluCache> {
  throw new Error('not implemented: leakyReluForward(x, negativeSlope)');
}

/**
 * Backward pass of leaky ReLU, PyTorch's convention: the derivative is 1 for x > 0 and
 * negativeSlope for x ≤ 0, so at x = 0 too.
 *
 * 中文：Leaky ReLU 的反向传播，沿用 PyTorch 的约定：x > 0 时导数为 1，x ≤ 0 时为 negativeSlope，所以 x = 0 处也取 negativeSlope。
 * @param dout ∂L/∂out, the shape of x; not modified
 *   中文：∂L/∂out，与 x 形状相同；不会被修改
 * @param cache what `leakyReluForward` returned; not modified
 *   中文：`leakyReluForward` 返回的缓存；不会被修改
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 *   中文：dx = ∂L/∂x，一个与 x 形状相同的新矩阵
 * @throws Error naming both shapes when dout is not the shape of x
 *   中文：当 dout 与 x 形状不同时，抛出写明两个形状的 Error
 */
export function leakyReluBackward(dout: Matrix, cache: LeakyReluCache): Matrix {
  throw new Error('not implemented: leakyReluBackward(dout, cache)');
}

/**
 * tanh, entry by entry. numpy: `np.tanh(x)`. Finite for every x: tanh saturates at ±1.
 *
 * 中文：逐个元素计算 tanh。numpy：`np.tanh(x)`。对任何 x 结果都有限：tanh 在 ±1 处饱和。
 * @param x any N×D matrix; not modified
 *   中文：任意 N×D 矩阵；不会被修改
 * @returns out (N×D) and the cache for `tanhBackward`
 *   中文：out（N×D），以及 `tanhBackward` 需要的缓存
 */
export function tanhForward(x: Matrix): ActivationResult<TanhCache> {
  throw new Error('not implemented: tanhForward(x)');
}

/**
 * Backward pass of tanh, written with the cached output out = tanh(x), as PyTorch does.
 *
 * 中文：tanh 的反向传播，像 PyTorch 那样用缓存的输出 out = tanh(x) 来表示。
 * @param dout ∂L/∂out, the shape of x; not modified
 *   中文：∂L/∂out，与 x 形状相同；不会被修改
 * @param cache what `tanhForward` returned; not modified
 *   中文：`tanhForward` 返回的缓存；不会被修改
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 *   中文：dx = ∂L/∂x，一个与 x 形状相同的新矩阵
 * @throws Error naming both shapes when dout is not the shape of x
 *   中文：当 dout 与 x 形状不同时，抛出写明两个形状的 Error
 */
export function tanhBackward(dout: Matrix, cache: TanhCache): Matrix {
  throw new Error('not implemented: tanhBackward(dout, cache)');
}

/**
 * GELU, PyTorch's tanh approximation (`F.gelu(x, approximate='tanh')`):
 * out = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
 *
 * 中文：GELU，采用 PyTorch 的 tanh 近似（`F.gelu(x, approximate='tanh')`）：out = 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))。
 * @param x any N×D matrix; not modified
 *   中文：任意 N×D 矩阵；不会被修改
 * @returns out (N×D) and the cache for `geluBackward`
 *   中文：out（N×D），以及 `geluBackward` 需要的缓存
 */
export function geluForward(x: Matrix): ActivationResult<GeluCache> {
  throw new Error('not implemented: geluForward(x)');
}

/**
 * Backward pass of the tanh-approximated GELU.
 *
 * 中文：tanh 近似版 GELU 的反向传播。
 * @param dout ∂L/∂out, the shape of x; not modified
 *   中文：∂L/∂out，与 x 形状相同；不会被修改
 * @param cache what `geluForward` returned; not modified
 *   中文：`geluForward` 返回的缓存；不会被修改
 * @returns dx = ∂L/∂x, a new matrix of x's shape
 *   中文：dx = ∂L/∂x，一个与 x 形状相同的新矩阵
 * @throws Error naming both shapes when dout is not the shape of x
 *   中文：当 dout 与 x 形状不同时，抛出写明两个形状的 Error
 */
export function geluBackward(dout: Matrix, cache: GeluCache): Matrix {
  throw new Error('not implemented: geluBackward(dout, cache)');
}
