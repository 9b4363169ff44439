/**
 * The arithmetic behind the toolkit's matrix products (matrix.ts checks the shapes, then calls
 * these). They are the hot loops of every trainer in this repository (30 GFLOP per MNIST epoch
 * if done densely), written for speed on flat row-major Float64Arrays. Three ideas do the work:
 *
 * 1. Zeros of A are skipped. MNIST images are 81% exact zeros and ReLU activations and their
 *    gradients about half zeros, so each product first lists the nonzero entries of A (value
 *    and index, in reused scratch arrays) and multiplies only those.
 *    IEEE deviation, the same in all three products: a zero in A contributes nothing even
 *    against an ∞ or NaN in B (IEEE arithmetic, and numpy, give NaN for 0·∞ and 0·NaN); a NaN or
 *    ∞ in A itself spreads to the output as usual, and so does one in B met by a nonzero of A.
 * 2. Register blocking. Each output entry is built in a local variable, eight neighbouring
 *    entries at a time, so the inner loop does eight independent multiply-adds per loaded value
 *    of A and never writes memory.
 * 3. SIMD. The one inner loop, sparse rows times a dense matrix, also exists in WebAssembly with
 *    128-bit SIMD (kernels.wat, compiled into kernels.wasm by `npm install`), 2.7× faster than
 *    V8's scalar code on the trainer's shapes. Its operands are copied into the module's fixed
 *    memory (a copy costs a few percent of the product). It computes the same sums in the same
 *    order, so the two give identical bits; without kernels.wasm the TypeScript loop runs.
 *
 * Scratch arrays are module-level and bounded (large products are done in chunks of rows), and
 * nothing is allocated per call once they have grown to the working size. Every output entry
 * is written (stale numbers in C never survive); the sums run in index order of A's nonzeros.
 */
import { existsSync, readFileSync } from 'node:fs';

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

/** Growable lists for the TypeScript engine: by row (multiply), and by column (multiplyTransA). */
const emptyLists = (): SparseLists => ({ index: new Int32Array(1024), value: new Float64Array(1024), start: new Int32Array(65) });

/**
 * Room for `entries` nonzeros in `count` lists (outside the WebAssembly memory if it is too
 * small). `entries` is every entry of the block gathered: the gathers write each one before
 * deciding whether to keep it.
 */
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

/** Lists the nonzeros of rows [r0, r1) of the row-major matrix A (width k) in `lists`, one list per row. */
function gatherRows(A: Float64Array, k: number, r0: number, r1: number, lists: SparseLists): SparseLists {
  reserve(lists, (r1 - r0) * k, r1 - r0);
  const { index, value, start } = lists;
  let t = 0;
  for (let r = r0; r < r1; r++) {
    start[r - r0] = t;
    const base = r * k;
    for (let p = 0; p < k; p++) {
      // Written every time, kept when nonzero (t moves on): no branch, since in ReLU activations
      // and their gradients zero or not is a coin flip, and mispredictions cost 5× this loop.
      const v = A[base + p];
      index[t] = p;
      value[t] = v;
      t += +(v !== 0);
    }
  }
  start[r1 - r0] = t;
  return lists;
}

/**
 * Lists the nonzeros of rows [p0, p1) of the row-major matrix A (width n) by column in
 * `lists`: list i holds the row indices p and values A[p][i], in row order. One pass down each
 * column: consecutive columns share cache lines, so the strided reads stay in cache.
 */
function gatherColumns(A: Float64Array, n: number, p0: number, p1: number, lists: SparseLists): SparseLists {
  reserve(lists, (p1 - p0) * n, n);
  const { index, value, start } = lists;
  let t = 0;
  for (let i = 0; i < n; i++) {
    start[i] = t;
    for (let p = p0; p < p1; p++) {
      const v = A[p * n + i];
      index[t] = p; // kept when nonzero, without a branch (see gatherRows)
      value[t] = v;
      t += +(v !== 0);
    }
  }
  start[n] = t;
  return lists;
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

/** Where a product runs: its scratch lists, and how it multiplies them by B into C. */
interface Engine {
  readonly byRow: SparseLists;
  readonly byColumn: SparseLists;
  /** Starts a product by B (k×m) into C (`cRows`×m). */
  begin(B: Float64Array, k: number, m: number, C: Float64Array, cRows: number): void;
  /** C[c0+i] (+)= list i times B, for i < count (sparseTimesDense). */
  add(lists: SparseLists, count: number, c0: number, accumulate: boolean): void;
  /** Makes C hold the result. */
  end(): void;
}

export type KernelName = 'webassembly' | 'typescript';

/** The TypeScript loops: they read B and write C where they are. */
function typescriptEngine(): Engine {
  let [B, C, m]: [Float64Array, Float64Array, number] = [new Float64Array(0), new Float64Array(0), 0];
  return {
    byRow: emptyLists(),
    byColumn: emptyLists(),
    begin(b, _k, width, c) {
      [B, C, m] = [b, c, width];
    },
    add(lists, count, c0, accumulate) {
      sparseTimesDense(lists, count, B, m, C, c0, accumulate);
    },
    end() {},
  };
}

/** Operand entries (B and C each) the WebAssembly memory holds; larger products use TypeScript. */
const SIMD_OPERAND_ENTRIES = 1 << 20;

/**
 * The WebAssembly kernel over its fixed memory, laid out as: row lists, column lists (each
 * SCRATCH_ENTRIES entries), B, then C. Lists are gathered straight into that memory; B is
 * copied in before a product and C copied out after it.
 */
function webassemblyEngine(wasm: KernelInstance): Engine | null {
  const memory = wasm.exports.memory.buffer;
  const kernel = wasm.exports.sparseTimesDense;
  let offset = 0;
  const take = <T>(make: (at: number) => T, bytes: number): T => {
    const at = offset;
    offset += Math.ceil(bytes / 16) * 16;
    return make(at);
  };
  const listsAt = (): SparseLists => ({
    start: take((at) => new Int32Array(memory, at, SCRATCH_ENTRIES + 1), 4 * (SCRATCH_ENTRIES + 1)),
    index: take((at) => new Int32Array(memory, at, SCRATCH_ENTRIES), 4 * SCRATCH_ENTRIES),
    value: take((at) => new Float64Array(memory, at, SCRATCH_ENTRIES), 8 * SCRATCH_ENTRIES),
  });
  const byRow = listsAt();
  const byColumn = listsAt();
  const bRegion = take((at) => new Float64Array(memory, at, SIMD_OPERAND_ENTRIES), 8 * SIMD_OPERAND_ENTRIES);
  const cRegion = take((at) => new Float64Array(memory, at, SIMD_OPERAND_ENTRIES), 8 * SIMD_OPERAND_ENTRIES);
  if (offset > memory.byteLength) return null;
  let [C, cEntries, m]: [Float64Array, number, number] = [new Float64Array(0), 0, 0];
  return {
    byRow,
    byColumn,
    begin(B, k, width, c, cRows) {
      [C, cEntries, m] = [c, cRows * width, width];
      bRegion.set(B.subarray(0, k * width));
    },
    add(lists, count, c0, accumulate) {
      const { start, index, value } = lists;
      // engineFor sends only products whose lists fit the fixed memory, so reserve() never moved them out.
      if (value.buffer !== memory || start.buffer !== memory) throw new Error('kernels: lists outside the WebAssembly memory');
      kernel(start.byteOffset, index.byteOffset, value.byteOffset, count, bRegion.byteOffset, m, cRegion.byteOffset + 8 * c0 * m, accumulate ? 1 : 0);
    },
    end() {
      C.set(cRegion.subarray(0, cEntries));
    },
  };
}

/** What kernels.wasm exports: its memory, and the kernel (byte offsets and sizes in, nothing out). */
interface KernelInstance {
  exports: { memory: { buffer: ArrayBuffer }; sparseTimesDense: (...args: number[]) => void };
}

/** The little of the WebAssembly API used here (the TypeScript libs this project compiles with do not describe it). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => KernelInstance;
}

/** kernels.wasm, when `npm install` built it and this Node has WebAssembly SIMD. */
function loadWebassembly(): Engine | null {
  const path = new URL('./kernels.wasm', import.meta.url);
  if (!existsSync(path)) return null;
  try {
    const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
    return webassemblyEngine(new Instance(new Module(readFileSync(path))));
  } catch {
    return null; // an old runtime without SIMD, or a damaged file: the TypeScript loops serve
  }
}

const engines: Partial<Record<KernelName, Engine>> = { typescript: typescriptEngine() };
const simd = loadWebassembly();
if (simd) engines.webassembly = simd;
let preferred: KernelName = simd ? 'webassembly' : 'typescript';

/** The kernels products use: WebAssembly when kernels.wasm is built, else TypeScript. */
export function activeKernels(): KernelName {
  return preferred;
}

/** The kernels that can run here (for tests and benchmarks that compare them). */
export function availableKernels(): KernelName[] {
  return Object.keys(engines) as KernelName[];
}

/** Chooses the kernels (both give identical numbers); throws when `name` cannot run here. */
export function useKernels(name: KernelName): void {
  if (!engines[name]) throw new Error(`useKernels: the ${name} kernels are not available (is katas/lib/kernels.wasm built? run npm install)`);
  preferred = name;
}

/** The engine for a product whose lists are `width` wide and whose B and C have the given sizes. */
function engineFor(width: number, bEntries: number, cEntries: number): Engine {
  const wasm = engines.webassembly;
  const fits = width <= SCRATCH_ENTRIES && bEntries <= SIMD_OPERAND_ENTRIES && cEntries <= SIMD_OPERAND_ENTRIES;
  return preferred === 'webassembly' && wasm && fits ? wasm : (engines.typescript as Engine);
}

/** Module-level room for Bᵀ in multiplyTransB, grown as needed. */
let transposed = new Float64Array(0);

/** Bᵀ (cols×rows) of the row-major rows×cols B, in reused scratch space. */
function transposeOf(B: Float64Array, rows: number, cols: number): Float64Array {
  if (transposed.length < rows * cols) transposed = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) transposed[j * rows + i] = B[base + j];
  }
  return transposed;
}

/** C = A·B. A is n×k, B is k×m, C is n×m (all row-major); C is overwritten. */
export function multiply(A: Float64Array, B: Float64Array, C: Float64Array, n: number, k: number, m: number): void {
  // Row i of C is a combination of the rows of B, weighted by the nonzeros of row i of A.
  const engine = engineFor(k, k * m, n * m);
  engine.begin(B, k, m, C, n);
  const step = chunkRows(k);
  for (let r0 = 0; r0 < n; r0 += step) {
    const r1 = Math.min(n, r0 + step);
    engine.add(gatherRows(A, k, r0, r1, engine.byRow), r1 - r0, r0, false);
  }
  engine.end();
}

/** C = Aᵀ·B. A is k×n, B is k×m, C is n×m; C is overwritten. */
export function multiplyTransA(A: Float64Array, B: Float64Array, C: Float64Array, k: number, n: number, m: number): void {
  if (k === 0) {
    C.fill(0, 0, n * m);
    return;
  }
  // Row i of C combines the rows of B weighted by column i of A: list A's nonzeros by column.
  // Chunks of A's rows (the shared dimension) add into C after the first.
  const engine = engineFor(n, k * m, n * m);
  engine.begin(B, k, m, C, n);
  const step = chunkRows(n);
  for (let p0 = 0; p0 < k; p0 += step) {
    const p1 = Math.min(k, p0 + step);
    engine.add(gatherColumns(A, n, p0, p1, engine.byColumn), n, 0, p0 > 0);
  }
  engine.end();
}

/** C = A·Bᵀ. A is n×k, B is m×k, C is n×m; C is overwritten. */
export function multiplyTransB(A: Float64Array, B: Float64Array, C: Float64Array, n: number, k: number, m: number): void {
  // Entry (i, j) is row i of A times row j of B: A times Bᵀ, made once (a pass over B, little
  // next to the product) so that the one row-times-matrix loop serves all three products.
  multiply(A, transposeOf(B, m, k), C, n, k, m);
}
