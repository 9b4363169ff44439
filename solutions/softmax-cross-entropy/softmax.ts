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
import { matrix, shapeOf, type Matrix } from '../lib/matrix.ts';

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
  const out = matrix(z.rows, z.cols);
  for (let n = 0; n < z.rows; n++) {
    const r = n * z.cols;
    let max = -Infinity;
    for (let c = 0; c < z.cols; c++) max = Math.max(max, z.data[r + c]);
    // After subtracting the row's maximum every exponent is ≤ 0: no exp can overflow.
    // 减去该行的最大值之后，每个指数都 ≤ 0：任何 exp 都不会上溢。
    let sum = 0;
    for (let c = 0; c < z.cols; c++) {
      out.data[r + c] = Math.exp(z.data[r + c] - max);
      sum += out.data[r + c];
    }
    for (let c = 0; c < z.cols; c++) out.data[r + c] /= sum;
  }
  return out;
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
  const out = matrix(z.rows, z.cols);
  for (let n = 0; n < z.rows; n++) {
    const r = n * z.cols;
    let max = -Infinity;
    for (let c = 0; c < z.cols; c++) max = Math.max(max, z.data[r + c]);
    let sum = 0;
    for (let c = 0; c < z.cols; c++) sum += Math.exp(z.data[r + c] - max);
    const logSum = Math.log(sum); // sum ≥ 1 (the maximum contributes exp(0)), so this is finite
                                  // sum ≥ 1（最大值贡献了 exp(0)），所以结果有限
    for (let c = 0; c < z.cols; c++) out.data[r + c] = z.data[r + c] - max - logSum;
  }
  return out;
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
  if (dout.rows !== out.rows || dout.cols !== out.cols) {
    throw new Error(`softmaxBackward: dout is ${shapeOf(dout)} but out is ${shapeOf(out)}; they must have the same shape`);
  }
  const dz = matrix(out.rows, out.cols);
  for (let n = 0; n < out.rows; n++) {
    const r = n * out.cols;
    // Each z[n][k] moves every out[n][c] of its row: the full Jacobian, diag(p) − p·pᵀ, times dout.
    // 每个 z[n][k] 都会影响它所在行的每个 out[n][c]：要用完整的雅可比矩阵 diag(p) − p·pᵀ 乘以 dout。
    let dot = 0;
    for (let c = 0; c < out.cols; c++) dot += dout.data[r + c] * out.data[r + c];
    for (let c = 0; c < out.cols; c++) dz.data[r + c] = out.data[r + c] * (dout.data[r + c] - dot);
  }
  return dz;
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
  const { rows: n, cols: classes } = logits;
  if (labels.length !== n) {
    throw new Error(`crossEntropy: logits is ${shapeOf(logits)} but labels has ${labels.length} entries (one per row, ${n})`);
  }
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(`crossEntropy: the label of row ${i} is ${label}, but logits is ${shapeOf(logits)}: a label is a class index in 0..${classes - 1}`);
    }
  }
  // One pass per row, as PyTorch's fused kernel does: log-sum-exp with the row's maximum taken out.
  // 像 PyTorch 的融合算子那样逐行一次算完：先提出该行的最大值，再算 log-sum-exp。
  const dlogits = matrix(n, classes);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = i * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits.data[r + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits.data[r + c] - max);
    const logSum = max + Math.log(sum); // log Σₖ exp(logits[i][k]), never overflowing
                                        // log Σₖ exp(logits[i][k])，永远不会上溢
    total += logSum - logits.data[r + labels[i]]; // −log softmax at the label
                                                  // 标签处的 −log softmax
    // The mean's 1/N belongs to every row of the gradient: dlogits = (P − onehot(labels))/N.
    // 平均中的 1/N 落在梯度的每一行上：dlogits = (P − onehot(labels))/N。
    for (let c = 0; c < classes; c++) dlogits.data[r + c] = Math.exp(logits.data[r + c] - logSum) / n;
    dlogits.data[r + labels[i]] -= 1 / n;
  }
  return { loss: total / n, dlogits };
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
  if (logits.length !== targets.length) {
    throw new Error(`bceWithLogits: logits has ${logits.length} entries but targets has ${targets.length}; they must match`);
  }
  const count = logits.length;
  let total = 0;
  const dlogits = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const z = logits[k];
    const y = targets[k];
    // −y·log σ(z) − (1 − y)·log σ(−z) = max(z, 0) − y·z + log(1 + e^(−|z|)): no log of 0, no exp overflow.
    // −y·log σ(z) − (1 − y)·log σ(−z) = max(z, 0) − y·z + log(1 + e^(−|z|))：不会对 0 取 log，exp 也不会上溢。
    total += Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
    const e = Math.exp(-Math.abs(z)); // σ(z) from whichever side keeps exp's argument ≤ 0
                                      // 从能让 exp 的参数 ≤ 0 的那一侧计算 σ(z)
    const sigma = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    dlogits[k] = (sigma - y) / count;
  }
  return { loss: total / count, dlogits };
}
