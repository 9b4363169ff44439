/**
 * Kata: dense-backward. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- dense`.
 * The toolkit in katas/lib/matrix.ts has every product and reduction you need.
 */
import { addRowVector, matmul, matmulTransA, matmulTransB, shapeOf, sumRows, type Matrix } from '../lib/matrix.ts';

/** What the forward pass keeps for the backward pass: its inputs (references, not copies). */
export interface DenseCache {
  readonly x: Matrix;
  readonly w: Matrix;
}

/** The result of `denseForward`. */
export interface DenseForwardResult {
  /** out = x·w + b, N×M. */
  out: Matrix;
  cache: DenseCache;
}

/** The gradients of the loss with respect to each input of `denseForward`. */
export interface DenseGradients {
  /** ∂L/∂x, N×D (the same shape as x). */
  dx: Matrix;
  /** ∂L/∂w, D×M (the same shape as w). */
  dw: Matrix;
  /** ∂L/∂b, M entries (the same length as b). */
  db: Float64Array;
}

/**
 * Forward pass of a dense (fully connected, affine) layer: out = x·w + b, with b added to
 * every row. numpy: `out = x @ w + b`.
 * @param x the batch, N×D (one row per example); not modified
 * @param w the weights, D×M; not modified
 * @param b the bias, M entries; not modified
 * @returns out, N×M, and the cache that `denseBackward` needs
 * @throws Error naming both shapes when x's columns ≠ w's rows, or b's length ≠ w's columns
 */
export function denseForward(x: Matrix, w: Matrix, b: Float64Array): DenseForwardResult {
  if (x.cols !== w.rows) {
    throw new Error(`denseForward: x is ${shapeOf(x)} but w is ${shapeOf(w)} (x's ${x.cols} columns must match w's ${w.rows} rows)`);
  }
  if (b.length !== w.cols) {
    throw new Error(`denseForward: w is ${shapeOf(w)} but b has ${b.length} entries (b needs one entry per column of w, ${w.cols})`);
  }
  const out = matmul(x, w);
  addRowVector(out, b, out); // in place: `out` is our own fresh matrix, so one allocation in all
  return { out, cache: { x, w } };
}

/**
 * Backward pass of the dense layer. Given dout = ∂L/∂out, returns the gradients of L with
 * respect to x, w and b. Each gradient has the shape of the input it belongs to.
 * @param dout the upstream gradient ∂L/∂out, N×M; not modified
 * @param cache what `denseForward` returned with the out that dout belongs to; not modified
 * @returns dx (N×D), dw (D×M), db (M entries), each a new array
 * @throws Error naming both shapes when dout is not the N×M shape of the forward output
 */
export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { x, w } = cache;
  if (dout.rows !== x.rows || dout.cols !== w.cols) {
    throw new Error(
      `denseBackward: dout is ${shapeOf(dout)} but the forward output was ${x.rows}×${w.cols} (x ${shapeOf(x)} times w ${shapeOf(w)})`,
    );
  }
  // The transposed products read their operands in place: no transpose is ever materialised.
  return {
    dx: matmulTransB(dout, w), // (N×M)·(D×M)ᵀ = N×D
    dw: matmulTransA(x, dout), // (N×D)ᵀ·(N×M) = D×M
    db: sumRows(dout), // every example's dout adds to the bias it shares: M entries
  };
}
