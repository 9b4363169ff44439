/**
 * Kata: softmax-cross-entropy. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- softmax`.
 * Rows are examples, columns are classes: z and logits are N×C.
 */
import { matrix, shapeOf, type Matrix } from '../lib/matrix.ts';

/** What `crossEntropy` returns. */
export interface CrossEntropyResult {
  /** The mean over the N rows of −log softmax(logits)[n][labels[n]]. */
  loss: number;
  /** ∂loss/∂logits, N×C (the same shape as logits). */
  dlogits: Matrix;
}

/** What `bceWithLogits` returns. */
export interface BinaryCrossEntropyResult {
  /** The mean over all entries of −[y·log σ(z) + (1 − y)·log(1 − σ(z))]. */
  loss: number;
  /** ∂loss/∂logits, one entry per logit. */
  dlogits: Float64Array;
}

/**
 * The softmax of each row: out[n][c] = exp(z[n][c]) / Σₖ exp(z[n][k]).
 * torch: `torch.softmax(z, dim=1)`.
 * @param z N×C; not modified
 * @returns N×C, every row positive and summing to 1; finite for entries up to ±1e4
 */
export function softmax(z: Matrix): Matrix {
  const out = matrix(z.rows, z.cols);
  for (let n = 0; n < z.rows; n++) {
    const r = n * z.cols;
    let max = -Infinity;
    for (let c = 0; c < z.cols; c++) max = Math.max(max, z.data[r + c]);
    // After subtracting the row's maximum every exponent is ≤ 0: no exp can overflow.
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
 * @param z N×C; not modified
 * @returns N×C, every entry ≤ 0; finite for entries up to ±1e4
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
    for (let c = 0; c < z.cols; c++) out.data[r + c] = z.data[r + c] - max - logSum;
  }
  return out;
}

/**
 * Backward pass of the row softmax: given dout = ∂L/∂out and out = softmax(z), returns
 * dz = ∂L/∂z, the Jacobian-vector product of each row's softmax with its row of dout.
 * @param dout the upstream gradient, N×C; not modified
 * @param out what `softmax(z)` returned, N×C; not modified
 * @returns dz, N×C
 * @throws Error naming both shapes when dout and out differ in shape
 */
export function softmaxBackward(dout: Matrix, out: Matrix): Matrix {
  if (dout.rows !== out.rows || dout.cols !== out.cols) {
    throw new Error(`softmaxBackward: dout is ${shapeOf(dout)} but out is ${shapeOf(out)}; they must have the same shape`);
  }
  const dz = matrix(out.rows, out.cols);
  for (let n = 0; n < out.rows; n++) {
    const r = n * out.cols;
    // Each z[n][k] moves every out[n][c] of its row: the full Jacobian, diag(p) − p·pᵀ, times dout.
    let dot = 0;
    for (let c = 0; c < out.cols; c++) dot += dout.data[r + c] * out.data[r + c];
    for (let c = 0; c < out.cols; c++) dz.data[r + c] = out.data[r + c] * (dout.data[r + c] - dot);
  }
  return dz;
}

/**
 * Softmax cross-entropy with class-index labels, averaged over the batch:
 * loss = −(1/N)·Σₙ log softmax(logits)[n][labels[n]]. torch: `F.cross_entropy(logits, labels)`.
 * @param logits N×C; not modified
 * @param labels N class indices, each an integer in 0..C−1; not modified
 * @returns the loss and dlogits = ∂loss/∂logits (N×C); finite for logits up to ±1e4
 * @throws Error naming both shapes when labels.length ≠ N; naming the row and the label
 *   when a label is not a class index
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
  const dlogits = matrix(n, classes);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = i * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits.data[r + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits.data[r + c] - max);
    const logSum = max + Math.log(sum); // log Σₖ exp(logits[i][k]), never overflowing
    total += logSum - logits.data[r + labels[i]]; // −log softmax at the label
    // The mean's 1/N belongs to every row of the gradient: dlogits = (P − onehot(labels))/N.
    for (let c = 0; c < classes; c++) dlogits.data[r + c] = Math.exp(logits.data[r + c] - logSum) / n;
    dlogits.data[r + labels[i]] -= 1 / n;
  }
  return { loss: total / n, dlogits };
}

/**
 * Binary cross-entropy on logits, averaged over every entry:
 * loss = mean of −[y·log σ(z) + (1 − y)·log(1 − σ(z))].
 * torch: `F.binary_cross_entropy_with_logits(logits, targets)`.
 * @param logits one logit per entry; not modified
 * @param targets one target in [0, 1] per entry (the same length); not modified
 * @returns the loss and dlogits = ∂loss/∂logits; finite for logits up to ±1e4
 * @throws Error naming both lengths when they differ
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
    total += Math.max(z, 0) - y * z + Math.log1p(Math.exp(-Math.abs(z)));
    const e = Math.exp(-Math.abs(z)); // σ(z) from whichever side keeps exp's argument ≤ 0
    const sigma = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    dlogits[k] = (sigma - y) / count;
  }
  return { loss: total / count, dlogits };
}
