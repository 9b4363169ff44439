/**
 * The arithmetic behind the toolkit's matrix products (matrix.ts checks the shapes, then calls
 * these). They are the hot loops of every trainer in this repository (30 GFLOP per MNIST epoch
 * if done densely), written for speed on flat row-major Float64Arrays. Two ideas do the work:
 *
 * 1. Zeros of A are skipped. MNIST images are 81% exact zeros and ReLU activations and their
 *    gradients about half zeros, so each product first lists the nonzero entries of A (value
 *    and index, in reused scratch arrays) and multiplies only those.
 *    IEEE deviation, the same in all three products: a zero in A contributes nothing even
 *    against an ∞ or NaN in B (IEEE arithmetic, and numpy, give NaN for 0·∞ and 0·NaN); a NaN or
 *    ∞ in A itself spreads to the output as usual, and so does one in B met by a nonzero of A.
 * 2. Register blocking. Each output entry is built in a local variable, eight neighbouring
 *    entries at a time, so the inner loop does eight independent multiply-adds per loaded value
 *    of A and never writes memory; V8 keeps the eight sums in registers.
 *
 * Scratch arrays are module-level and bounded (large products are done in chunks of rows), and
 * nothing is allocated per call once they have grown to the working size. Every output entry
 * is written (stale numbers in C never survive); the sums run in index order of A's nonzeros.
 */

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

/** C = A·B. A is n×k, B is k×m, C is n×m (all row-major); C is overwritten. */
export function multiply(A: Float64Array, B: Float64Array, C: Float64Array, n: number, k: number, m: number): void {
  // Row i of C is a combination of the rows of B, weighted by the nonzeros of row i of A.
  const step = chunkRows(k);
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    sparseTimesDense(gatherRows(A, k, r0, r1), r1 - r0, B, m, C, r0, false);
  }
}

/** C = Aᵀ·B. A is k×n, B is k×m, C is n×m; C is overwritten. */
export function multiplyTransA(A: Float64Array, B: Float64Array, C: Float64Array, k: number, n: number, m: number): void {
  // Row i of C combines the rows of B weighted by column i of A: list A's nonzeros by column.
  // Chunks of A's rows (the shared dimension) add into C after the first.
  if (k === 0) C.fill(0, 0, n * m);
  const step = chunkRows(n);
  for (let p0 = 0; p0 < k; p0 += step) {
    const p1 = Math.min(k, p0 + step);
    sparseTimesDense(gatherColumns(A, n, p0, p1), n, B, m, C, 0, p0 > 0);
  }
}

/** C = A·Bᵀ. A is n×k, B is m×k, C is n×m; C is overwritten. */
export function multiplyTransB(A: Float64Array, B: Float64Array, C: Float64Array, n: number, k: number, m: number): void {
  // Entry (i, j) is the dot product of row i of A (its nonzeros) with row j of B.
  const step = chunkRows(k);
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    sparseTimesDenseT(gatherRows(A, k, r0, r1), r1 - r0, B, k, m, C, r0);
  }
}
