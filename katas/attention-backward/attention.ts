/**
 * Kata: attention-backward. Statement: README.md beside this file.
 *
 * 中文：本题是 attention-backward，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- attention`.
 * Rows are positions: q is T×d (T queries), k is S×d and v is S×dv (S keys and their values).
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- attention`。行是位置：q 是 T×d（T 个查询），k 是 S×d，v 是 S×dv（S 个键和它们的值）。
 */
import type { Matrix } from '../lib/matrix.ts';

/**
 * The options of `attentionForward`.
 *
 * 中文：`attentionForward` 的选项。
 */
export interface AttentionOptions {
  /**
   * Mask every key j > i for query i (PyTorch's `is_causal`, top-left aligned). Default false.
   *
   * 中文：对查询 i 屏蔽所有 j > i 的键（PyTorch 的 `is_causal`，左上角对齐）。默认 false。
   */
  causal?: boolean;
}

/**
 * What the forward pass keeps for the backward pass (references, not copies).
 *
 * 中文：前向传播为反向传播保存的东西（引用，不是副本）。
 */
export interface AttentionCache {
  readonly q: Matrix;
  readonly k: Matrix;
  readonly v: Matrix;
  readonly causal: boolean;
  /**
   * The factor the scores were multiplied by.
   *
   * 中文：分数所乘的系数。
   */
  readonly scale: number;
  /**
   * The attention weights, T×S: each row sums to 1, masked entries are 0.
   *
   * 中文：注意力权重，T×S：每行和为 1，被屏蔽的元素为 0。
   */
  readonly p: Matrix;
}

/**
 * The result of `attentionForward`.
 *
 * 中文：`attentionForward` 的返回值。
 */
export interface AttentionForwardResult {
  /**
   * T×dv: row i is the attention-weighted mix of the rows of v.
   *
   * 中文：T×dv：第 i 行是 v 各行按注意力权重的加权和。
   */
  out: Matrix;
  cache: AttentionCache;
}

/**
 * The gradients of the loss with respect to q, k and v.
 *
 * 中文：损失对 q、k 和 v 的梯度。
 */
export interface AttentionGradients {
  /** ∂L/∂q, T×d. */
  dq: Matrix;
  /** ∂L/∂k, S×d. */
  dk: Matrix;
  /** ∂L/∂v, S×dv. */
  dv: Matrix;
}

/**
 * Single-head scaled dot-product attention: out = softmax(q·kᵀ/√d + mask)·v, the softmax taken
 * over each row. numpy: `s = q @ k.T / np.sqrt(d)`, then the row softmax of s (with the mask),
 * then `p @ v`.
 *
 * 中文：单头缩放点积注意力：out = softmax(q·kᵀ/√d + mask)·v，softmax 对每一行做。numpy：`s = q @ k.T / np.sqrt(d)`，再对 s 做逐行 softmax（带掩码），然后 `p @ v`。
 * @param q the queries, T×d; not modified
 *   中文：查询，T×d；不会被修改
 * @param k the keys, S×d; not modified
 *   中文：键，S×d；不会被修改
 * @param v the values, S×dv; not modified
 *   中文：值，S×dv；不会被修改
 * @param options `{ causal }`: with causal, query i sees keys 0 … i only; may be left out
 *   中文：`{ causal }`：causal 为 true 时，查询 i 只能看到键 0 … i；可以省略
 * @returns out (T×dv) and the cache `attentionBackward` needs; finite for scores up to 1e4 and beyond
 *   中文：out（T×dv）以及 `attentionBackward` 需要的缓存；分数达到 1e4 乃至更大时结果仍有限
 * @throws Error naming both shapes when q and k differ in d, or k and v in S
 *   中文：q 与 k 的 d 不同，或 k 与 v 的 S 不同时，抛出写明两个形状的 Error
 */
export function attentionForward(q: Matrix, k: Matrix, v: Matrix, options: AttentionOptions = {}): AttentionForwardResult {
  throw new Error('not implemented: attentionForward(q, k, v, options)');
}

/**
 * Backward pass of `attentionForward`. Given dout = ∂L/∂out, returns the gradients of L with
 * respect to q, k and v.
 *
 * 中文：`attentionForward` 的反向传播。给定 dout = ∂L/∂out，返回 L 对 q、k 和 v 的梯度。
 * @param dout the upstream gradient, T×dv (the shape of out); not modified
 *   中文：上游梯度，T×dv（与 out 形状相同）；不会被修改
 * @param cache what `attentionForward` returned with the out that dout belongs to; not modified
 *   中文：`attentionForward` 在返回 dout 所对应的那个 out 时一并返回的缓存；不会被修改
 * @returns dq (T×d), dk (S×d), dv (S×dv), each a new matrix; masked entries pass no gradient
 *   中文：dq（T×d）、dk（S×d）、dv（S×dv），每个都是新矩阵；被屏蔽的元素不传梯度
 * @throws Error naming both shapes when dout does not have the shape of out
 *   中文：dout 与 out 形状不同时，抛出写明两个形状的 Error
 */
export function attentionBackward(dout: Matrix, cache: AttentionCache): AttentionGradients {
  throw new Error('not implemented: attentionBackward(dout, cache)');
}
