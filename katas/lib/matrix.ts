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

/**
 * A read-only view of a per-column vector; plain arrays are accepted where we only read.
 *
 * 中文：按列向量的只读视图；只读取的地方也接受普通数组。
 */
export type Vector = Float64Array;

/**
 * "N×D", the way shapes are written in every message.
 *
 * 中文："N×D"：所有消息里形状的写法。
 */
export function shapeOf(m: Matrix): string {
  return `${m.rows}×${m.cols}`;
}

/**
 * True when `value` is a well-formed Matrix (used to give clear errors for bad input).
 *
 * 中文：当 `value` 是格式正确的 Matrix 时为 true（用来对错误的输入给出清楚的报错）。
 */
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

/**
 * A rows×cols matrix. Without `data` it is all zeros; `data` is used as is (not copied).
 *
 * 中文：一个 rows×cols 矩阵。不传 `data` 时全为 0；传入的 `data` 原样使用（不复制）。
 */
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

/**
 * A rows×cols matrix of zeros.
 *
 * 中文：一个全 0 的 rows×cols 矩阵。
 */
export function zeros(rows: number, cols: number): Matrix {
  return matrix(rows, cols);
}

/**
 * A rows×cols matrix with every entry equal to `value`.
 *
 * 中文：一个每个元素都等于 `value` 的 rows×cols 矩阵。
 */
export function full(rows: number, cols: number, value: number): Matrix {
  return matrix(rows, cols, new Float64Array(rows * cols).fill(value));
}

/**
 * Build from nested arrays, one inner array per row: `fromRows([[1, 2], [3, 4]])` is 2×2.
 *
 * 中文：由嵌套数组构造，每个内层数组是一行：`fromRows([[1, 2], [3, 4]])` 是 2×2。
 */
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

/**
 * Nested arrays, one per row: the inverse of `fromRows`. Handy for printing.
 *
 * 中文：转成嵌套数组，每行一个：`fromRows` 的逆操作。打印时很方便。
 */
export function toRows(m: Matrix): number[][] {
  const result: number[][] = [];
  for (let i = 0; i < m.rows; i++) result.push(Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  return result;
}

/**
 * A deep copy.
 *
 * 中文：深拷贝。
 */
export function clone(m: Matrix): Matrix {
  return matrix(m.rows, m.cols, Float64Array.from(m.data));
}

/**
 * Entry (i, j).
 *
 * 中文：元素 (i, j)。
 */
export function get(m: Matrix, i: number, j: number): number {
  return m.data[i * m.cols + j];
}

/**
 * Set entry (i, j) to `value`.
 *
 * 中文：把元素 (i, j) 设为 `value`。
 */
export function set(m: Matrix, i: number, j: number, value: number): void {
  m.data[i * m.cols + j] = value;
}

/**
 * Row i as a view that shares memory with `m` (writes go through).
 *
 * 中文：第 i 行，作为与 `m` 共享内存的视图（写入它就是写入 `m`）。
 */
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
 *
 * 中文：C = A·B。A 是 N×K，B 是 K×M，C 是 N×M：C[i][j] = Σₚ A[i][p]·B[p][j]。numpy：`A @ B`。
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
 *
 * 中文：C = Aᵀ·B，但不构造出 Aᵀ。A 是 K×N，B 是 K×M，C 是 N×M：C[i][j] = Σₚ A[p][i]·B[p][j]。numpy：`A.T @ B`。全连接层的权重梯度就是它：dW = Xᵀ·dout。
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
 *
 * 中文：C = A·Bᵀ，但不构造出 Bᵀ。A 是 N×K，B 是 M×K，C 是 N×M：C[i][j] = Σₚ A[i][p]·B[j][p]。numpy：`A @ B.T`。全连接层的输入梯度就是它：dX = dout·Wᵀ。
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

/**
 * Aᵀ. A is N×M, the result is M×N. numpy: `A.T` (but a copy, not a view).
 *
 * 中文：Aᵀ。A 是 N×M，结果是 M×N。numpy：`A.T`（但这里得到的是副本，不是视图）。
 */
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

/**
 * A + B, elementwise.
 *
 * 中文：逐元素的 A + B。
 */
export function add(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  assertSameShape('add', a, b);
  const c = prepareOut('add', a.rows, a.cols, out);
  for (let i = 0; i < a.data.length; i++) c.data[i] = a.data[i] + b.data[i];
  return c;
}

/**
 * A − B, elementwise.
 *
 * 中文：逐元素的 A − B。
 */
export function sub(a: Matrix, b: Matrix, out?: Matrix): Matrix {
  assertSameShape('sub', a, b);
  const c = prepareOut('sub', a.rows, a.cols, out);
  for (let i = 0; i < a.data.length; i++) c.data[i] = a.data[i] - b.data[i];
  return c;
}

/**
 * A ⊙ B, the elementwise (Hadamard) product. numpy: `A * B`.
 *
 * 中文：A ⊙ B，逐元素乘积（Hadamard 积）。numpy：`A * B`。
 */
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

/**
 * f applied to every entry: `map(z, Math.tanh)`. f also gets the row and column.
 *
 * 中文：对每个元素应用 f：`map(z, Math.tanh)`。f 还会收到该元素的行号和列号。
 */
export function map(a: Matrix, f: (value: number, i: number, j: number) => number, out?: Matrix): Matrix {
  const c = prepareOut('map', a.rows, a.cols, out);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) c.data[i * a.cols + j] = f(a.data[i * a.cols + j], i, j);
  }
  return c;
}

/**
 * f applied to matching entries of A and B: `zipWith(a, b, (x, y) => x * y)`.
 *
 * 中文：对 A 和 B 中位置相同的元素应用 f：`zipWith(a, b, (x, y) => x * y)`。
 */
export function zipWith(a: Matrix, b: Matrix, f: (x: number, y: number) => number, out?: Matrix): Matrix {
  assertSameShape('zipWith', a, b);
  const c = prepareOut('zipWith', a.rows, a.cols, out);
  for (let i = 0; i < a.data.length; i++) c.data[i] = f(a.data[i], b.data[i]);
  return c;
}

// ---------------------------------------------------------------------------------------
// Row-vector broadcasting and reductions: the bias of a dense layer and its gradient.
// ---------------------------------------------------------------------------------------

/**
 * A + v added to every row. A is N×M, v has M entries. numpy: `A + v` (broadcast).
 *
 * 中文：A 的每一行都加上 v。A 是 N×M，v 有 M 个元素。numpy：`A + v`（广播）。
 */
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
 *
 * 中文：沿行求和：每列一个总和。A 是 N×M，结果有 M 个元素。numpy：`A.sum(axis=0)`。全连接层的偏置梯度就是它：db = Σₙ dout[n]。
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

/**
 * Mean over the rows: one mean per column. numpy: `A.mean(axis=0)`.
 *
 * 中文：沿行求平均：每列一个均值。numpy：`A.mean(axis=0)`。
 */
export function meanRows(a: Matrix, out?: Float64Array): Float64Array {
  const result = sumRows(a, out);
  if (a.rows > 0) for (let j = 0; j < result.length; j++) result[j] /= a.rows;
  return result;
}

/**
 * Sum of every entry.
 *
 * 中文：所有元素之和。
 */
export function sumAll(a: Matrix): number {
  let s = 0;
  for (let i = 0; i < a.data.length; i++) s += a.data[i];
  return s;
}

/**
 * Index of the largest entry of each row (the predicted class of each example).
 *
 * 中文：每行最大元素的下标（即每个样本的预测类别）。
 */
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

/**
 * The rows listed in `indices`, in that order: a mini-batch. numpy: `A[indices]`.
 *
 * 中文：`indices` 列出的那些行，按该顺序排列：一个小批量。numpy：`A[indices]`。
 */
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
 *
 * 中文：可训练的参数：一个权重矩阵，或一个按列的向量（偏置、gamma、beta）。优化器通过 `paramData` 原地更新参数中的数值。
 */
export type Param = Matrix | Float64Array;

/**
 * The numbers of a parameter, as one flat array that shares its memory.
 *
 * 中文：参数中的数值，作为一个与参数共享内存的扁平数组。
 */
export function paramData(p: Param): Float64Array {
  return p instanceof Float64Array ? p : p.data;
}
