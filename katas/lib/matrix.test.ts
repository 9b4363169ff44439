/**
 * The matrix products as the toolkit offers them: each computes A·B (the arithmetic itself is
 * tested in kernels.test.ts), fills a reused `out` entirely, leaves its inputs alone, and
 * names both shapes when they do not fit.
 */
import { describe, expect, test } from 'vitest';
import { matmul, matmulTransA, matmulTransB, matrix, transpose, type Matrix } from './matrix.ts';
import { createRng, type Rng } from './random.ts';

/** The reference: C[i][j] = Σ_p A[i][p]·B[p][j], summed in index order. */
function naiveMatmul(a: Matrix, b: Matrix): Matrix {
  const c = matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let sum = 0;
      for (let p = 0; p < a.cols; p++) sum += a.data[i * a.cols + p] * b.data[p * b.cols + j];
      c.data[i * b.cols + j] = sum;
    }
  }
  return c;
}

/** A random matrix in which about `zeroFraction` of the entries are exactly 0. */
function randomMatrix(rows: number, cols: number, rng: Rng, zeroFraction: number): Matrix {
  const m = matrix(rows, cols);
  for (let i = 0; i < m.data.length; i++) m.data[i] = rng() < zeroFraction ? 0 : rng() * 4 - 2;
  return m;
}

function expectClose(actual: Matrix, expected: Matrix): void {
  expect([actual.rows, actual.cols]).toEqual([expected.rows, expected.cols]);
  for (let i = 0; i < expected.data.length; i++) {
    const scale = Math.max(1, Math.abs(expected.data[i]));
    if (Math.abs(actual.data[i] - expected.data[i]) > 1e-12 * scale) {
      expect.fail(`entry ${i}: got ${actual.data[i]}, expected ${expected.data[i]}`);
    }
  }
}

describe('matrix products', () => {
  const rng = createRng(2024);

  test('the three products compute A·B, whichever operand they are given transposed', () => {
    const a = randomMatrix(7, 10, rng, 0.5);
    const b = randomMatrix(10, 9, rng, 0);
    const expected = naiveMatmul(a, b);
    expectClose(matmul(a, b), expected);
    expectClose(matmulTransA(transpose(a), b), expected);
    expectClose(matmulTransB(a, transpose(b)), expected);
  });

  test('a reused out is fully overwritten, stale numbers and all', () => {
    const a = randomMatrix(9, 13, rng, 0.6);
    const b = randomMatrix(13, 11, rng, 0);
    const expected = naiveMatmul(a, b);
    const stale = (): Matrix => matrix(9, 11, new Float64Array(99).fill(Number.NaN));
    expectClose(matmul(a, b, stale()), expected);
    expectClose(matmulTransA(transpose(a), b, stale()), expected);
    expectClose(matmulTransB(a, transpose(b), stale()), expected);
    const out = stale();
    expect(matmul(a, b, out)).toBe(out);
  });

  test('inputs are not modified', () => {
    const a = randomMatrix(5, 6, rng, 0.5);
    const b = randomMatrix(6, 9, rng, 0);
    const before = [Float64Array.from(a.data), Float64Array.from(b.data)];
    matmul(a, b);
    matmulTransA(transpose(a), b);
    matmulTransB(a, transpose(b));
    expect(a.data).toEqual(before[0]);
    expect(b.data).toEqual(before[1]);
  });
});

describe('matrix product errors name both shapes', () => {
  test('mismatched inner sizes', () => {
    expect(() => matmul(matrix(4, 3), matrix(5, 2))).toThrow('matmul: cannot multiply 4×3 by 5×2 (inner sizes 3 and 5 differ)');
    expect(() => matmulTransA(matrix(4, 3), matrix(5, 2))).toThrow('(4×3)ᵀ by 5×2');
    expect(() => matmulTransB(matrix(4, 3), matrix(5, 2))).toThrow('4×3 by (5×2)ᵀ');
  });

  test('an out of the wrong shape, or one of the inputs', () => {
    const a = matrix(2, 2);
    expect(() => matmul(a, a, matrix(3, 2))).toThrow('matmul: out is 3×2 but the result is 2×2');
    expect(() => matmul(a, matrix(2, 2), a)).toThrow('out must not be one of the inputs');
  });
});
