/**
 * A small row-major float64 tensor: the few operations the image katas need.
 *
 * A `Tensor` is a plain object `{ shape, data }`; the entry at index (i₀, i₁, …) sits at
 * `data[((i₀·s₁ + i₁)·s₂ + i₂)…]`, numpy's C order. Images are NCHW: a batch of N images of C
 * channels, H rows and W columns, like PyTorch's `F.conv2d` input; the entry (n, c, h, w) is at
 * `offset4(t, n, c, h, w)`. Plain loops over these indices are all a kata needs.
 *
 * 中文：一个按行主序存储的 float64 小张量：图像类 kata 需要的少数几个操作。`Tensor` 是普通对象
 * `{ shape, data }`；下标 (i₀, i₁, …) 的元素位于 `data[((i₀·s₁ + i₁)·s₂ + i₂)…]`，即 numpy 的 C 顺序。
 * 图像采用 NCHW：一批 N 张图，每张 C 个通道、H 行、W 列，与 PyTorch 的 `F.conv2d` 输入相同；
 * 元素 (n, c, h, w) 位于 `offset4(t, n, c, h, w)`。kata 只需要在这些下标上写普通循环。
 */

import { matrix, type Matrix } from './matrix.ts';

export interface Tensor {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/**
 * The number of entries of a shape: the product of its sizes (1 for the empty shape).
 *
 * 中文：一个形状的元素个数：各维大小之积（空形状为 1）。
 */
export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const s of shape) size *= s;
  return size;
}

/**
 * "2×3×28×28", the way tensor shapes are written in every message.
 *
 * 中文："2×3×28×28"：所有消息里张量形状的写法。
 */
export function tensorShape(t: Tensor | readonly number[]): string {
  const shape = Array.isArray(t) ? (t as readonly number[]) : (t as Tensor).shape;
  return shape.join('×');
}

/**
 * True when `value` is a well-formed Tensor: a shape of non-negative integers and a
 * Float64Array with exactly that many entries.
 *
 * 中文：当 `value` 是格式正确的 Tensor 时为 true：形状由非负整数组成，且 data 是元素个数恰好相符的 Float64Array。
 */
export function isTensor(value: unknown): value is Tensor {
  if (typeof value !== 'object' || value === null) return false;
  const t = value as Partial<Tensor>;
  return (
    Array.isArray(t.shape) &&
    t.shape.every((s) => Number.isInteger(s) && s >= 0) &&
    t.data instanceof Float64Array &&
    t.data.length === sizeOf(t.shape)
  );
}

/**
 * A tensor of the given shape. Without `data` it is all zeros; `data` is used as is (not
 * copied) and must have exactly as many entries as the shape.
 *
 * 中文：给定形状的张量。不传 `data` 时全为 0；传入的 `data` 直接使用（不复制），其元素个数必须与形状相符。
 */
export function tensor(shape: readonly number[], data?: Float64Array): Tensor {
  if (!shape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new Error(`tensor: the shape ${tensorShape(shape)} must be made of non-negative integers`);
  }
  const size = sizeOf(shape);
  if (data !== undefined && data.length !== size) {
    throw new Error(`tensor: a ${tensorShape(shape)} tensor has ${size} entries, but data has ${data.length}`);
  }
  return { shape: [...shape], data: data ?? new Float64Array(size) };
}

/**
 * A tensor of zeros. numpy: `np.zeros(shape)`.
 *
 * 中文：全零张量。numpy：`np.zeros(shape)`。
 */
export function zerosTensor(shape: readonly number[]): Tensor {
  return tensor(shape);
}

/**
 * The flat index of entry (n, c, h, w) of a 4-D tensor: ((n·C + c)·H + h)·W + w. No bounds
 * check (it sits in the inner loops).
 *
 * 中文：四维张量中元素 (n, c, h, w) 的一维下标：((n·C + c)·H + h)·W + w。不检查越界（它在最内层循环里）。
 */
export function offset4(t: Tensor, n: number, c: number, h: number, w: number): number {
  const s = t.shape;
  return ((n * s[1] + c) * s[2] + h) * s[3] + w;
}

/**
 * The entry (n, c, h, w) of a 4-D tensor.
 *
 * 中文：四维张量的元素 (n, c, h, w)。
 */
export function get4(t: Tensor, n: number, c: number, h: number, w: number): number {
  return t.data[offset4(t, n, c, h, w)];
}

/**
 * A view of `t` with another shape of the same size: it shares `t.data` (writing into one
 * writes into the other), like numpy's `reshape` on a contiguous array. One size may be −1:
 * it is inferred.
 *
 * 中文：`t` 换一个形状的视图，元素个数不变：与 `t` 共享 `t.data`（写入一个就改了另一个），如同 numpy
 * 对连续数组的 `reshape`。可以有一维写成 −1，由其余各维推出。
 */
export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  const known = shape.filter((s) => s !== -1);
  const unknown = shape.length - known.length;
  const size = t.data.length;
  let resolved = [...shape];
  if (unknown > 1) throw new Error(`reshape: at most one size of ${tensorShape(shape)} may be -1`);
  if (unknown === 1) {
    const rest = sizeOf(known);
    if (rest === 0 || size % rest !== 0) {
      throw new Error(`reshape: cannot view ${tensorShape(t)} as ${tensorShape(shape)}`);
    }
    resolved = shape.map((s) => (s === -1 ? size / rest : s));
  }
  if (sizeOf(resolved) !== size || !resolved.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new Error(`reshape: cannot view ${tensorShape(t)} (${size} entries) as ${tensorShape(shape)}`);
  }
  return { shape: resolved, data: t.data };
}

/**
 * Nested arrays of numbers, as JSON fixtures and `toNested` write tensors.
 *
 * 中文：嵌套的数字数组，即 JSON 测试数据和 `toNested` 表示张量的写法。
 */
export type Nested = number | Nested[];

/**
 * A tensor from nested arrays (`[[[[1, 2], [3, 4]]]]` is 1×1×2×2), the way fixtures store
 * them. Ragged arrays throw.
 *
 * 中文：由嵌套数组构造张量（`[[[[1, 2], [3, 4]]]]` 是 1×1×2×2），基准数据就是这样存储张量的。长短不齐的数组会抛出错误。
 */
export function fromNested(nested: Nested): Tensor {
  const shape: number[] = [];
  for (let level: Nested = nested; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const data = new Float64Array(sizeOf(shape));
  let k = 0;
  const walk = (value: Nested, depth: number): void => {
    if (depth === shape.length) {
      if (typeof value !== 'number') throw new Error(`fromNested: expected a number at depth ${depth}`);
      data[k++] = value;
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) {
      throw new Error(`fromNested: ragged nested arrays (expected ${shape[depth]} entries at depth ${depth})`);
    }
    for (const item of value) walk(item, depth + 1);
  };
  walk(nested, 0);
  return { shape, data };
}

/**
 * The tensor as nested arrays, the inverse of `fromNested` (handy to print a small tensor).
 *
 * 中文：把张量转成嵌套数组，是 `fromNested` 的逆操作（方便打印小张量）。
 */
export function toNested(t: Tensor): Nested {
  let k = 0;
  const build = (depth: number): Nested => {
    if (depth === t.shape.length) return t.data[k++];
    return Array.from({ length: t.shape[depth] }, () => build(depth + 1));
  };
  return build(0);
}

/**
 * Where a convolution's windows sit: KH×KW windows whose top-left corners are
 * (i·stride − padding, j·stride − padding) for the OH×OW output positions (i, j). The parts of a
 * window outside the image are padding: zeros.
 *
 * 中文：卷积窗口的位置：KH×KW 的窗口，对 OH×OW 个输出位置 (i, j)，窗口左上角在
 * (i·stride − padding, j·stride − padding)。窗口落在图像外的部分是填充：全是 0。
 */
export interface Windows {
  KH: number;
  KW: number;
  stride: number;
  padding: number;
  OH: number;
  OW: number;
}

/**
 * The windows of an N×C×H×W tensor as the rows of a matrix ("image to columns"): row
 * (n·OH + i)·OW + j holds the window of output position (i, j) of image n, every channel,
 * flattened in the order (c, p, q) of a filter F×C×KH×KW; entries in the padding are 0. A
 * convolution is then one matrix product: out rows = cols · wᵀ with w viewed as F×(C·KH·KW).
 * PyTorch: `F.unfold(x, (KH, KW), padding=padding, stride=stride)`, transposed to rows.
 *
 * 中文：把 N×C×H×W 张量的各个窗口排成矩阵的行（im2col）：第 (n·OH + i)·OW + j 行是第 n 张图输出位置
 * (i, j) 的窗口，包含所有通道，按滤波器 F×C×KH×KW 的 (c, p, q) 顺序展平；落在填充区的元素为 0。
 * 这样卷积就是一次矩阵乘法：输出的行 = cols · wᵀ，其中 w 看成 F×(C·KH·KW)。PyTorch：
 * `F.unfold(x, (KH, KW), padding=padding, stride=stride)` 转置成行。
 * @returns a new (N·OH·OW)×(C·KH·KW) matrix
 *   中文：一个新的 (N·OH·OW)×(C·KH·KW) 矩阵
 */
export function im2col(x: Tensor, windows: Windows): Matrix {
  const [N, C, H, W] = x.shape;
  const { KH, KW, stride, padding, OH, OW } = windows;
  const width = C * KH * KW;
  const cols = matrix(N * OH * OW, width);
  const xd = x.data;
  const cd = cols.data;
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        let k = ((n * OH + i) * OW + j) * width;
        for (let c = 0; c < C; c++) {
          for (let p = 0; p < KH; p++) {
            const h = i * stride + p - padding;
            if (h < 0 || h >= H) {
              // A padding row: its zeros are already there. 中文：填充行：0 已经在那里了。
              k += KW;
              continue;
            }
            const base = ((n * C + c) * H + h) * W;
            for (let q = 0; q < KW; q++, k++) {
              const col = j * stride + q - padding;
              if (col >= 0 && col < W) cd[k] = xd[base + col];
            }
          }
        }
      }
    }
  }
  return cols;
}

/**
 * The inverse direction of `im2col` ("columns to image"): a new tensor of `shape` N×C×H×W where
 * every entry of `cols` is added to the position of x it was read from; entries that fell in
 * the padding are dropped, and positions that several windows share get the sum. This is how a
 * convolution sends the gradient of its windows back to x. PyTorch: `F.fold`.
 *
 * 中文：`im2col` 的反方向（col2im）：返回形状为 `shape`（N×C×H×W）的新张量，`cols` 的每个元素加回到
 * 它在 x 中被读取的位置；落在填充区的元素丢弃，多个窗口共享的位置得到它们的和。卷积就是这样把窗口上的
 * 梯度送回 x 的。PyTorch：`F.fold`。
 */
export function col2im(cols: Matrix, shape: readonly number[], windows: Windows): Tensor {
  const [N, C, H, W] = shape;
  const { KH, KW, stride, padding, OH, OW } = windows;
  const width = C * KH * KW;
  if (cols.rows !== N * OH * OW || cols.cols !== width) {
    throw new Error(`col2im: cols is ${cols.rows}×${cols.cols} but ${tensorShape(shape)} with these windows needs ${N * OH * OW}×${width}`);
  }
  const x = zerosTensor(shape);
  const xd = x.data;
  const cd = cols.data;
  for (let n = 0; n < N; n++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        let k = ((n * OH + i) * OW + j) * width;
        for (let c = 0; c < C; c++) {
          for (let p = 0; p < KH; p++) {
            const h = i * stride + p - padding;
            if (h < 0 || h >= H) {
              k += KW;
              continue;
            }
            const base = ((n * C + c) * H + h) * W;
            for (let q = 0; q < KW; q++, k++) {
              const col = j * stride + q - padding;
              if (col >= 0 && col < W) xd[base + col] += cd[k];
            }
          }
        }
      }
    }
  }
  return x;
}
