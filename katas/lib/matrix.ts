/**
 * A small row-major float64 matrix toolkit: the numpy subset a backprop kata needs.
 *
 * A `Matrix` is a plain object `{ rows, cols, data }` with `data[i * cols + j]` holding
 * the entry in row i, column j. A batch is one row per example, like numpy's `X` of
 * shape N×D. Per-column vectors (a bias, gamma, a running mean) are `Float64Array`s.
 *
 * Every operation that produces a matrix takes an optional `out` argument: pass a
 * preallocated matrix of the right shape and nothing is allocated, which is what a
 * training loop wants. Without `out`, a fresh matrix is returned. Inputs are never
 * modified unless they are also passed as `out`.
 *
 * Shapes that do not fit throw an `Error` naming both shapes, e.g.
 * `matmul: cannot multiply 4×3 by 5×2 (inner sizes 3 and 5 differ)`.
 *
 * The three matrix products hand their arithmetic to kernels.ts (fast loops, not for reading);
 * everything else is the plain loop you would write.
 */
import { multiply, multiplyTransA, multiplyTransB } from './kernels.ts';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** A read-only view of a per-column vector; plain arrays are accepted where we only read. */
export type Vector = Float64Array;

/** "N×D", the way shapes are written in every message. */
export function shapeOf(m: Matrix): string {
  return `${m.rows}×${m.cols}`;
}

/** True when `value` is a well-formed Matrix (used to give clear errors for bad input). */
export function isMatrix(value: unknown): value is Matrix {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Partial<Matrix>;
  return (
    Number.isInteger(m.rows) &&
    Number.isInteger(m.cols) &&
    m.data instanceof Float64Array &&
    m.data.length === (m.rows as number) * (m.cols as number)
  );
}

/** A rows×cols matrix. Without `data` it is all zeros; `data` is used as is (not copied). */
export function matrix(rows: number, cols: number, data?: Float64Array): Matrix {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new Error(`matrix: shape must be two non-negative integers, got ${rows}×${cols}`);
  }
  const values = data ?? new Float64Array(rows * cols);
  if (values.length !== rows * cols) {
    throw new Error(`matrix: ${rows}×${cols} needs ${rows * cols} values, got ${values.length}`);
  }
  return { rows, cols, data: values };
}

/** A rows×cols matrix of zeros. */
export function zeros(rows: number, cols: number): Matrix {
  return matrix(rows, cols);
}

/** A rows×cols matrix with every entry equal to `value`. */
export function full(rows: number, cols: number, value: number): Matrix {
  return matrix(rows, cols, new Float64Array(rows * cols).fill(value));
}

/** Build from nested arrays, one inner array per row: `fromRows([[1, 2], [3, 4]])` is 2×2. */
export function fromRows(rows: ReadonlyArray<ArrayLike<number>>): Matrix {
  const n = rows.length;
  const d = n === 0 ? 0 : rows[0].length;
  const out = zeros(n, d);
  for (let i = 0; i < n; i++) {
    if (rows[i].length !== d) {
      throw new Error(`fromRows: row 0 has ${d} entries but row ${i} has ${rows[i].length}`);
    }
    for (let j = 0; j < d; j++) out.data[i * d + j] = rows[i][j];
  }
  return out;
}

/** Nested arrays, one per row: the inverse of `fromRows`. Handy for printing. */
export function toRows(m: Matrix): number[][] {
  const result: number[][] = [];
  for (let i = 0; i < m.rows; i++) result.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return result;
}

/** A deep copy. */
export function clone(m: Matrix): Matrix {
  return matrix(m.rows, m.cols, Float64Array.from(m.data));
}

/** Entry (i, j). */
export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

/** Set entry (i, j) to `value`. */
export function set(m: Matrix, i: number, j: number, value: number): void {
  m.data[i * m.cols + j] = value;
}

/** Row i as a view that shares memory with `m` (writes go through). */
export function row(m: Matrix, i: number): Float64Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

function prepareOut(op: string, rows: number, cols: number, out: Matrix | undefined): Matrix {
  if (out === undefined) return zeros(rows, cols);
  if (out.rows !== rows || out.cols !== cols) {
    throw new Error(`${op}: out is ${shapeOf(out)} but the result is ${rows}×${cols}`);
  }
  return out;
}

function assertSameShape(op: string, a: Matrix, b: Matrix): void {
  if (a.rows !== b.rows || a.cols !== b.cols) {
    throw new Error(`${op}: shapes ${shapeOf(a)} and ${shapeOf(b)} differ`);
  }
}

// ---------------------------------------------------------------------------------------
// Matrix products. Each checks the shapes and leaves the arithmetic to kernels.ts, which
// computes the same sums fast (the hot loops of every trainer here). Written out, each is
// the triple loop of its comment. One difference from numpy: the kernels skip the zeros of A,
// so a 0 in A against an ∞ or NaN in B adds 0, where IEEE arithmetic would give NaN.
// ---------------------------------------------------------------------------------------

/**
 * C = A·B. A is N×K, B is K×M, C is N×M: C[i][j] = Σₚ A[i][p]·B[p][j].
 * numpy: `A @ B`.
 */
export function matmul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new Error(`matmul: cannot multiply ${shapeOf(a)} by ${shapeOf(b)} (inner sizes ${a.cols} and ${b.rows} differ)`);
  }
  const c = productOut('matmul', a, b, a.rows, b.cols, out);
  multiply(a.data, b.data, c.data, a.rows, a.cols, b.cols);
  return c;
}

/**
 * C = Aᵀ·B without forming Aᵀ. A is K×N, B is K×M, C is N×M: C[i][j] = Σₚ A[p][i]·B[p][j].
 * numpy: `A.T @ B`. This is the weight gradient of a dense layer: dW = Xᵀ·dout.
 */
export function matmulTransA(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.rows !== b.rows) {
    throw new Error(`matmulTransA: cannot multiply (${shapeOf(a)})ᵀ by ${shapeOf(b)} (inner sizes ${a.rows} and ${b.rows} differ)`);
  }
  const c = productOut('matmulTransA', a, b, a.cols, b.cols, out);
  multiplyTransA(a.data, b.data, c.data, a.rows, a.cols, b.cols);
  return c;
}

/**
 * C = A·Bᵀ without forming Bᵀ. A is N×K, B is M×K, C is N×M: C[i][j] = Σₚ A[i][p]·B[j][p].
 * numpy: `A @ B.T`. This is the input gradient of a dense layer: dX = dout·Wᵀ.
 */
export function matmulTransB(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.cols !== b.cols) {
    throw new Error(`matmulTransB: cannot multiply ${shapeOf(a)} by (${shapeOf(b)})ᵀ (inner sizes ${a.cols} and ${b.cols} differ)`);
  }
  const c = productOut('matmulTransB', a, b, a.rows, b.rows, out);
  multiplyTransB(a.data, b.data, c.data, a.rows, a.cols, b.rows);
  return c;
}

/** The result matrix of a product: `out` checked (its shape, and that it is not an input), or a new one. */
function productOut(op: string, a: Matrix, b: Matrix, rows: number, cols: number, out: Matrix | undefined): Matrix {
  const c = prepareOut(op, rows, cols, out);
  if (c === a || c === b) throw new Error(`${op}: out must not be one of the inputs`);
  return c;
}

/** Aᵀ. A is N×M, the result is M×N. numpy: `A.T` (but a copy, not a view). */
export function transpose(a: Matrix, out?: Matrix): Matrix {
  const c = prepareOut('transpose', a.cols, a.rows, out);
  if (c === a) throw new Error('transpose: out must not be the input');
  const A = a.data;
  const C = c.data;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) C[j * a.rows + i] = A[i * a.cols + j];
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// Elementwise operations. All take same-shaped matrices; `out` may be one of the inputs.
// ---------------------------------------------------------------------------------------

/** A + B, elementwise. */
export function add(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  assertSameShape('add', a, b);
  const c = prepareOut('add', a.rows, a.cols, out);
  for (let i = 0; i < a.data.length; i++) c.data[i] = a.data[i] + b.data[i];
  return c;
}

/** A − B, elementwise. */
export function sub(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  assertSameShape('sub', a, b);
  const c = prepareOut('sub', a.rows, a.cols, out);
  for (let i = 0; i < a.data.length; i++) c.data[i] = a.data[i] - b.data[i];
  return c;
}

/** A ⊙ B, the elementwise (Hadamard) product. numpy: `A * B`. */
export function mul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  assertSameShape('mul', a, b);
  const c = prepareOut('mul', a.rows, a.cols, out);
  for (let i = 0; i < a.data.length; i++) c.data[i] = a.data[i] * b.data[i];
  return c;
}

/** s·A. */
export function scale(a: Matrix, s: number, out?: Matrix): Matrix {
  const c = prepareOut('scale', a.rows, a.cols, out);
  for (let i = 0; i < a.data.length; i++) c.data[i] = a.data[i] * s;
  return c;
}

/** f applied to every entry: `map(z, Math.tanh)`. f also gets the row and column. */
export function map(a: Matrix, f: (value: number, i: number, j: number) => number, out?: Matrix): Matrix {
  const c = prepareOut('map', a.rows, a.cols, out);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) c.data[i * a.cols + j] = f(a.data[i * a.cols + j], i, j);
  }
  return c;
}

/** f applied to matching entries of A and B: `zipWith(a, b, (x, y) => x * y)`. */
export function zipWith(a: Matrix, b: Matrix, f: (x: number, y: number) => number, out?: Matrix): Matrix {
  assertSameShape('zipWith', a, b);
  const c = prepareOut('zipWith', a.rows, a.cols, out);
  for (let i = 0; i < a.data.length; i++) c.data[i] = f(a.data[i], b.data[i]);
  return c;
}

// ---------------------------------------------------------------------------------------
// Row-vector broadcasting and reductions: the bias of a dense layer and its gradient.
// ---------------------------------------------------------------------------------------

/** A + v added to every row. A is N×M, v has M entries. numpy: `A + v` (broadcast). */
export function addRowVector(a: Matrix, v: ArrayLike<number>, out?: Matrix): Matrix {
  if (v.length !== a.cols) {
    throw new Error(`addRowVector: cannot add a vector of ${v.length} entries to each row of ${shapeOf(a)}`);
  }
  const c = prepareOut('addRowVector', a.rows, a.cols, out);
  for (let i = 0; i < a.rows; i++) {
    const r = i * a.cols;
    for (let j = 0; j < a.cols; j++) c.data[r + j] = a.data[r + j] + v[j];
  }
  return c;
}

/**
 * Sum over the rows: one total per column. A is N×M, the result has M entries.
 * numpy: `A.sum(axis=0)`. This is the bias gradient of a dense layer: db = Σₙ dout[n].
 */
export function sumRows(a: Matrix, out?: Float64Array): Float64Array {
  const result = out ?? new Float64Array(a.cols);
  if (result.length !== a.cols) {
    throw new Error(`sumRows: out has ${result.length} entries but ${shapeOf(a)} has ${a.cols} columns`);
  }
  result.fill(0);
  for (let i = 0; i < a.rows; i++) {
    const r = i * a.cols;
    for (let j = 0; j < a.cols; j++) result[j] += a.data[r + j];
  }
  return result;
}

/** Mean over the rows: one mean per column. numpy: `A.mean(axis=0)`. */
export function meanRows(a: Matrix, out?: Float64Array): Float64Array {
  const result = sumRows(a, out);
  if (a.rows > 0) for (let j = 0; j < result.length; j++) result[j] /= a.rows;
  return result;
}

/** Sum of every entry. */
export function sumAll(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i];
  return s;
}

/** Index of the largest entry of each row (the predicted class of each example). */
export function argmaxRows(a: Matrix): Uint32Array {
  const result = new Uint32Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    const r = i * a.cols;
    let best = 0;
    for (let j = 1; j < a.cols; j++) if (a.data[r + j] > a.data[r + best]) best = j;
    result[i] = best;
  }
  return result;
}

/** The rows listed in `indices`, in that order: a mini-batch. numpy: `A[indices]`. */
export function takeRows(a: Matrix, indices: ArrayLike<number>, out?: Matrix): Matrix {
  const c = prepareOut('takeRows', indices.length, a.cols, out);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i];
    if (!(src >= 0 && src < a.rows)) {
      throw new Error(`takeRows: row index ${src} is outside 0..${a.rows - 1}`);
    }
    c.data.set(a.data.subarray(src * a.cols, (src + 1) * a.cols), i * a.cols);
  }
  return c;
}

/**
 * A trainable parameter: a weight matrix or a per-column vector (a bias, gamma, beta).
 * Optimizers update a parameter's numbers in place, through `paramData`.
 */
export type Param = Matrix | Float64Array;

/** The numbers of a parameter, as one flat array that shares its memory. */
export function paramData(p: Param): Float64Array {
  return p instanceof Float64Array ? p : p.data;
}
