/**
 * Kata: dropout. Statement: README.md beside this file.
 *
 * 中文：本题是 dropout，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- dropout`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- dropout`。
 */
import { matrix, shapeOf, type Matrix } from '../lib/matrix.ts';
import type { Rng } from '../lib/random.ts';

/**
 * 'train': drop entries at random and scale the rest; 'eval': pass x through unchanged.
 *
 * 中文：'train'：随机丢弃一些元素并放大其余元素；'eval'：把 x 原样传过去。
 */
export type DropoutMode = 'train' | 'eval';

/**
 * Whatever dropoutBackward needs from the forward pass. The fields are yours to choose:
 * nothing outside this file reads them.
 *
 * 中文：dropoutBackward 需要从前向传播得到的任何东西。字段由你决定：这个文件之外没有代码读取它们。
 */
export interface DropoutCache {
  mode: DropoutMode;
  /**
   * The shape of x (and of out): dout must have it.
   *
   * 中文：x（也就是 out）的形状：dout 必须是这个形状。
   */
  rows: number;
  cols: number;
  /**
   * Train mode: per entry, 1/(1 − p) where the entry was kept and 0 where it was dropped. Eval mode: null.
   *
   * 中文：训练模式：每个元素一个值，保留的元素处为 1/(1 − p)，丢弃的元素处为 0。评估模式：null。
   */
  mask: Float64Array | null;
}

/**
 * The result of `dropoutForward`.
 *
 * 中文：`dropoutForward` 的返回值。
 */
export interface DropoutForwardResult {
  /**
   * N×D, the shape of x.
   *
   * 中文：N×D，与 x 形状相同。
   */
  out: Matrix;
  cache: DropoutCache;
}

/**
 * Inverted dropout, forward (PyTorch's `F.dropout(x, p, training)`): in train mode each entry
 * of x is dropped with probability p and the kept ones are scaled by 1/(1 − p); in eval mode
 * out is x.
 *
 * 中文：反向缩放的 Dropout（inverted dropout）的前向传播（即 PyTorch 的 `F.dropout(x, p, training)`）：训练模式下 x 的每个元素以概率 p 被丢弃，保留下来的元素乘以 1/(1 − p)；评估模式下 out 就是 x。
 * @param x N×D input (not modified)
 *   中文：N×D 输入（不会被修改）
 * @param p the probability of DROPPING an entry, in [0, 1] (PyTorch's meaning)
 *   中文：一个元素被**丢弃**（而不是保留）的概率，在 [0, 1] 中（与 PyTorch 的含义相同）
 * @param mode 'train' | 'eval'
 * @param rng uniform numbers in [0, 1). Train mode draws exactly one per entry of x, in
 *   row-major order (N·D draws, whatever p is), and keeps the entry iff that number is < 1 − p.
 *   Eval mode draws nothing.
 *   中文：[0, 1) 中的均匀随机数。训练模式下对 x 的每个元素恰好抽取一个，按行优先顺序（共 N·D 次，与 p 无关），当且仅当这个数 < 1 − p 时保留该元素。评估模式不抽取任何随机数。
 * @returns out, N×D (a new matrix), and the cache for dropoutBackward
 *   中文：out，N×D（一个新矩阵），以及 dropoutBackward 需要的缓存
 * @throws Error naming p's value when p is outside [0, 1] or NaN, in either mode
 *   中文：无论哪种模式，p 不在 [0, 1] 中或为 NaN 时，抛出写明 p 的值的 Error
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
  // p = 1 时什么都不保留，缩放因子根本用不到：取 0 而不是 1/0，也就不会出现 0·∞ = NaN。
  const scale = keep > 0 ? 1 / keep : 0;
  const mask = new Float64Array(x.data.length);
  for (let k = 0; k < mask.length; k++) {
    mask[k] = rng() < keep ? scale : 0; // one draw per entry, row-major, whatever p is
                                        // 每个元素抽一次，按行优先顺序，与 p 无关
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}

/**
 * Inverted dropout, backward: given dout = ∂L/∂out, the gradient of the loss with respect to x.
 *
 * 中文：反向缩放的 Dropout 的反向传播：给定 dout = ∂L/∂out，求损失对 x 的梯度。
 * @param dout the upstream gradient ∂L/∂out, N×D (not modified)
 *   中文：上游梯度 ∂L/∂out，N×D（不会被修改）
 * @param cache what `dropoutForward` returned with the out that dout belongs to
 *   中文：`dropoutForward` 在返回 dout 所对应的那个 out 时一并返回的缓存
 * @returns dx, N×D, a new matrix
 *   中文：dx，N×D，一个新矩阵
 * @throws Error naming both shapes when dout is not the shape of x
 *   中文：当 dout 与 x 形状不同时，抛出写明两个形状的 Error
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
