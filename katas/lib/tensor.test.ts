/** The tensor toolkit: layout, views, nested conversion, and errors that name the shapes. */
import { describe, expect, test } from 'vitest';
import { fromNested, get4, isTensor, offset4, reshape, sizeOf, tensor, tensorShape, toNested, zerosTensor } from './tensor.ts';

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
