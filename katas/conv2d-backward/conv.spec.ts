/**
 * Spec for the conv2d-backward kata. Run it with `npm run grade -- conv`; the grader decides
 * which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import { createRng, normal, tensor, tensorShape, isTensor, fromNested, zerosTensor, type Nested, type Tensor } from '../lib/index.ts';
import {
  check,
  describeValue,
  expectProperty,
  expectThrowsMentioning,
  expectVectorClose,
  fail,
  fmt,
  fmtErr,
  fmtPair,
  gradcheck,
  fixtureCaseName,
  loadFixture,
  loadTarget,
  projectOnto,
  v,
  describe,
  test,
  say,
  withHint,
} from '../../grader/harness/index.ts';
import { harness as hm } from '../../grader/messages/harness.ts';
import type { ConvGradients } from './conv.ts';

type Impl = typeof import('./conv.ts');
const impl = await loadTarget<Impl>();
const { conv2dForward, conv2dBackward, maxPool2dForward, maxPool2dBackward } = impl;

const LIKE_X = say('N×C×H×W, like x (without the padding)', 'N×C×H×W，与 x 相同（不含填充）');
const LIKE_W = say('F×C×KH×KW, like w', 'F×C×KH×KW，与 w 相同');
const LIKE_OUT = say('N×F×OH×OW, OH = ⌊(H + 2·padding − KH)/stride⌋ + 1', 'N×F×OH×OW，OH = ⌊(H + 2·padding − KH)/stride⌋ + 1');
const LIKE_POOL = say('N×C×OH×OW, OH = ⌊(H − kernel)/stride⌋ + 1', 'N×C×OH×OW，OH = ⌊(H − kernel)/stride⌋ + 1');

/** `[n, c, h, w]` for a flat index of a tensor of this shape. */
function at(shape: readonly number[], k: number): string {
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(k % shape[d]);
    k = Math.floor(k / shape[d]);
  }
  return `[${idx.join(', ')}]`;
}

const close = (g: number, e: number): boolean => Math.abs(g - e) <= 1e-12 + 1e-9 * Math.abs(e);
const relErr = (g: number, e: number): number => Math.abs(g - e) / Math.max(Math.abs(g), Math.abs(e), 1e-300);

/** `got` must be a Tensor of `shape`; the message names both shapes and what the shape means. */
function expectShape(name: string, got: unknown, shape: readonly number[], hint: string): asserts got is Tensor {
  if (!isTensor(got)) {
    fail(say(
      `${name} should be a ${tensorShape(shape)} Tensor { shape, data } (${hint}), but it is ${describeValue(got)}.`,
      `${name} 应当是 ${tensorShape(shape)} 的 Tensor { shape, data }（${hint}），但它是 ${describeValue(got)}。`,
    ));
  }
  if (got.shape.length !== shape.length || got.shape.some((s, k) => s !== shape[k])) {
    fail(say(
      `${name} is ${tensorShape(got)}, but it must be ${tensorShape(shape)} (${hint}).`,
      `${name} 是 ${tensorShape(got)}，但必须是 ${tensorShape(shape)}（${hint}）。`,
    ));
  }
}

/** Compare entries (all, or the listed flat indices) and name the worst one as [n, c, h, w]. */
function compareData(name: string, got: Tensor, want: ArrayLike<number>, indices?: readonly number[]): void {
  let bad = 0;
  let worst = -1;
  let worstErr = -1;
  const ks = indices ?? Array.from({ length: want.length }, (_, k) => k);
  ks.forEach((k, j) => {
    const e = indices ? want[j] : want[k];
    const g = got.data[k];
    if (!Number.isFinite(g)) fail(hm.notFinite(`${name}${at(got.shape, k)}`, fmt(g), fmt(e)));
    if (!close(g, e)) {
      bad++;
      const err = relErr(g, e);
      if (err > worstErr) [worstErr, worst] = [err, j];
    }
  });
  if (bad > 0) {
    const k = ks[worst];
    const e = indices ? want[worst] : want[k];
    const [fe, fg] = fmtPair(e, got.data[k]);
    fail(hm.entriesDiffer(`${name}${at(got.shape, k)}`, fe, fg, bad, ks.length, fmtErr(worstErr)));
  }
}

function expectTensorClose(name: string, got: unknown, want: Tensor, hint: string): void {
  expectShape(name, got, want.shape, hint);
  compareData(name, got, want.data);
}

/** One convolution's inputs and an upstream gradient for its output. */
interface Conv {
  x: Tensor;
  w: Tensor;
  b: Float64Array;
  stride: number;
  padding: number;
  dout: Tensor;
}

const outSize = (h: number, k: number, stride: number, padding: number): number => Math.floor((h + 2 * padding - k) / stride) + 1;

function randomTensor(shape: number[], rng: () => number): Tensor {
  const t = zerosTensor(shape);
  for (let k = 0; k < t.data.length; k++) t.data[k] = normal(rng);
  return t;
}

/** A convolution with standard-normal entries. */
function randomConv(n: number, c: number, h: number, wd: number, f: number, kh: number, kw: number, stride: number, padding: number, seed: number): Conv {
  const rng = createRng(seed);
  const x = randomTensor([n, c, h, wd], rng);
  const w = randomTensor([f, c, kh, kw], rng);
  const b = Float64Array.from({ length: f }, () => normal(rng));
  const dout = randomTensor([n, f, outSize(h, kh, stride, padding), outSize(wd, kw, stride, padding)], rng);
  return { x, w, b, stride, padding, dout };
}

function forwardBackward(l: Conv): { out: Tensor; grads: ConvGradients } {
  const { out, cache } = conv2dForward(l.x, l.w, l.b, { stride: l.stride, padding: l.padding });
  return { out, grads: conv2dBackward(l.dout, cache) };
}

function expectGradientShapes(grads: ConvGradients, l: Conv): void {
  expectShape('dx', grads.dx, l.x.shape, LIKE_X);
  expectShape('dw', grads.dw, l.w.shape, LIKE_W);
  if (!(grads.db instanceof Float64Array) || grads.db.length !== l.b.length) {
    fail(say(
      `db should be a Float64Array of ${l.b.length} entries (F, one per filter), but it is ${describeValue(grads.db)}.`,
      `db 应当是含 ${l.b.length} 项的 Float64Array（F，每个滤波器一项），但它是 ${describeValue(grads.db)}。`,
    ));
  }
}

/** The worked example of README.md. */
function workedConv(): Conv {
  return {
    x: fromNested([[[[1, 2, 0, 1], [0, 1, 3, 2], [2, 0, 1, 1]]]]),
    w: fromNested([[[[1, 0], [-1, 2]]]]),
    b: Float64Array.from([1]),
    stride: 1,
    padding: 0,
    dout: fromNested([[[[1, 0, -1], [2, 1, 0]]]]),
  };
}

const snap = (t: Tensor | Float64Array): Float64Array => Float64Array.from(t instanceof Float64Array ? t : t.data);

function expectSame(by: string, name: string, now: Tensor | Float64Array, before: Float64Array): void {
  const data = now instanceof Float64Array ? now : now.data;
  const k = before.findIndex((value, i) => !Object.is(value, data[i]));
  check(k === -1, () =>
    say(
      `${by} modified its input ${name}: ${name}${now instanceof Float64Array ? `[${k}]` : at(now.shape, k)} was ${fmt(before[k])} and is now ${fmt(data[k])}. Write into a new tensor instead.`,
      `${by} 修改了它的输入 ${name}：${name}${now instanceof Float64Array ? `[${k}]` : at(now.shape, k)} 原来是 ${fmt(before[k])}，现在是 ${fmt(data[k])}。请把结果写进一个新张量。`,
    ),
  );
}

describe('spec', () => {
  test(say('out of the worked example (1×1×3×4 image, a 2×2 filter, b = 1)', '完整算例的 out（1×1×3×4 的图像，2×2 的滤波器，b = 1）'), () => {
    const l = workedConv();
    const { out } = conv2dForward(l.x, l.w, l.b);
    withHint(say(
      'out[0, 0, 0, 0] = 1·1 + 2·0 + 0·(−1) + 1·2 + 1 = 4: F.conv2d does not flip the kernel (cross-correlation).',
      'out[0, 0, 0, 0] = 1·1 + 2·0 + 0·(−1) + 1·2 + 1 = 4：F.conv2d 不翻转卷积核（互相关）。',
    ), () => expectTensorClose('out', out, fromNested([[[[4, 8, 2], [-1, 4, 5]]]]), LIKE_OUT));
  });

  test(say('max pool of the worked example (1×1×4×4, kernel 2)', '完整算例的最大池化（1×1×4×4，kernel 2）'), () => {
    const x = fromNested([[[[1, 3, 2, 0], [4, 2, 1, 5], [0, 1, 3, 3], [2, 6, 0, 1]]]]);
    expectTensorClose('out', maxPool2dForward(x, { kernel: 2 }).out, fromNested([[[[4, 5], [6, 3]]]]), LIKE_POOL);
  });

  test(say(
    'out is N×F×OH×OW with OH = ⌊(H + 2·padding − KH)/stride⌋ + 1 (stride 1, 2, 3; padding 0, 1, 2; non-square)',
    'out 的形状是 N×F×OH×OW，OH = ⌊(H + 2·padding − KH)/stride⌋ + 1（stride 为 1、2、3，padding 为 0、1、2，非正方形）',
  ), () => {
    const cases: [number, number, number, number, number, number][] = [
      // H, W, KH, KW, stride, padding
      [5, 6, 3, 2, 1, 0],
      [6, 8, 3, 3, 2, 1],
      [7, 6, 2, 2, 2, 0],
      [8, 7, 3, 3, 3, 2],
      [3, 3, 5, 5, 1, 1],
    ];
    for (const [h, wd, kh, kw, stride, padding] of cases) {
      const l = randomConv(2, 2, h, wd, 3, kh, kw, stride, padding, h * 10 + wd);
      const { out } = conv2dForward(l.x, l.w, l.b, { stride, padding });
      const want = [2, 3, outSize(h, kh, stride, padding), outSize(wd, kw, stride, padding)];
      withHint(say(
        `x 2×2×${h}×${wd}, w 3×2×${kh}×${kw}, stride ${stride}, padding ${padding}: ⌊(${h} + ${2 * padding} − ${kh})/${stride}⌋ + 1 = ${want[2]}, rounded down.`,
        `x 2×2×${h}×${wd}，w 3×2×${kh}×${kw}，stride ${stride}，padding ${padding}：⌊(${h} + ${2 * padding} − ${kh})/${stride}⌋ + 1 = ${want[2]}，向下取整。`,
      ), () => expectShape('out', out, want, LIKE_OUT));
    }
  });

  test(say(
    'the options may be left out: stride 1 and padding 0 for conv2dForward, stride = kernel for maxPool2dForward',
    '可以省略选项：conv2dForward 默认 stride 1、padding 0，maxPool2dForward 默认 stride = kernel',
  ), () => {
    const l = randomConv(1, 2, 5, 6, 2, 3, 3, 1, 0, 31);
    const out = conv2dForward(l.x, l.w, l.b).out;
    expectTensorClose('conv2dForward(x, w, b).out', out, conv2dForward(l.x, l.w, l.b, { stride: 1, padding: 0 }).out, LIKE_OUT);
    expectTensorClose('conv2dForward(x, w, b, {}).out', conv2dForward(l.x, l.w, l.b, {}).out, out, LIKE_OUT);
    const pooled = maxPool2dForward(l.x, { kernel: 2 }).out;
    expectShape('maxPool2dForward(x 1×2×5×6, { kernel: 2 }).out', pooled, [1, 2, 2, 3], say('stride defaults to the kernel: ⌊(5 − 2)/2⌋ + 1 = 2', 'stride 默认等于 kernel：⌊(5 − 2)/2⌋ + 1 = 2'));
    expectTensorClose('maxPool2dForward(x, { kernel: 2 }).out', pooled, maxPool2dForward(l.x, { kernel: 2, stride: 2 }).out, LIKE_POOL);
  });

  test(say('dx, dw and db have the shapes of x, w and b (padding 1, stride 2)', 'dx、dw 和 db 的形状分别与 x、w 和 b 相同（padding 1，stride 2）'), () => {
    const l = randomConv(2, 3, 6, 5, 4, 3, 3, 2, 1, 2);
    expectGradientShapes(forwardBackward(l).grads, l);
  });

  test(say('the four functions leave their inputs and the cache unchanged', '四个函数都不改动它们的输入和缓存'), () => {
    const l = randomConv(2, 2, 5, 5, 2, 3, 3, 2, 1, 3);
    const before = [snap(l.x), snap(l.w), snap(l.b), snap(l.dout)];
    const { cache } = conv2dForward(l.x, l.w, l.b, { stride: 2, padding: 1 });
    expectSame('conv2dForward', 'x', l.x, before[0]);
    expectSame('conv2dForward', 'w', l.w, before[1]);
    expectSame('conv2dForward', 'b', l.b, before[2]);
    conv2dBackward(l.dout, cache);
    expectSame('conv2dBackward', 'dout', l.dout, before[3]);
    expectSame('conv2dBackward', 'x', l.x, before[0]);
    expectSame('conv2dBackward', 'w', l.w, before[1]);
    const pool = maxPool2dForward(l.x, { kernel: 2, stride: 1 });
    expectSame('maxPool2dForward', 'x', l.x, before[0]);
    const pdout = randomTensor([...pool.out.shape], createRng(4));
    const pbefore = snap(pdout);
    maxPool2dBackward(pdout, pool.cache);
    expectSame('maxPool2dBackward', 'dout', pdout, pbefore);
    expectSame('maxPool2dBackward', 'x', l.x, before[0]);
  });

  test(say('conv2dBackward reads the cache it is given, not the latest forward pass', 'conv2dBackward 读取传给它的缓存，而不是最近一次前向传播的结果'), () => {
    const first = randomConv(2, 2, 5, 5, 2, 3, 3, 1, 1, 5);
    const second = randomConv(2, 2, 5, 5, 2, 3, 3, 1, 1, 6);
    const { cache } = conv2dForward(first.x, first.w, first.b, { padding: 1 });
    const expected = conv2dBackward(first.dout, cache);
    expectGradientShapes(expected, first);
    conv2dForward(second.x, second.w, second.b, { padding: 1 });
    const again = conv2dBackward(first.dout, cache);
    for (const name of ['dx', 'dw'] as const) {
      const k = expected[name].data.findIndex((value, i) => !Object.is(value, again[name].data[i]));
      check(k === -1, () => say(
        `after another conv2dForward call, conv2dBackward(dout, cache) gave a different ${name} for the same cache (${name}${at(expected[name].shape, k)}). Read x, w, stride and padding from the cache argument.`,
        `又调用一次 conv2dForward 之后，对同一个缓存，conv2dBackward(dout, cache) 给出了不同的 ${name}（${name}${at(expected[name].shape, k)}）。要从 cache 参数中读取 x、w、stride 和 padding。`,
      ));
    }
  });

  test(say('conv2dForward throws an Error naming both shapes when x and w do not fit', 'x 与 w 的形状不匹配时，conv2dForward 抛出写明两个形状的 Error'), () => {
    const x = zerosTensor([2, 3, 5, 5]);
    const w = zerosTensor([4, 2, 3, 3]);
    expectThrowsMentioning('conv2dForward(x 2×3×5×5, w 4×2×3×3, b)', () => conv2dForward(x, w, new Float64Array(4)), ['2×3×5×5', '4×2×3×3']);
    const w2 = zerosTensor([4, 3, 3, 3]);
    expectThrowsMentioning(say('conv2dForward(x 2×3×5×5, w 4×3×3×3, b of 5 entries)', 'conv2dForward(x 2×3×5×5, w 4×3×3×3, 含 5 项的 b)'), () => conv2dForward(x, w2, new Float64Array(5)), ['4×3×3×3', '5']);
  });

  test(say('a kernel larger than the padded input throws', '卷积核比填充后的输入还大时抛出错误'), () => {
    const x = zerosTensor([1, 1, 3, 4]);
    const w = zerosTensor([1, 1, 4, 4]);
    expectThrowsMentioning('conv2dForward(x 1×1×3×4, w 1×1×4×4, b, { padding: 0 })', () => conv2dForward(x, w, new Float64Array(1)), ['1×1×3×4', '1×1×4×4']);
    // With padding 1 the same kernel fits (5×6 padded): it must not throw.
    expectShape('conv2dForward(x 1×1×3×4, w 1×1×4×4, b, { padding: 1 }).out', conv2dForward(x, w, new Float64Array(1), { padding: 1 }).out, [1, 1, 2, 3], LIKE_OUT);
    expectThrowsMentioning('maxPool2dForward(x 1×1×3×4, { kernel: 4 })', () => maxPool2dForward(x, { kernel: 4 }), ['1×1×3×4']);
  });

  test(say('the backward passes throw an Error naming both shapes when dout does not match out', 'dout 与 out 的形状不一致时，反向传播抛出写明两个形状的 Error'), () => {
    const l = randomConv(2, 2, 5, 5, 3, 3, 3, 1, 0, 7);
    const { cache } = conv2dForward(l.x, l.w, l.b);
    expectThrowsMentioning(say('conv2dBackward(dout 2×3×5×5, cache of a 2×3×3×3 out)', 'conv2dBackward(dout 2×3×5×5, 对应 2×3×3×3 out 的 cache)'), () => conv2dBackward(zerosTensor([2, 3, 5, 5]), cache), ['2×3×5×5', '2×3×3×3']);
    const pool = maxPool2dForward(l.x, { kernel: 2 });
    expectThrowsMentioning(say('maxPool2dBackward(dout 2×2×3×3, cache of a 2×2×2×2 out)', 'maxPool2dBackward(dout 2×2×3×3, 对应 2×2×2×2 out 的 cache)'), () => maxPool2dBackward(zerosTensor([2, 2, 3, 3]), pool.cache), ['2×2×3×3', '2×2×2×2']);
  });

  test(say('max pool: on a tie the whole gradient goes to the first maximum in row-major order', '最大池化：出现并列最大值时，整个梯度只给行主序中的第一个最大值'), () => {
    const x = fromNested([[[[1, 1], [1, 1]]], [[[0, 2], [2, 2]]]]);
    const { cache } = maxPool2dForward(x, { kernel: 2 });
    const dx = maxPool2dBackward(fromNested([[[[5]]], [[[3]]]]), cache);
    withHint(say(
      'F.max_pool2d keeps the index of the first maximum it meets (a strictly greater value replaces it), and only that entry gets the gradient.',
      'F.max_pool2d 记录它遇到的第一个最大值的位置（只有严格更大的值才替换它），只有这个位置得到梯度。',
    ), () => expectTensorClose('dx', dx, fromNested([[[[5, 0], [0, 0]]], [[[0, 3], [0, 0]]]]), LIKE_X));
  });

  test(say('max pool: where windows overlap, their gradients add up', '最大池化：窗口重叠时，各窗口的梯度累加'), () => {
    // kernel 2, stride 1 on 1×1×3×3: the centre 9 is the maximum of all four windows.
    const x = fromNested([[[[1, 2, 3], [4, 9, 5], [6, 7, 8]]]]);
    const { cache } = maxPool2dForward(x, { kernel: 2, stride: 1 });
    const dx = maxPool2dBackward(fromNested([[[[1, 2], [3, 4]]]]), cache);
    withHint(say('the centre is the maximum of all four windows: its dx is 1 + 2 + 3 + 4 = 10 (add with +=, do not overwrite).', '中心是全部四个窗口的最大值：它的 dx 是 1 + 2 + 3 + 4 = 10（用 += 累加，不要覆盖）。'), () =>
      expectTensorClose('dx', dx, fromNested([[[[0, 0, 0], [0, 10, 0], [0, 0, 0]]]]), LIKE_X));
  });
});

/** Fixture case names in Chinese, by id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'worked-example': '题面中的完整算例（1×1×3×4 的图像，一个 2×2 滤波器，stride 1，padding 0）',
  'asymmetric-kernel': '不对称的卷积核，非正方形图像（N=2, C=2, 5×6, F=3, 3×2 卷积核）：翻转卷积核就会露馅',
  'same-padding': 'padding 1 保持尺寸（N=2, C=3, 6×5, F=2, 3×3）：dx 不能包含填充部分',
  'stride-2-floor': 'stride 2、padding 1，向下取整起作用（N=2, C=3, 6×8, F=4, 3×3：(6 + 2 − 3)/2 = 2.5）',
  'stride-2-no-padding': 'stride 2、padding 0，向下取整丢掉最后一行（N=3, C=2, 7×6, F=2, 2×2）',
  'stride-3-padding-2': 'stride 3、padding 2（N=1, C=2, 8×7, F=3, 3×3）',
  'kernel-fills-padded-input': '卷积核与填充后的输入一样大：只有一个输出像素（N=2, C=1, 3×3, F=2, 5×5, padding 1）',
  'one-by-one': '1×1 卷积逐像素混合通道（N=2, C=4, 3×5, F=3）',
  'batch-of-five': 'dw 和 db 要把五张图像的每个位置都加起来（N=5, C=2, 6×6, F=3, 3×3, stride 1, padding 1）',
  'pool-worked-example': '题面中的完整算例（1×1×4×4，kernel 2，stride 2）',
  'pool-ties': '窗口内有并列最大值（N=2, C=2, 4×6, kernel 2）：梯度只给第一个最大值',
  'pool-constant': '常数图像：每个窗口都全部并列（1×1×4×4, kernel 2）',
  'pool-overlap': '重叠窗口，kernel 3，stride 1（N=2, C=2, 5×6）：被多个窗口共享的最大值要把它们的梯度加起来',
  'pool-overlap-stride-2': '重叠窗口，kernel 3，stride 2（N=1, C=3, 7×7）',
  'pool-overlap-ties': '有并列最大值的重叠窗口，kernel 2，stride 1（N=1, C=2, 5×5）',
  'pool-floor': '向下取整丢掉最后一行和最后一列（N=2, C=1, 5×7, kernel 2）：它们的 dx 为 0',
  'realistic-conv': '真实尺寸：4 张图像，3 个通道，28×28，8 个 3×3 滤波器，padding 1',
  'realistic-pool': '真实尺寸：对 4×8×28×28 的特征图做 2×2 最大池化',
};


/** A tensor a large fixture describes as `{ shape, salt, scale }` (fixtures/common.py's pattern). */
function patternTensor(spec: { shape: number[]; salt: number; scale: number }): Tensor {
  const size = spec.shape.reduce((a, s) => a * s, 1);
  const data = Float64Array.from({ length: size }, (_, k) => ((((31 * k * k + 7 * k + 101 * spec.salt) % 2039) - 1019) / 512) * spec.scale);
  return tensor(spec.shape, data);
}

type Sampled = { shape: number[]; entries: [number, number][] };

function expectSampled(name: string, got: unknown, want: Sampled, hint: string): void {
  expectShape(name, got, want.shape, hint);
  compareData(name, got, want.entries.map((e) => e[1]), want.entries.map((e) => e[0]));
}

describe('fixtures', () => {
  type ConvInput = { x: Nested; w: Nested; b: number[]; dout: Nested; stride: number; padding: number };
  type ConvExpected = { out: Nested; dx: Nested; dw: Nested; db: number[] };
  for (const c of loadFixture<ConvInput, ConvExpected>('conv2d-backward', 'conv').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const l: Conv = { x: fromNested(c.input.x), w: fromNested(c.input.w), b: v(c.input.b), dout: fromNested(c.input.dout), stride: c.input.stride, padding: c.input.padding };
      const { out, grads } = forwardBackward(l);
      expectTensorClose('out', out, fromNested(c.expected.out), LIKE_OUT);
      expectGradientShapes(grads, l);
      expectTensorClose('dx', grads.dx, fromNested(c.expected.dx), LIKE_X);
      expectTensorClose('dw', grads.dw, fromNested(c.expected.dw), LIKE_W);
      expectVectorClose('db', grads.db, c.expected.db, { lengthHint: say('F: dout summed over N, OH and OW', 'F：dout 对 N、OH 和 OW 求和') });
    });
  }

  type PoolInput = { x: Nested; dout: Nested; kernel: number; stride: number };
  type PoolExpected = { out: Nested; dx: Nested };
  for (const c of loadFixture<PoolInput, PoolExpected>('conv2d-backward', 'pool').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const x = fromNested(c.input.x);
      const { out, cache } = maxPool2dForward(x, { kernel: c.input.kernel, stride: c.input.stride });
      expectTensorClose('out', out, fromNested(c.expected.out), LIKE_POOL);
      expectTensorClose('dx', maxPool2dBackward(fromNested(c.input.dout), cache), fromNested(c.expected.dx), LIKE_X);
    });
  }

  type PatternSpec4 = { shape: number[]; salt: number; scale: number };
  type LargeInput = { x: PatternSpec4; w?: PatternSpec4; b?: { length: number; salt: number; scale: number }; dout: PatternSpec4; stride: number; padding?: number; kernel?: number };
  type LargeExpected = { out: Sampled; dx: Sampled; dw?: Nested; db?: number[] };
  for (const c of loadFixture<LargeInput, LargeExpected>('conv2d-backward', 'large').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const x = patternTensor(c.input.x);
      const dout = patternTensor(c.input.dout);
      if (c.input.w && c.input.b && c.expected.dw && c.expected.db) {
        const bs = c.input.b;
        const b = patternTensor({ shape: [bs.length], salt: bs.salt, scale: bs.scale }).data;
        const l: Conv = { x, w: patternTensor(c.input.w), b, dout, stride: c.input.stride, padding: c.input.padding ?? 0 };
        const { out, grads } = forwardBackward(l);
        expectSampled('out', out, c.expected.out, LIKE_OUT);
        expectGradientShapes(grads, l);
        expectSampled('dx', grads.dx, c.expected.dx, LIKE_X);
        expectTensorClose('dw', grads.dw, fromNested(c.expected.dw), say('F×C×KH×KW: a sum over all 4 images and 784 positions', 'F×C×KH×KW：对全部 4 张图像、784 个位置求和'));
        expectVectorClose('db', grads.db, c.expected.db, { lengthHint: say('F: dout summed over N, OH and OW', 'F：dout 对 N、OH 和 OW 求和') });
      } else {
        const { out, cache } = maxPool2dForward(x, { kernel: c.input.kernel ?? 2, stride: c.input.stride });
        expectSampled('out', out, c.expected.out, LIKE_POOL);
        expectSampled('dx', maxPool2dBackward(dout, cache), c.expected.dx, LIKE_X);
      }
    });
  }
});

/**
 * Central differences of L = Σ out ⊙ dout against the analytic gradients; the worst entry is
 * named as [n, c, h, w]. `inputs` are perturbed in place and restored.
 */
function expectGradients(what: string, f: () => number, inputs: { name: string; value: Tensor | Float64Array; analytic: Tensor | Float64Array }[]): void {
  const result = gradcheck(f, inputs.map((i) => ({ name: i.name, value: i.value instanceof Float64Array ? i.value : i.value.data, analytic: i.analytic instanceof Float64Array ? i.analytic : i.analytic.data })));
  if (!result.passed && result.worst) {
    const w = result.worst;
    const input = inputs.find((i) => i.name === w.name);
    const k = Number(/\d+/.exec(w.index)?.[0] ?? 0);
    const where = input && !(input.value instanceof Float64Array) ? at(input.value.shape, k) : `[${k}]`;
    fail(hm.gradientsDiffer(what, `${w.name}${where}`, fmt(w.analytic), fmt(w.numeric), fmtErr(w.relError), result.failedEntries, result.checked));
  }
}

function expectConvMatchesFiniteDifferences(l: Conv): void {
  const { grads } = forwardBackward(l);
  expectGradientShapes(grads, l);
  const opts = { stride: l.stride, padding: l.padding };
  expectGradients('L = Σ out ⊙ dout', () => projectOnto(conv2dForward(l.x, l.w, l.b, opts).out.data, l.dout.data), [
    { name: 'dx', value: l.x, analytic: grads.dx },
    { name: 'dw', value: l.w, analytic: grads.dw },
    { name: 'db', value: l.b, analytic: grads.db },
  ]);
}

/** A random image whose every window's maximum beats the runner-up by at least 1e-3 (away from ties). */
function untiedImage(shape: number[], kernel: number, stride: number, seed: number): Tensor {
  const rng = createRng(seed);
  for (;;) {
    const x = randomTensor(shape, rng);
    const [n, c, h, wd] = shape;
    const oh = Math.floor((h - kernel) / stride) + 1;
    const ow = Math.floor((wd - kernel) / stride) + 1;
    let ok = true;
    for (let nc = 0; nc < n * c && ok; nc++) {
      for (let i = 0; i < oh && ok; i++) {
        for (let j = 0; j < ow && ok; j++) {
          const vals: number[] = [];
          for (let p = 0; p < kernel; p++) for (let q = 0; q < kernel; q++) vals.push(x.data[(nc * h + i * stride + p) * wd + j * stride + q]);
          vals.sort((a, b) => b - a);
          if (vals.length > 1 && vals[0] - vals[1] < 1e-3) ok = false;
        }
      }
    }
    if (ok) return x;
  }
}

function expectPoolMatchesFiniteDifferences(x: Tensor, kernel: number, stride: number, seed: number): void {
  const { out, cache } = maxPool2dForward(x, { kernel, stride });
  const dout = randomTensor([...out.shape], createRng(seed));
  const dx = maxPool2dBackward(dout, cache);
  expectShape('dx', dx, x.shape, LIKE_X);
  expectGradients('L = Σ maxpool(x) ⊙ dout', () => projectOnto(maxPool2dForward(x, { kernel, stride }).out.data, dout.data), [{ name: 'dx', value: x, analytic: dx }]);
}

describe('gradient check', () => {
  const shapes: [number, number, number, number, number, number, number, number, number][] = [
    // N, C, H, W, F, KH, KW, stride, padding
    [1, 1, 4, 5, 1, 2, 2, 1, 0],
    [2, 3, 6, 5, 2, 3, 3, 1, 1],
    [2, 3, 6, 8, 4, 3, 3, 2, 1],
    [3, 2, 7, 6, 2, 2, 3, 2, 0],
    [1, 2, 8, 7, 3, 3, 3, 3, 2],
  ];
  for (const [n, c, h, wd, f, kh, kw, stride, padding] of shapes) {
    test(say(
      `conv: dx, dw and db match finite differences (x ${n}×${c}×${h}×${wd}, w ${f}×${c}×${kh}×${kw}, stride ${stride}, padding ${padding})`,
      `卷积：dx、dw 和 db 与有限差分一致（x ${n}×${c}×${h}×${wd}，w ${f}×${c}×${kh}×${kw}，stride ${stride}，padding ${padding}）`,
    ), () => expectConvMatchesFiniteDifferences(randomConv(n, c, h, wd, f, kh, kw, stride, padding, 500 + n * 7 + h * 3 + stride)));
  }
  const pools: [number[], number, number][] = [
    [[2, 2, 4, 6], 2, 2],
    [[1, 2, 5, 6], 3, 1],
    [[2, 1, 7, 7], 3, 2],
    [[1, 2, 5, 7], 2, 2],
  ];
  for (const [shape, kernel, stride] of pools) {
    test(say(
      `max pool: dx matches finite differences away from ties (x ${tensorShape(shape)}, kernel ${kernel}, stride ${stride})`,
      `最大池化：在远离并列的输入上，dx 与有限差分一致（x ${tensorShape(shape)}，kernel ${kernel}，stride ${stride}）`,
    ), () => expectPoolMatchesFiniteDifferences(untiedImage(shape, kernel, stride, 900 + kernel * 10 + stride), kernel, stride, 77));
  }
});

describe('properties', () => {
  const anyConv = fc.record({
    n: fc.integer({ min: 1, max: 3 }),
    c: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 1, max: 7 }),
    w: fc.integer({ min: 1, max: 7 }),
    f: fc.integer({ min: 1, max: 3 }),
    kh: fc.integer({ min: 1, max: 3 }),
    kw: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 3 }),
    padding: fc.integer({ min: 0, max: 2 }),
    seed: fc.nat(),
  }).filter((s) => s.kh <= s.h + 2 * s.padding && s.kw <= s.w + 2 * s.padding);
  type S = { n: number; c: number; h: number; w: number; f: number; kh: number; kw: number; stride: number; padding: number; seed: number };
  const convOf = (s: S): Conv => randomConv(s.n, s.c, s.h, s.w, s.f, s.kh, s.kw, s.stride, s.padding, s.seed);
  const named = (s: S): string => say(
    `x ${s.n}×${s.c}×${s.h}×${s.w}, w ${s.f}×${s.c}×${s.kh}×${s.kw}, stride ${s.stride}, padding ${s.padding} (seed ${s.seed})`,
    `x ${s.n}×${s.c}×${s.h}×${s.w}，w ${s.f}×${s.c}×${s.kh}×${s.kw}，stride ${s.stride}，padding ${s.padding}（种子 ${s.seed}）`,
  );

  test(say('conv: gradients match finite differences for random shapes, strides and paddings', '卷积：对随机的形状、stride 和 padding，梯度与有限差分一致'), () => {
    expectProperty(say('the gradient check', '梯度检验'), anyConv, (s) => expectConvMatchesFiniteDifferences(convOf(s)), 40, named);
  });

  test(say('a 1×1 convolution is a dense layer applied to every pixel', '1×1 卷积就是对每个像素做一次全连接层'), () => {
    const anyPixels = fc.record({ n: fc.integer({ min: 1, max: 3 }), c: fc.integer({ min: 1, max: 4 }), h: fc.integer({ min: 1, max: 5 }), w: fc.integer({ min: 1, max: 5 }), f: fc.integer({ min: 1, max: 4 }), seed: fc.nat() });
    expectProperty('out[n, :, i, j] = w[:, :, 0, 0]·x[n, :, i, j] + b', anyPixels, (s) => {
      const l = randomConv(s.n, s.c, s.h, s.w, s.f, 1, 1, 1, 0, s.seed);
      const { out } = conv2dForward(l.x, l.w, l.b);
      const want = zerosTensor([s.n, s.f, s.h, s.w]);
      for (let n = 0; n < s.n; n++)
        for (let f = 0; f < s.f; f++)
          for (let p = 0; p < s.h * s.w; p++) {
            let sum = l.b[f];
            for (let c = 0; c < s.c; c++) sum += l.w.data[f * s.c + c] * l.x.data[(n * s.c + c) * s.h * s.w + p];
            want.data[(n * s.f + f) * s.h * s.w + p] = sum;
          }
      expectTensorClose('out', out, want, say('each pixel’s C channels times the F×C matrix w, plus b', '每个像素的 C 个通道乘以 F×C 的矩阵 w，再加上 b'));
    }, 60, (s) => say(`x ${s.n}×${s.c}×${s.h}×${s.w}, F=${s.f} (seed ${s.seed})`, `x ${s.n}×${s.c}×${s.h}×${s.w}，F=${s.f}（种子 ${s.seed}）`));
  });

  test(say('conv is linear in x and in w (with b = 0)', '卷积对 x 和 w 分别是线性的（b = 0 时）'), () => {
    expectProperty('conv(2·x₁ − 3·x₂, w) = 2·conv(x₁, w) − 3·conv(x₂, w)', anyConv, (s) => {
      const l = convOf(s);
      const other = convOf({ ...s, seed: s.seed + 1 });
      const zero = new Float64Array(s.f);
      const opts = { stride: s.stride, padding: s.padding };
      const mix = (a: Tensor, b: Tensor): Tensor => tensor(a.shape, a.data.map((value, k) => 2 * value - 3 * b.data[k]));
      const f = (x: Tensor, w: Tensor): Tensor => conv2dForward(x, w, zero, opts).out;
      expectTensorClose('conv(2·x₁ − 3·x₂, w)', f(mix(l.x, other.x), l.w), mix(f(l.x, l.w), f(other.x, l.w)), LIKE_OUT);
      expectTensorClose('conv(x, 2·w₁ − 3·w₂)', f(l.x, mix(l.w, other.w)), mix(f(l.x, l.w), f(l.x, other.w)), LIKE_OUT);
    }, 60, named);
  });

  test(say('db is dout summed over the batch and every output position', 'db 等于 dout 对批量和所有输出位置求和'), () => {
    expectProperty('db[f] = Σ dout[:, f, :, :]', anyConv, (s) => {
      const l = convOf(s);
      const db = forwardBackward(l).grads.db;
      const [n, f, oh, ow] = l.dout.shape;
      const want = new Float64Array(f);
      for (let k = 0; k < l.dout.data.length; k++) want[Math.floor(k / (oh * ow)) % f] += l.dout.data[k];
      expectVectorClose('db', db, want, { lengthHint: say(`F: a sum over N=${n} images and ${oh}×${ow} positions`, `F：对 N=${n} 张图像和 ${oh}×${ow} 个位置求和`) });
    }, 60, named);
  });

  test(say(
    'max pool without ties and without overlap: dx has exactly one nonzero per window, equal to that window’s dout',
    '没有并列、窗口不重叠的最大池化：dx 在每个窗口中恰好有一个非零元素，等于该窗口的 dout',
  ), () => {
    const anyPool = fc.record({ n: fc.integer({ min: 1, max: 2 }), c: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 2, max: 8 }), w: fc.integer({ min: 2, max: 8 }), kernel: fc.integer({ min: 1, max: 3 }), seed: fc.nat() }).filter((s) => s.kernel <= s.h && s.kernel <= s.w);
    expectProperty(say('one nonzero per window', '每个窗口一个非零元素'), anyPool, (s) => {
      const x = untiedImage([s.n, s.c, s.h, s.w], s.kernel, s.kernel, s.seed);
      const { out, cache } = maxPool2dForward(x, { kernel: s.kernel });
      const dout = tensor(out.shape, Float64Array.from(out.data, (_, k) => k + 1)); // 1, 2, 3, …: never 0
      const dx = maxPool2dBackward(dout, cache);
      expectShape('dx', dx, x.shape, LIKE_X);
      const [, , oh, ow] = out.shape;
      for (let nc = 0; nc < s.n * s.c; nc++)
        for (let i = 0; i < oh; i++)
          for (let j = 0; j < ow; j++) {
            const nonzero: number[] = [];
            let argmax = -1;
            for (let p = 0; p < s.kernel; p++)
              for (let q = 0; q < s.kernel; q++) {
                const k = (nc * s.h + i * s.kernel + p) * s.w + j * s.kernel + q;
                if (dx.data[k] !== 0) nonzero.push(k);
                if (argmax === -1 || x.data[k] > x.data[argmax]) argmax = k;
              }
            const g = dout.data[(nc * oh + i) * ow + j];
            check(nonzero.length === 1 && nonzero[0] === argmax && dx.data[argmax] === g, () => say(
              `the window of out${at(out.shape, (nc * oh + i) * ow + j)} has ${nonzero.length} nonzero entries of dx; exactly one is expected, dx${at(x.shape, argmax)} = ${fmt(g)} at its maximum.`,
              `out${at(out.shape, (nc * oh + i) * ow + j)} 的窗口中 dx 有 ${nonzero.length} 个非零元素；应当恰好一个，即最大值处的 dx${at(x.shape, argmax)} = ${fmt(g)}。`,
            ));
          }
    }, 80, (s) => say(`x ${s.n}×${s.c}×${s.h}×${s.w}, kernel ${s.kernel} (seed ${s.seed})`, `x ${s.n}×${s.c}×${s.h}×${s.w}，kernel ${s.kernel}（种子 ${s.seed}）`));
  });
});
