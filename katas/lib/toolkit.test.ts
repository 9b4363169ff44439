/** The toolkit's semantics, checked against numpy-style definitions written out longhand. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  add,
  addRowVector,
  argmaxRows,
  clone,
  fromRows,
  map,
  matmul,
  matmulTransA,
  matmulTransB,
  meanRows,
  mul,
  scale,
  sub,
  sumRows,
  takeRows,
  toRows,
  transpose,
  zeros,
  type Matrix,
} from './matrix.ts';
import { createRng, normal, normalMatrix, permutation } from './random.ts';

/** The textbook triple loop, as the definition the fast kernels must agree with. */
function naiveMatmul(a: Matrix, b: Matrix): Matrix {
  const c = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++)
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.data[i * a.cols + k] * b.data[k * b.cols + j];
      c.data[i * b.cols + j] = s;
    }
  return c;
}

function expectClose(a: Matrix, b: Matrix): void {
  expect([a.rows, a.cols]).toEqual([b.rows, b.cols]);
  for (let i = 0; i < a.data.length; i++) expect(a.data[i]).toBeCloseTo(b.data[i], 10);
}

const shape = fc.integer({ min: 1, max: 9 });

describe('matrix products', () => {
  test('matmul, matmulTransA and matmulTransB agree with the definition on random shapes', () => {
    fc.assert(
      fc.property(shape, shape, shape, fc.integer(), (n, k, m, seed) => {
        const rng = createRng(seed);
        const a = normalMatrix(n, k, rng);
        const b = normalMatrix(k, m, rng);
        // Zero entries are skipped by the kernels: make sure that shortcut is exact.
        a.data[0] = 0;
        expectClose(matmul(a, b), naiveMatmul(a, b));
        expectClose(matmulTransA(transpose(a), b), naiveMatmul(a, b));
        expectClose(matmulTransB(a, transpose(b)), naiveMatmul(a, b));
      }),
      { numRuns: 60 },
    );
  });

  test('an out matrix is filled in place, and a wrong one is refused', () => {
    const a = fromRows([[1, 2], [3, 4]]);
    const out = zeros(2, 2);
    out.data.fill(99);
    expect(matmul(a, a, out)).toBe(out);
    expect(toRows(out)).toEqual([[7, 10], [15, 22]]);
    expect(() => matmul(a, a, zeros(3, 2))).toThrow('matmul: out is 3×2 but the result is 2×2');
  });

  test('shape mismatches name both shapes', () => {
    expect(() => matmul(zeros(4, 3), zeros(5, 2))).toThrow('matmul: cannot multiply 4×3 by 5×2 (inner sizes 3 and 5 differ)');
    expect(() => matmulTransA(zeros(4, 3), zeros(5, 2))).toThrow('(4×3)ᵀ by 5×2');
    expect(() => matmulTransB(zeros(4, 3), zeros(5, 2))).toThrow('4×3 by (5×2)ᵀ');
    expect(() => add(zeros(2, 3), zeros(3, 2))).toThrow('add: shapes 2×3 and 3×2 differ');
    expect(() => addRowVector(zeros(2, 3), new Float64Array(2))).toThrow('a vector of 2 entries to each row of 2×3');
  });
});

describe('elementwise, broadcasting and reductions', () => {
  const a = fromRows([[1, -2, 3], [4, 5, -6]]);
  const b = fromRows([[0.5, 1, 2], [-1, 0, 3]]);

  test('add, sub, mul, scale and map work entry by entry', () => {
    expect(toRows(add(a, b))).toEqual([[1.5, -1, 5], [3, 5, -3]]);
    expect(toRows(sub(a, b))).toEqual([[0.5, -3, 1], [5, 5, -9]]);
    expect(toRows(mul(a, b))).toEqual([[0.5, -2, 6], [-4, 0, -18]]);
    expect(toRows(scale(a, 2))).toEqual([[2, -4, 6], [8, 10, -12]]);
    expect(toRows(map(a, (x, i, j) => x * 10 + i + j))).toEqual([[10, -19, 32], [41, 52, -57]]);
  });

  test('addRowVector broadcasts over rows; sumRows and meanRows reduce them', () => {
    expect(toRows(addRowVector(a, Float64Array.from([1, 2, 3])))).toEqual([[2, 0, 6], [5, 7, -3]]);
    expect(Array.from(sumRows(a))).toEqual([5, 3, -3]);
    expect(Array.from(meanRows(a))).toEqual([2.5, 1.5, -1.5]);
  });

  test('transpose, argmaxRows and takeRows', () => {
    expect(toRows(transpose(a))).toEqual([[1, 4], [-2, 5], [3, -6]]);
    expect(Array.from(argmaxRows(a))).toEqual([2, 1]);
    expect(toRows(takeRows(a, [1, 0, 1]))).toEqual([[4, 5, -6], [1, -2, 3], [4, 5, -6]]);
    expect(() => takeRows(a, [2])).toThrow('row index 2 is outside 0..1');
  });

  test('inputs are never modified unless passed as out', () => {
    const before = clone(a);
    add(a, b);
    mul(a, b);
    transpose(a);
    sumRows(a);
    expect(a.data).toEqual(before.data);
    add(a, b, a);
    expect(toRows(a)).toEqual([[1.5, -1, 5], [3, 5, -3]]);
    a.data.set(before.data);
  });

  test('fromRows refuses ragged rows', () => {
    expect(() => fromRows([[1, 2], [3]])).toThrow('row 0 has 2 entries but row 1 has 1');
  });
});

describe('seeded random numbers', () => {
  test('the same seed gives the same sequence; another seed another', () => {
    const first = Array.from({ length: 5 }, createRng(42));
    expect(Array.from({ length: 5 }, createRng(42))).toEqual(first);
    expect(Array.from({ length: 5 }, createRng(43))).not.toEqual(first);
  });

  test('uniform values lie in [0, 1) with mean ½; normal values have mean 0 and variance 1', () => {
    const rng = createRng(7);
    const n = 100_000;
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = normal(rng);
      s1 += x;
      s2 += x * x;
    }
    expect(s1 / n).toBeCloseTo(0, 1);
    expect(s2 / n).toBeCloseTo(1, 1);
  });

  test('permutation contains every index exactly once', () => {
    const order = permutation(1000, createRng(1));
    expect(Array.from(order).sort((x, y) => x - y)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(Array.from(order.slice(0, 10))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
