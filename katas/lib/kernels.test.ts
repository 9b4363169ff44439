/**
 * The product kernels, WebAssembly and TypeScript alike, against the textbook triple loop, on
 * shapes that exercise every branch: odd sizes (the 8-wide, 2-wide and single-column tails),
 * empty dimensions, zero-heavy inputs (the sparse path), inputs big enough to be done in chunks
 * (and too big for the WebAssembly memory), outputs holding stale numbers; their one documented
 * IEEE deviation (a zero of A skips NaN and ∞ in B); and identical bits from both.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { activeKernels, availableKernels, multiply, multiplyTransA, multiplyTransB, useKernels } from './kernels.ts';
import { createRng, type Rng } from './random.ts';

/** The definition: C[i][j] = Σ_p A[i][p]·B[p][j] (A n×k, B k×m), summed in index order. */
function naive(A: Float64Array, B: Float64Array, n: number, k: number, m: number): Float64Array {
  const C = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += A[i * k + p] * B[p * m + j];
      C[i * m + j] = sum;
    }
  }
  return C;
}

function transposed(A: Float64Array, rows: number, cols: number): Float64Array {
  const T = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) T[j * rows + i] = A[i * cols + j];
  return T;
}

/** rows×cols random numbers in [−2, 2), about `zeroFraction` of them exactly 0. */
function random(rows: number, cols: number, rng: Rng, zeroFraction: number): Float64Array {
  return Float64Array.from({ length: rows * cols }, () => (rng() < zeroFraction ? 0 : rng() * 4 - 2));
}

function expectClose(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (Math.abs(actual[i] - expected[i]) > 1e-12 * Math.max(1, Math.abs(expected[i]))) {
      expect.fail(`entry ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/** All three kernels computing A·B (the transposed ones given their operand transposed), into stale outputs. */
function allThree(A: Float64Array, B: Float64Array, n: number, k: number, m: number): Float64Array[] {
  const stale = (): Float64Array => new Float64Array(n * m).fill(Number.NaN);
  const [c1, c2, c3] = [stale(), stale(), stale()];
  multiply(A, B, c1, n, k, m);
  multiplyTransA(transposed(A, n, k), B, c2, k, n, m);
  multiplyTransB(A, transposed(B, k, m), c3, n, k, m);
  return [c1, c2, c3];
}

const built = activeKernels();
afterAll(() => useKernels(built));

test('npm install has built the WebAssembly kernels, and products use them', () => {
  expect(availableKernels()).toEqual(['typescript', 'webassembly']);
  expect(built).toBe('webassembly');
});

test('both kernels give identical bits on the MNIST trainer\'s shapes', () => {
  const rng = createRng(7);
  const A = random(32, 784, rng, 0.81);
  const B = random(784, 128, rng, 0);
  const results = availableKernels().map((name) => {
    useKernels(name);
    return allThree(A, B, 32, 784, 128);
  });
  useKernels(built);
  expect(results[1]).toEqual(results[0]);
});

const SIZES = [0, 1, 2, 3, 7, 8, 9, 10, 17, 33];

describe.each(availableKernels())('the %s kernels equal the triple loop', (name) => {
  const rng = createRng(2024);
  beforeAll(() => useKernels(name));
  for (const zeroFraction of [0, 0.5, 0.81, 1]) {
    test(`random shapes, ${zeroFraction * 100}% zeros in A, stale numbers in C`, () => {
      for (let trial = 0; trial < 60; trial++) {
        const [n, k, m] = [0, 0, 0].map(() => SIZES[Math.floor(rng() * SIZES.length)]);
        const A = random(n, k, rng, zeroFraction);
        const B = random(k, m, rng, 0.2);
        const expected = naive(A, B, n, k, m);
        for (const C of allThree(A, B, n, k, m)) expectClose(C, expected);
      }
    });
  }

  test('the MNIST trainer\'s shapes (32×784 by 784×128, 81% zeros)', () => {
    const A = random(32, 784, rng, 0.81);
    const B = random(784, 128, rng, 0);
    const expected = naive(A, B, 32, 784, 128);
    for (const C of allThree(A, B, 32, 784, 128)) expectClose(C, expected);
  });

  test('products too big for the scratch space are done in chunks, with the same result', () => {
    // 300,000 entries per row (or column) exceed the 2^18-entry scratch space, so each product
    // gathers one row at a time and multiplyTransA adds its chunks together.
    const wide = 300_000;
    const A = random(3, wide, rng, 0.9);
    const B = random(wide, 2, rng, 0);
    const expected = naive(A, B, 3, wide, 2);
    for (const C of allThree(A, B, 3, wide, 2)) expectClose(C, expected);
  });

  test('inputs are not modified', () => {
    const A = random(5, 6, rng, 0.5);
    const B = random(6, 9, rng, 0);
    const before = [A.slice(), B.slice()];
    multiply(A, B, new Float64Array(45), 5, 6, 9);
    multiplyTransA(A, random(5, 9, rng, 0), new Float64Array(54), 5, 6, 9);
    multiplyTransB(A, random(9, 6, rng, 0), new Float64Array(45), 5, 6, 9);
    expect([A, B]).toEqual(before);
  });
});

describe.each(availableKernels())('NaN and ∞ with the %s kernels (the documented deviation from IEEE)', (name) => {
  beforeAll(() => useKernels(name));
  // A = [NaN 0; 2 0], B = [1; ∞]. IEEE (numpy) gives [NaN; NaN]: NaN·1 and 2·1 + 0·∞ = NaN.
  const A = Float64Array.of(Number.NaN, 0, 2, 0);
  const B = Float64Array.of(1, Number.POSITIVE_INFINITY);

  test('a NaN in A reaches the output; a zero in A skips the ∞ in B (2, where IEEE gives NaN)', () => {
    for (const C of allThree(A, B, 2, 2, 1)) {
      expect(C[0]).toBeNaN();
      expect(C[1]).toBe(2);
    }
  });

  test('NaN and ∞ in B spread as usual where A is nonzero', () => {
    const full = Float64Array.of(1, 1);
    for (const C of allThree(full, Float64Array.of(1, Number.NaN), 1, 2, 1)) expect(C[0]).toBeNaN();
    for (const C of allThree(full, Float64Array.of(1, Number.POSITIVE_INFINITY), 1, 2, 1)) expect(C[0]).toBe(Number.POSITIVE_INFINITY);
  });
});
