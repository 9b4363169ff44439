/**
 * Kata: dense-backward. Statement: README.md beside this file.
 *
 * 中文：本题是 dense-backward，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- dense`.
 * The toolkit in katas/lib/matrix.ts has every product and reduction you need.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- dense`。你需要的矩阵乘积和归约运算，katas/lib/matrix.ts 里的工具库都有。
 */
import type { Matrix } from '../lib/matrix.ts';

/**
 * What the forward pass keeps for the backward pass: its inputs (references, not copies).
 *
 * 中文：前向传播为反向传播保存的东西：它的输入（引用，不是副本）。
 */
export interface DenseCache {
  readonly x: Matrix;
  readonly w: Matrix;
}

/**
 * The result of `denseForward`.
 *
 * 中文：`denseForward` 的返回值。
 */
export interface DenseForwardResult {
  /** out = x·w + b, N×M. */
  out: Matrix;
  cache: DenseCache;
}

/**
 * The gradients of the loss with respect to each input of `denseForward`.
 *
 * 中文：损失对 `denseForward` 每个输入的梯度。
 */
export interface DenseGradients {
  /**
   * ∂L/∂x, N×D (the same shape as x).
   *
   * 中文：∂L/∂x，N×D（与 x 形状相同）。
   */
  dx: Matrix;
  /**
   * ∂L/∂w, D×M (the same shape as w).
   *
   * 中文：∂L/∂w，D×M（与 w 形状相同）。
   */
  dw: Matrix;
  /**
   * ∂L/∂b, M entries (the same length as b).
   *
   * 中文：∂L/∂b，M 个元素（与 b 长度相同）。
   */
  db: Float64Array;
}

/**
 * Forward pass of a dense (fully connected, affine) layer: out = x·w + b, with b added to
 * every row. numpy: `out = x @ w + b`.
 *
 * 中文：全连接层（也叫仿射层）的前向传播：out = x·w + b，b 加到每一行上。numpy：`out = x @ w + b`。
 * @param x the batch, N×D (one row per example); not modified
 *   中文：一个批量，N×D（每行一个样本）；不会被修改
 * @param w the weights, D×M; not modified
 *   中文：权重，D×M；不会被修改
 * @param b the bias, M entries; not modified
 *   中文：偏置，M 个元素；不会被修改
 * @returns out, N×M, and the cache that `denseBackward` needs
 *   中文：out（N×M），以及 `denseBackward` 需要的缓存
 * @throws Error naming both shapes when x's columns ≠ w's rows, or b's length ≠ w's columns
 *   中文：当 x 的列数 ≠ w 的行数，或 b 的长度 ≠ w 的列数时，抛出写明两个形状的 Error
 */
export function denseForward(x: Matrix, w: Matrix, b: Float64Array): DenseForwardResult {
  throw new Error('not implemented: denseForward(x, w, b)');
}

/**
 * Backward pass of the dense layer. Given dout = ∂L/∂out, returns the gradients of L with
 * respect to x, w and b. Each gradient has the shape of the input it belongs to.
 *
 * 中文：全连接层的反向传播。给定 dout = ∂L/∂out，返回 L 对 x、w 和 b 的梯度。每个梯度的形状都与它对应的输入相同。
 * @param dout the upstream gradient ∂L/∂out, N×M; not modified
 *   中文：上游梯度 ∂L/∂out，N×M；不会被修改
 * @param cache what `denseForward` returned with the out that dout belongs to; not modified
 *   中文：`denseForward` 在返回 dout 所对应的那个 out 时一并返回的缓存；不会被修改
 * @returns dx (N×D), dw (D×M), db (M entries), each a new array
 *   中文：dx（N×D）、dw（D×M）、db（M 个元素），每个都是新数组
 * @throws Error naming both shapes when dout is not the N×M shape of the forward output
 *   中文：当 dout 不是前向输出的形状 N×M 时，抛出写明两个形状的 Error
 */
export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  throw new Error('not implemented: denseBackward(dout, cache)');
}
