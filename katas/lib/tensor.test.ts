/** The tensor toolkit: layout, views, nested conversion, and errors that name the shapes. */
import { describe, expect, test } from 'vitest';
import { col2im, fromNested, get4, im2col, isTensor, offset4, reshape, sizeOf, tensor, tensorShape, toNested, zerosTensor } from './tensor.ts';

describe('tensor', () => {
  test('zeros, size and shape text', () => {
    const t = zerosTensor([2, 3, 4, 5]);
    expect(t.data.length).toBe(120);
    expect(sizeOf([2, 3, 4, 5])).toBe(120);
    expect(sizeOf([])).toBe(1);
    expect(tensorShape(t)).toBe('2×3×4×5');
    expect(isTensor(t)).toBe(true);
    expect(isTensor({ shape: [2, 2], data: new Float64Array(3) })).toBe(false);
    expect(isTensor({ rows: 2, cols: 2, data: new Float64Array(4) })).toBe(false);
  });

  test('tensor uses data as is and checks its length', () => {
    const data = Float64Array.from([1, 2, 3, 4, 5, 6]);
    expect(tensor([2, 3], data).data).toBe(data);
    expect(() => tensor([2, 2], data)).toThrow(/2×2.*4 entries.*6/);
    expect(() => tensor([2, -1])).toThrow(/2×-1/);
  });

  test('offset4 is NCHW row-major order', () => {
    const t = zerosTensor([2, 3, 4, 5]);
    let k = 0;
    for (let n = 0; n < 2; n++)
      for (let c = 0; c < 3; c++)
        for (let h = 0; h < 4; h++)
          for (let w = 0; w < 5; w++) {
            expect(offset4(t, n, c, h, w)).toBe(k);
            t.data[k] = k;
            expect(get4(t, n, c, h, w)).toBe(k);
            k++;
          }
  });

  test('reshape is a view sharing the data, with one inferred size', () => {
    const t = fromNested([[[[1, 2], [3, 4]]], [[[5, 6], [7, 8]]]]);
    expect(t.shape).toEqual([2, 1, 2, 2]);
    const r = reshape(t, [2, -1]);
    expect(r.shape).toEqual([2, 4]);
    expect(r.data).toBe(t.data);
    r.data[0] = 9;
    expect(get4(t, 0, 0, 0, 0)).toBe(9);
    expect(() => reshape(t, [3, -1])).toThrow(/2×1×2×2.*3×-1/);
    expect(() => reshape(t, [3, 3])).toThrow(/2×1×2×2.*3×3/);
    expect(() => reshape(t, [-1, -1])).toThrow(/-1/);
  });

  test('fromNested and toNested are inverses; ragged arrays throw', () => {
    const nested = [[[1, 2, 3], [4, 5, 6]]];
    const t = fromNested(nested);
    expect(t.shape).toEqual([1, 2, 3]);
    expect([...t.data]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(toNested(t)).toEqual(nested);
    expect(fromNested(7).shape).toEqual([]);
    expect(fromNested([]).shape).toEqual([0]);
    expect(() => fromNested([[1, 2], [3]])).toThrow(/ragged/);
  });
});

describe('im2col and col2im', () => {
  const pattern = (shape: number[]) => tensor(shape, Float64Array.from({ length: sizeOf(shape) }, (_, k) => ((k * 7) % 13) - 6 + k / 100));

  test('each row is one window, in the order (c, p, q), with zeros in the padding', () => {
    const x = fromNested([[[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]]);
    const cols = im2col(x, { KH: 2, KW: 2, stride: 1, padding: 0, OH: 2, OW: 2 });
    expect([cols.rows, cols.cols]).toEqual([4, 4]);
    expect([...cols.data]).toEqual([1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9]);
    const padded = im2col(x, { KH: 3, KW: 3, stride: 2, padding: 1, OH: 2, OW: 2 });
    expect([...padded.data.subarray(0, 9)]).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]); // window at (−1, −1)
    expect([...padded.data.subarray(27, 36)]).toEqual([5, 6, 0, 8, 9, 0, 0, 0, 0]); // window at (1, 1)
  });

  test('matches the definition on several images, channels, strides and paddings', () => {
    for (const [N, C, H, W, K, stride, padding] of [[2, 3, 5, 4, 3, 1, 1], [1, 2, 6, 5, 3, 2, 1], [3, 1, 4, 4, 2, 2, 0]]) {
      const x = pattern([N, C, H, W]);
      const OH = Math.floor((H + 2 * padding - K) / stride) + 1;
      const OW = Math.floor((W + 2 * padding - K) / stride) + 1;
      const cols = im2col(x, { KH: K, KW: K, stride, padding, OH, OW });
      expect([cols.rows, cols.cols]).toEqual([N * OH * OW, C * K * K]);
      let k = 0;
      for (let n = 0; n < N; n++)
        for (let i = 0; i < OH; i++)
          for (let j = 0; j < OW; j++)
            for (let c = 0; c < C; c++)
              for (let p = 0; p < K; p++)
                for (let q = 0; q < K; q++) {
                  const [h, w] = [i * stride + p - padding, j * stride + q - padding];
                  expect(cols.data[k++]).toBe(h < 0 || h >= H || w < 0 || w >= W ? 0 : get4(x, n, c, h, w));
                }
    }
  });

  test('col2im is the adjoint of im2col: ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩, so it adds where windows overlap', () => {
    const shape = [2, 2, 5, 6];
    const windows = { KH: 3, KW: 3, stride: 1, padding: 1, OH: 5, OW: 6 };
    const x = pattern(shape);
    const cols = im2col(x, windows);
    const y = { rows: cols.rows, cols: cols.cols, data: Float64Array.from(cols.data, (_, k) => Math.sin(k)) };
    const back = col2im(y, shape, windows);
    expect(back.shape).toEqual(shape);
    let left = 0;
    let right = 0;
    for (let k = 0; k < cols.data.length; k++) left += cols.data[k] * y.data[k];
    for (let k = 0; k < x.data.length; k++) right += x.data[k] * back.data[k];
    expect(left).toBeCloseTo(right, 9);
    const ones = col2im({ rows: cols.rows, cols: cols.cols, data: new Float64Array(cols.data.length).fill(1) }, shape, windows);
    expect(get4(ones, 0, 0, 0, 0)).toBe(4); // a corner is in 4 windows of a 3×3 kernel, padding 1
    expect(get4(ones, 0, 0, 2, 2)).toBe(9);
    expect(() => col2im(y, [2, 3, 5, 6], windows)).toThrow(/col2im: cols is 60×18 but 2×3×5×6/);
  });
});
