/**
 * Kata: softmax-cross-entropy. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- softmax`.
 * Rows are examples, columns are classes: z and logits are N×C.
 */
import type { Matrix } from '../lib/matrix.ts';

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
  throw new Error('not implemented: softmax(z)');
}

/**
 * The log of the softmax of each row: out[n][c] = log softmax(z)[n][c]. It stays finite where
 * the probability itself underflows to 0: logSoftmax of the row [1e4, −1e4] is [0, −2e4].
 * torch: `torch.log_softmax(z, dim=1)`.
 * @param z N×C; not modified
 * @returns N×C, every entry ≤ 0; finite for entries up to ±1e4
 */
export function logSoftmax(z: Matrix): Matrix {
  throw new Error('not implemented: logSoftmax(z)');
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
  throw new Error('not implemented: softmaxBackward(dout, out)');
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
  throw new Error('not implemented: crossEntropy(logits, labels)');
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
  throw new Error('not implemented: bceWithLogits(logits, targets)');
}
