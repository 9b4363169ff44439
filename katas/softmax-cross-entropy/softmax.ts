/**
 * Kata: softmax-cross-entropy. Statement: README.md beside this file.
 *
 * 中文：本题是 softmax-cross-entropy，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- softmax`.
 * Rows are examples, columns are classes: z and logits are N×C.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- softmax`。行是样本，列是类别：z 和 logits 都是 N×C。
 */
import type { Matrix } from '../lib/matrix.ts';

/**
 * What `crossEntropy` returns.
 *
 * 中文：`crossEntropy` 的返回值。
 */
export interface CrossEntropyResult {
  /**
   * The mean over the N rows of −log softmax(logits)[n][labels[n]].
   *
   * 中文：−log softmax(logits)[n][labels[n]] 在 N 行上的平均。
   */
  loss: number;
  /**
   * ∂loss/∂logits, N×C (the same shape as logits).
   *
   * 中文：∂loss/∂logits，N×C（与 logits 形状相同）。
   */
  dlogits: Matrix;
}

/**
 * What `bceWithLogits` returns.
 *
 * 中文：`bceWithLogits` 的返回值。
 */
export interface BinaryCrossEntropyResult {
  /**
   * The mean over all entries of −[y·log σ(z) + (1 − y)·log(1 − σ(z))].
   *
   * 中文：−[y·log σ(z) + (1 − y)·log(1 − σ(z))] 在所有元素上的平均。
   */
  loss: number;
  /**
   * ∂loss/∂logits, one entry per logit.
   *
   * 中文：∂loss/∂logits，每个 logit 对应一个元素。
   */
  dlogits: Float64Array;
}

/**
 * The softmax of each row: out[n][c] = exp(z[n][c]) / Σₖ exp(z[n][k]).
 * torch: `torch.softmax(z, dim=1)`.
 *
 * 中文：每行的 softmax：out[n][c] = exp(z[n][c]) / Σₖ exp(z[n][k])。torch：`torch.softmax(z, dim=1)`。
 * @param z N×C; not modified
 *   中文：N×C；不会被修改
 * @returns N×C, every row positive and summing to 1; finite for entries up to ±1e4
 *   中文：N×C，每行元素都为正且和为 1；元素在 ±1e4 以内时结果有限
 */
export function softmax(z: Matrix): Matrix {
  throw new Error('not implemented: softmax(z)');
}

/**
 * The log of the softmax of each row: out[n][c] = log softmax(z)[n][c]. It stays finite where
 * the probability itself underflows to 0: logSoftmax of the row [1e4, −1e4] is [0, −2e4].
 * torch: `torch.log_softmax(z, dim=1)`.
 *
 * 中文：每行 softmax 的对数：out[n][c] = log softmax(z)[n][c]。在概率本身下溢成 0 的地方它仍然有限：行 [1e4, −1e4] 的 logSoftmax 是 [0, −2e4]。torch：`torch.log_softmax(z, dim=1)`。
 * @param z N×C; not modified
 *   中文：N×C；不会被修改
 * @returns N×C, every entry ≤ 0; finite for entries up to ±1e4
 *   中文：N×C，每个元素都 ≤ 0；元素在 ±1e4 以内时结果有限
 */
export function logSoftmax(z: Matrix): Matrix {
  throw new Error('not implemented: logSoftmax(z)');
}

/**
 * Backward pass of the row softmax: given dout = ∂L/∂out and out = softmax(z), returns
 * dz = ∂L/∂z, the Jacobian-vector product of each row's softmax with its row of dout.
 *
 * 中文：按行 softmax 的反向传播：给定 dout = ∂L/∂out 和 out = softmax(z)，返回 dz = ∂L/∂z，即每行 softmax 的雅可比矩阵与 dout 对应行的乘积。
 * @param dout the upstream gradient, N×C; not modified
 *   中文：上游梯度，N×C；不会被修改
 * @param out what `softmax(z)` returned, N×C; not modified
 *   中文：`softmax(z)` 的返回值，N×C；不会被修改
 * @returns dz, N×C
 *   中文：dz，N×C
 * @throws Error naming both shapes when dout and out differ in shape
 *   中文：当 dout 与 out 形状不同时，抛出写明两个形状的 Error
 */
export function softmaxBackward(dout: Matrix, out: Matrix): Matrix {
  throw new Error('not implemented: softmaxBackward(dout, out)');
}

/**
 * Softmax cross-entropy with class-index labels, averaged over the batch:
 * loss = −(1/N)·Σₙ log softmax(logits)[n][labels[n]]. torch: `F.cross_entropy(logits, labels)`.
 *
 * 中文：以类别下标为标签的 softmax 交叉熵，在批量上取平均：loss = −(1/N)·Σₙ log softmax(logits)[n][labels[n]]。torch：`F.cross_entropy(logits, labels)`。
 * @param logits N×C; not modified
 *   中文：N×C；不会被修改
 * @param labels N class indices, each an integer in 0..C−1; not modified
 *   中文：N 个类别下标，每个都是 0..C−1 中的整数；不会被修改
 * @returns the loss and dlogits = ∂loss/∂logits (N×C); finite for logits up to ±1e4
 *   中文：损失和 dlogits = ∂loss/∂logits（N×C）；logits 在 ±1e4 以内时结果有限
 * @throws Error naming both shapes when labels.length ≠ N; naming the row and the label
 *   when a label is not a class index
 *   中文：当 labels.length ≠ N 时，抛出写明两个形状的 Error；当某个标签不是类别下标时，抛出写明该行和该标签的 Error
 */
export function crossEntropy(logits: Matrix, labels: ArrayLike<number>): CrossEntropyResult {
  throw new Error('not implemented: crossEntropy(logits, labels)');
}

/**
 * Binary cross-entropy on logits, averaged over every entry:
 * loss = mean of −[y·log σ(z) + (1 − y)·log(1 − σ(z))].
 * torch: `F.binary_cross_entropy_with_logits(logits, targets)`.
 *
 * 中文：基于 logits 的二元交叉熵，在所有元素上取平均：loss = −[y·log σ(z) + (1 − y)·log(1 − σ(z))] 的平均值。torch：`F.binary_cross_entropy_with_logits(logits, targets)`。
 * @param logits one logit per entry; not modified
 *   中文：每个元素一个 logit；不会被修改
 * @param targets one target in [0, 1] per entry (the same length); not modified
 *   中文：每个元素一个 [0, 1] 中的目标值（长度与 logits 相同）；不会被修改
 * @returns the loss and dlogits = ∂loss/∂logits; finite for logits up to ±1e4
 *   中文：损失和 dlogits = ∂loss/∂logits；logits 在 ±1e4 以内时结果有限
 * @throws Error naming both lengths when they differ
 *   中文：两者长度不同时，抛出写明两个长度的 Error
 */
export function bceWithLogits(logits: Float64Array, targets: Float64Array): BinaryCrossEntropyResult {
  throw new Error('not implemented: bceWithLogits(logits, targets)');
}
