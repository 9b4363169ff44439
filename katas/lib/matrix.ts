/**
 * A small, fast, row-major float64 matrix toolkit: the numpy subset a backprop kata needs.
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
 */

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
// Matrix products. These are the hot loops of every trainer in this repository (30 GFLOP
// per MNIST epoch if done densely), so they are written for speed while keeping plain
// signatures. Two ideas do the work:
//
// 1. Zeros of `a` are skipped. MNIST images are 81% exact zeros and ReLU activations and
//    their gradients about half zeros, so each product first lists the nonzero entries of
//    `a` (value and index, in reused scratch arrays) and multiplies only those. One
//    consequence, the same in all three products: a zero in `a` contributes nothing even
//    against an ∞ or NaN in `b` (IEEE arithmetic would give NaN there); a NaN or ∞ in `a`
//    itself does spread to the output as usual.
// 2. Register blocking. Each output entry is built in a local variable, eight neighbouring
//    entries at a time, so the inner loop does eight independent multiply-adds per loaded
//    value of `a` and never writes memory; V8 keeps the eight sums in registers. This runs
//    at about 2 billion multiply-adds per second per core, against 0.8 for an axpy loop.
//
// Scratch arrays are module-level and bounded (large products are done in chunks of
// rows), and nothing is allocated per call once they have grown to the working size.
// ---------------------------------------------------------------------------------------

/** Entries of scratch space a product may use at once; bigger inputs are done in chunks. */
const SCRATCH_ENTRIES = 1 << 18;

/**
 * The nonzero entries of a block of `a`, grouped into lists: list i holds the positions and
 * values in index[t], value[t] for t in start[i]..start[i+1] (compressed sparse rows or columns).
 */
interface SparseLists {
  index: Int32Array;
  value: Float64Array;
  start: Int32Array;
}

const emptyLists = (): SparseLists => ({ index: new Int32Array(1024), value: new Float64Array(1024), start: new Int32Array(65) });
/** Lists by row (what matmul and matmulTransB read), and by column (matmulTransA). */
const byRow = emptyLists();
const byColumn = emptyLists();

function reserve(lists: SparseLists, entries: number, count: number): void {
  if (lists.index.length < entries) {
    lists.index = new Int32Array(entries);
    lists.value = new Float64Array(entries);
  }
  if (lists.start.length < count + 1) lists.start = new Int32Array(count + 1);
}

/** How many rows of width `width` to gather at once so their entries fit in the scratch space. */
function chunkRows(width: number): number {
  return Math.max(1, Math.floor(SCRATCH_ENTRIES / Math.max(1, width)));
}

/** Lists the nonzeros of rows [r0, r1) of the row-major matrix A (width k) in `byRow`, one list per row. */
function gatherRows(A: Float64Array, k: number, r0: number, r1: number): SparseLists {
  reserve(byRow, (r1 - r0) * k, r1 - r0);
  const { index, value, start } = byRow;
  let t = 0;
  for (let r = r0; r < r1; r++) {
    start[r - r0] = t;
    const base = r * k;
    for (let p = 0; p < k; p++) {
      const v = A[base + p];
      if (v !== 0) {
        index[t] = p;
        value[t] = v;
        t++;
      }
    }
  }
  start[r1 - r0] = t;
  return byRow;
}

/**
 * Lists the nonzeros of rows [p0, p1) of the row-major matrix A (width n) by column in
 * `byColumn`: list i holds the row indices p and values A[p][i]. Built from the row lists, so
 * the dense block is read once and only its nonzeros are sorted into columns.
 */
function gatherColumns(A: Float64Array, n: number, p0: number, p1: number): SparseLists {
  const rows = gatherRows(A, n, p0, p1);
  const entries = rows.start[p1 - p0];
  reserve(byColumn, entries, n);
  const { index, value, start } = byColumn;
  start.fill(0, 0, n + 1);
  for (let t = 0; t < entries; t++) start[rows.index[t] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  // start[i] now marks where column i begins; fill each column in row order, then shift back.
  for (let r = 0; r < p1 - p0; r++) {
    for (let t = rows.start[r]; t < rows.start[r + 1]; t++) {
      const slot = start[rows.index[t]]++;
      index[slot] = p0 + r;
      value[slot] = rows.value[t];
    }
  }
  for (let i = n; i > 0; i--) start[i] = start[i - 1];
  start[0] = 0;
  return byColumn;
}

/**
 * For each list i < count: C[c0+i][j] (+)= Σ_t value[t]·B[index[t]][j] over list i, for every
 * column j of the row-major B (width m). `accumulate` adds to C instead of overwriting it.
 */
function sparseTimesDense(lists: SparseLists, count: number, B: Float64Array, m: number, C: Float64Array, c0: number, accumulate: boolean): void {
  const { index, value, start } = lists;
  for (let i = 0; i < count; i++) {
    const s = start[i];
    const e = start[i + 1];
    const cRow = (c0 + i) * m;
    if (s === e) {
      // An all-zero row of A (a blank border pixel of every image in the batch) adds nothing.
      if (!accumulate) C.fill(0, cRow, cRow + m);
      continue;
    }
    let j = 0;
    for (; j + 8 <= m; j += 8) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let t = s; t < e; t++) {
        const v = value[t];
        const o = index[t] * m + j;
        s0 += v * B[o];
        s1 += v * B[o + 1];
        s2 += v * B[o + 2];
        s3 += v * B[o + 3];
        s4 += v * B[o + 4];
        s5 += v * B[o + 5];
        s6 += v * B[o + 6];
        s7 += v * B[o + 7];
      }
      const o = cRow + j;
      if (accumulate) {
        C[o] += s0; C[o + 1] += s1; C[o + 2] += s2; C[o + 3] += s3;
        C[o + 4] += s4; C[o + 5] += s5; C[o + 6] += s6; C[o + 7] += s7;
      } else {
        C[o] = s0; C[o + 1] = s1; C[o + 2] = s2; C[o + 3] = s3;
        C[o + 4] = s4; C[o + 5] = s5; C[o + 6] = s6; C[o + 7] = s7;
      }
    }
    for (; j + 2 <= m; j += 2) {
      let s0 = 0;
      let s1 = 0;
      for (let t = s; t < e; t++) {
        const v = value[t];
        const o = index[t] * m + j;
        s0 += v * B[o];
        s1 += v * B[o + 1];
      }
      if (accumulate) {
        C[cRow + j] += s0;
        C[cRow + j + 1] += s1;
      } else {
        C[cRow + j] = s0;
        C[cRow + j + 1] = s1;
      }
    }
    if (j < m) {
      let s0 = 0;
      for (let t = s; t < e; t++) s0 += value[t] * B[index[t] * m + j];
      C[cRow + j] = accumulate ? C[cRow + j] + s0 : s0;
    }
  }
}

/**
 * For each list i < count: C[c0+i][j] = Σ_t value[t]·B[j][index[t]] for every row j of the
 * row-major B (m rows of width k): dot products of the sparse row with rows of B, eight rows
 * of B at a time.
 */
function sparseTimesDenseT(lists: SparseLists, count: number, B: Float64Array, k: number, m: number, C: Float64Array, c0: number): void {
  const { index, value, start } = lists;
  for (let i = 0; i < count; i++) {
    const s = start[i];
    const e = start[i + 1];
    const cRow = (c0 + i) * m;
    let j = 0;
    for (; j + 8 <= m; j += 8) {
      const b0 = j * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k, b4 = b3 + k, b5 = b4 + k, b6 = b5 + k, b7 = b6 + k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let t = s; t < e; t++) {
        const v = value[t];
        const p = index[t];
        s0 += v * B[b0 + p];
        s1 += v * B[b1 + p];
        s2 += v * B[b2 + p];
        s3 += v * B[b3 + p];
        s4 += v * B[b4 + p];
        s5 += v * B[b5 + p];
        s6 += v * B[b6 + p];
        s7 += v * B[b7 + p];
      }
      const o = cRow + j;
      C[o] = s0; C[o + 1] = s1; C[o + 2] = s2; C[o + 3] = s3;
      C[o + 4] = s4; C[o + 5] = s5; C[o + 6] = s6; C[o + 7] = s7;
    }
    for (; j < m; j++) {
      const b0 = j * k;
      let s0 = 0;
      for (let t = s; t < e; t++) s0 += value[t] * B[b0 + index[t]];
      C[cRow + j] = s0;
    }
  }
}

/**
 * C = A·B. A is N×K, B is K×M, C is N×M.
 * numpy: `A @ B`.
 */
export function matmul(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new Error(
      `matmul: cannot multiply ${shapeOf(a)} by ${shapeOf(b)} (inner sizes ${a.cols} and ${b.rows} differ)`,
    );
  }
  const n = a.rows;
  const k = a.cols;
  const m = b.cols;
  const c = prepareOut('matmul', n, m, out);
  if (c === a || c === b) throw new Error('matmul: out must not be one of the inputs');
  // Row i of C is a combination of the rows of B, weighted by the nonzeros of row i of A.
  const step = chunkRows(k);
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    sparseTimesDense(gatherRows(a.data, k, r0, r1), r1 - r0, b.data, m, c.data, r0, false);
  }
  return c;
}

/**
 * C = Aᵀ·B without forming Aᵀ. A is K×N, B is K×M, C is N×M.
 * numpy: `A.T @ B`. This is the weight gradient of a dense layer: dW = Xᵀ·dout.
 */
export function matmulTransA(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.rows !== b.rows) {
    throw new Error(
      `matmulTransA: cannot multiply (${shapeOf(a)})ᵀ by ${shapeOf(b)} (inner sizes ${a.rows} and ${b.rows} differ)`,
    );
  }
  const k = a.rows;
  const n = a.cols;
  const m = b.cols;
  const c = prepareOut('matmulTransA', n, m, out);
  if (c === a || c === b) throw new Error('matmulTransA: out must not be one of the inputs');
  // Row i of C combines the rows of B weighted by column i of A: list A's nonzeros by column.
  // Chunks of A's rows (the shared dimension) add into C after the first.
  if (k === 0) c.data.fill(0);
  const step = chunkRows(n);
  for (let p0 = 0; p0 < k; p0 += step) {
    const p1 = Math.min(k, p0 + step);
    sparseTimesDense(gatherColumns(a.data, n, p0, p1), n, b.data, m, c.data, 0, p0 > 0);
  }
  return c;
}

/**
 * C = A·Bᵀ without forming Bᵀ. A is N×K, B is M×K, C is N×M.
 * numpy: `A @ B.T`. This is the input gradient of a dense layer: dX = dout·Wᵀ.
 */
export function matmulTransB(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  if (a.cols !== b.cols) {
    throw new Error(
      `matmulTransB: cannot multiply ${shapeOf(a)} by (${shapeOf(b)})ᵀ (inner sizes ${a.cols} and ${b.cols} differ)`,
    );
  }
  const n = a.rows;
  const k = a.cols;
  const m = b.rows;
  const c = prepareOut('matmulTransB', n, m, out);
  if (c === a || c === b) throw new Error('matmulTransB: out must not be one of the inputs');
  // Entry (i, j) is the dot product of row i of A (its nonzeros) with row j of B.
  const step = chunkRows(k);
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    sparseTimesDenseT(gatherRows(a.data, k, r0, r1), r1 - r0, b.data, k, m, c.data, r0);
  }
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
