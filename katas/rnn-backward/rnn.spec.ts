/**
 * Spec for the rnn-backward kata. Run it with `npm run grade -- rnn`; the grader decides
 * which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import {
  add,
  addRowVector,
  createRng,
  fromRows,
  isMatrix,
  map,
  matmul,
  normalMatrix,
  normalVector,
  shapeOf,
  zeros,
  type Matrix,
} from '../lib/index.ts';
import {
  check,
  describeValue,
  expectCacheStillServes,
  expectGradientsMatch,
  expectMatrixClose,
  expectNumberClose,
  expectProperty,
  expectStateSequence,
  expectThrowsMentioning,
  expectUnchanged,
  expectVectorClose,
  fail,
  fmt,
  indexLabel,
  fixtureCaseName,
  loadFixture,
  loadTarget,
  m,
  snapshot,
  v,
  describe,
  test,
  say,
  withHint,
  type GradInput,
} from '../../grader/harness/index.ts';
import type { RnnGradients } from './rnn.ts';

type Impl = typeof import('./rnn.ts');
const impl = await loadTarget<Impl>();
const { rnnForward, rnnBackward, clipGradNorm } = impl;

const LIKE_X = say('N×D, like xs[t]', 'N×D，与 xs[t] 相同');
const LIKE_H = say('N×H, like h0 and every hs[t]', 'N×H，与 h0 和每个 hs[t] 相同');
const LIKE_WX = say('D×H, like wx: a sum over every step', 'D×H，与 wx 相同：是对所有时间步的求和');
const LIKE_WH = say('H×H, like wh: a sum over every step', 'H×H，与 wh 相同：是对所有时间步的求和');
const LIKE_B = say('H, like b: a sum over every step and every example', 'H，与 b 相同：是对所有时间步、所有样本的求和');

/** One RNN's inputs and an upstream gradient for every state. */
interface Seq {
  xs: Matrix[];
  h0: Matrix;
  wx: Matrix;
  wh: Matrix;
  b: Float64Array;
  dhs: Matrix[];
}

/**
 * A sequence of T steps with N examples, D features and H hidden units. The scales keep tanh
 * away from saturation, so every gradient is of a size a finite difference can see.
 * `lastOnly`: dhs is zero except on the last step (many-to-one).
 */
function randomSeq(t: number, n: number, d: number, h: number, seed: number, lastOnly = false): Seq {
  const rng = createRng(seed);
  const xs = Array.from({ length: t }, () => normalMatrix(n, d, rng));
  const h0 = normalMatrix(n, h, rng, 0, 0.5);
  const wx = normalMatrix(d, h, rng, 0, 0.5);
  const wh = normalMatrix(h, h, rng, 0, 0.5);
  const b = normalVector(h, rng, 0, 0.1);
  const dhs = Array.from({ length: t }, (_, s) => (lastOnly && s < t - 1 ? zeros(n, h) : normalMatrix(n, h, rng)));
  return { xs, h0, wx, wh, b, dhs };
}

/** The worked example of README.md: one example, one feature, one hidden unit, two steps. */
function workedExample(): Seq {
  return {
    xs: [fromRows([[1]]), fromRows([[-1]])],
    h0: fromRows([[0.5]]),
    wx: fromRows([[1]]),
    wh: fromRows([[2]]),
    b: Float64Array.of(0),
    dhs: [fromRows([[0]]), fromRows([[1]])],
  };
}

function forwardBackward(seq: Seq): { hs: Matrix[]; grads: RnnGradients } {
  const { hs, cache } = rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b);
  return { hs, grads: rnnBackward(seq.dhs, cache) };
}

/** hs must be an array of T matrices N×H: h₁ … h_T, without h0. */

/** Every gradient has the shape of what it is the gradient of; checked before any value. */
function expectGradientShapes(grads: RnnGradients, seq: Seq): void {
  const T = seq.xs.length;
  if (typeof grads !== 'object' || grads === null) {
    fail(say(`rnnBackward should return { dxs, dh0, dwx, dwh, db }, but it returned ${describeValue(grads)}.`, `rnnBackward 应当返回 { dxs, dh0, dwx, dwh, db }，但它返回了 ${describeValue(grads)}。`));
  }
  if (!Array.isArray(grads.dxs)) {
    fail(say(`dxs should be an array of ${T} matrices (one per step), but it is ${describeValue(grads.dxs)}.`, `dxs 应当是由 ${T} 个矩阵组成的数组（每个时间步一个），但它是 ${describeValue(grads.dxs)}。`));
  }
  check(grads.dxs.length === T, () => say(`dxs has ${grads.dxs.length} entries, but it must have ${T}, one per step.`, `dxs 有 ${grads.dxs.length} 项，但必须有 ${T} 项，每个时间步一项。`));
  const matrices: [string, unknown, Matrix, string][] = [
    ...grads.dxs.map((dx, t): [string, unknown, Matrix, string] => [`dxs[${t}]`, dx, seq.xs[t], LIKE_X]),
    ['dh0', grads.dh0, seq.h0, LIKE_H],
    ['dwx', grads.dwx, seq.wx, LIKE_WX],
    ['dwh', grads.dwh, seq.wh, LIKE_WH],
  ];
  for (const [name, got, like, hint] of matrices) {
    if (!isMatrix(got)) {
      fail(say(`${name} should be a ${shapeOf(like)} Matrix (${hint}), but it is ${describeValue(got)}.`, `${name} 应当是 ${shapeOf(like)} 的 Matrix（${hint}），但它是 ${describeValue(got)}。`));
    }
    if (got.rows !== like.rows || got.cols !== like.cols) {
      const transposed = got.rows === like.cols && got.cols === like.rows ? say(' It looks transposed.', '看起来是转置了。') : '';
      fail(say(`${name} is ${shapeOf(got)}, but it must be ${shapeOf(like)} (${hint}).${transposed}`, `${name} 是 ${shapeOf(got)}，但必须是 ${shapeOf(like)}（${hint}）。${transposed}`));
    }
  }
  if (!(grads.db instanceof Float64Array)) {
    fail(say(`db should be a Float64Array of ${seq.b.length} entries (H, like b), but it is ${describeValue(grads.db)}.`, `db 应当是含 ${seq.b.length} 项的 Float64Array（H，与 b 相同），但它是 ${describeValue(grads.db)}。`));
  }
  check(grads.db.length === seq.b.length, () =>
    say(`db has ${grads.db.length} entries, but it must have ${seq.b.length} (H, like b).`, `db 有 ${grads.db.length} 项，但必须有 ${seq.b.length} 项（H，与 b 相同）。`),
  );
}

/**
 * dxs from the last step back to the first: the first wrong one is where the gradient went
 * wrong on its way back. When the last step is right and an earlier one is not, the carried
 * gradient is the likely cause.
 */
function expectDxs(got: Matrix[], want: ReadonlyArray<Matrix | number[][]>): void {
  const T = want.length;
  for (let t = T - 1; t >= 0; t--) {
    const hint =
      t < T - 1
        ? say(
            `dxs[${T - 1}] is right but dxs[${t}] is not: step ${t} also gets the gradient that flows back from step ${t + 1} through hs[${t}].`,
            `dxs[${T - 1}] 是对的，dxs[${t}] 却不对：第 ${t} 步还会收到从第 ${t + 1} 步经 hs[${t}] 传回来的梯度。`,
          )
        : '';
    const compare = (): void => expectMatrixClose(`dxs[${t}]`, got[t], want[t], { shapeHint: LIKE_X });
    if (hint) withHint(hint, compare);
    else compare();
  }
}

/** L = Σₜ Σ hs[t] ⊙ dhs[t], through the implementation's own forward pass. */
function lossOf(seq: Seq): number {
  const { hs } = rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b);
  let total = 0;
  hs.forEach((h, t) => {
    for (let k = 0; k < h.data.length; k++) total += h.data[k] * seq.dhs[t].data[k];
  });
  return total;
}

function expectMatchesFiniteDifferences(seq: Seq, what: string): void {
  const { grads } = forwardBackward(seq);
  expectGradientShapes(grads, seq);
  const inputs: GradInput[] = [
    ...seq.xs.map((x, t) => ({ name: `dxs[${t}]`, value: x, analytic: grads.dxs[t] })),
    { name: 'dh0', value: seq.h0, analytic: grads.dh0 },
    { name: 'dwx', value: seq.wx, analytic: grads.dwx },
    { name: 'dwh', value: seq.wh, analytic: grads.dwh },
    { name: 'db', value: seq.b, analytic: grads.db },
  ];
  expectGradientsMatch(what, () => lossOf(seq), inputs);
}

/** The Euclidean norm over every entry of every array. */
function totalNorm(arrays: readonly Float64Array[]): number {
  let s = 0;
  for (const a of arrays) for (const value of a) s += value * value;
  return Math.sqrt(s);
}

describe('spec', () => {
  test(say('hₜ = tanh(xₜ·wx + hₜ₋₁·wh + b), starting from h0 (the worked example)', 'hₜ = tanh(xₜ·wx + hₜ₋₁·wh + b)，从 h0 开始（完整算例）'), () => {
    const seq = workedExample();
    const { hs } = rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b);
    expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
    const h1 = Math.tanh(1 + 2 * 0.5);
    const h2 = Math.tanh(-1 + 2 * h1);
    expectMatrixClose('hs[0]', hs[0], [[h1]], { shapeHint: 'N×H' });
    expectMatrixClose('hs[1]', hs[1], [[h2]], { shapeHint: 'N×H' });
  });

  test(say(
    'hs, dxs, dh0, dwx, dwh and db have the right shapes (T=3, N=2, D=4, H=3)',
    'hs、dxs、dh0、dwx、dwh 和 db 的形状正确（T=3, N=2, D=4, H=3）',
  ), () => {
    const seq = randomSeq(3, 2, 4, 3, 1);
    const { hs, grads } = forwardBackward(seq);
    expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
    expectGradientShapes(grads, seq);
  });

  test(say('rnnForward leaves xs, h0, wx, wh and b unchanged', 'rnnForward 不改动 xs、h0、wx、wh 和 b'), () => {
    const seq = randomSeq(3, 2, 4, 3, 2);
    const xs = seq.xs.slice();
    const before = { xs: xs.map(snapshot), h0: snapshot(seq.h0), wx: snapshot(seq.wx), wh: snapshot(seq.wh), b: snapshot(seq.b) };
    rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b);
    check(seq.xs.length === 3 && seq.xs.every((x, t) => x === xs[t]), () =>
      say('rnnForward changed the array xs itself (its length or its entries): leave it as it was.', 'rnnForward 改动了数组 xs 本身（长度或其中的元素）：要让它保持原样。'),
    );
    xs.forEach((x, t) => expectUnchanged(`xs[${t}]`, x, before.xs[t], 'rnnForward'));
    expectUnchanged('h0', seq.h0, before.h0, 'rnnForward');
    expectUnchanged('wx', seq.wx, before.wx, 'rnnForward');
    expectUnchanged('wh', seq.wh, before.wh, 'rnnForward');
    expectUnchanged('b', seq.b, before.b, 'rnnForward');
  });

  test(say(
    'rnnBackward leaves dhs, the returned hs and the cached inputs unchanged',
    'rnnBackward 不改动 dhs、返回的 hs 以及缓存中的输入',
  ), () => {
    const seq = randomSeq(3, 2, 4, 3, 3);
    const { hs, cache } = rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b);
    const watched: [string, Matrix | Float64Array][] = [
      ...seq.dhs.map((d, t): [string, Matrix] => [`dhs[${t}]`, d]),
      ...hs.map((h, t): [string, Matrix] => [`hs[${t}]`, h]),
      ...seq.xs.map((x, t): [string, Matrix] => [`xs[${t}]`, x]),
      ['h0', seq.h0],
      ['wx', seq.wx],
      ['wh', seq.wh],
      ['b', seq.b],
    ];
    const before = watched.map(([, value]) => snapshot(value));
    rnnBackward(seq.dhs, cache);
    watched.forEach(([name, value], i) => expectUnchanged(name, value, before[i], 'rnnBackward'));
  });

  test(say(
    'hs and every gradient are new arrays: none shares memory with an input or with another result',
    'hs 和每个梯度都是新数组：与任何输入、与彼此都不共享内存',
  ), () => {
    const seq = randomSeq(2, 2, 3, 3, 16);
    const { hs, grads } = forwardBackward(seq);
    expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
    expectGradientShapes(grads, seq);
    const inputs: [string, ArrayBufferLike][] = [
      ...seq.xs.map((x, t): [string, ArrayBufferLike] => [`xs[${t}]`, x.data.buffer]),
      ['h0', seq.h0.data.buffer],
      ['wx', seq.wx.data.buffer],
      ['wh', seq.wh.data.buffer],
      ['b', seq.b.buffer],
      ...seq.dhs.map((d, t): [string, ArrayBufferLike] => [`dhs[${t}]`, d.data.buffer]),
    ];
    const results: [string, ArrayBufferLike][] = [
      ...hs.map((h, t): [string, ArrayBufferLike] => [`hs[${t}]`, h.data.buffer]),
      ...grads.dxs.map((dx, t): [string, ArrayBufferLike] => [`dxs[${t}]`, dx.data.buffer]),
      ['dh0', grads.dh0.data.buffer],
      ['dwx', grads.dwx.data.buffer],
      ['dwh', grads.dwh.data.buffer],
      ['db', grads.db.buffer],
    ];
    const all = [...inputs, ...results];
    for (let i = inputs.length; i < all.length; i++) {
      for (let j = 0; j < i; j++) {
        check(all[i][1] !== all[j][1], () =>
          say(
            `${all[i][0]} shares its memory with ${all[j][0]} (the same underlying buffer). Every result must be a new array: the caller keeps them apart.`,
            `${all[i][0]} 与 ${all[j][0]} 共享内存（同一个底层 buffer）。每个结果都必须是新数组：调用方会分别使用它们。`,
          ),
        );
      }
    }
  });

  test(say('rnnBackward reads the cache it is given, not the latest forward pass', 'rnnBackward 读取传给它的缓存，而不是最近一次前向传播的结果'), () => {
    const first = randomSeq(3, 2, 3, 2, 4);
    const second = randomSeq(3, 2, 3, 2, 5);
    const { cache } = rnnForward(first.xs, first.h0, first.wx, first.wh, first.b);
    const expected = rnnBackward(first.dhs, cache);
    rnnForward(second.xs, second.h0, second.wx, second.wh, second.b); // another layer's forward pass, as in a network
    const again = rnnBackward(first.dhs, cache);
    for (const name of ['dwx', 'dwh', 'dh0'] as const) expectCacheStillServes({ forward: 'rnnForward', backward: 'rnnBackward(dhs, cache)' }, name, expected[name], again[name]);
  });

  test(say(
    'rnnForward throws an Error naming both shapes and the step when xs[t] does not fit wx or h0',
    'xs[t] 与 wx 或 h0 不匹配时，rnnForward 抛出写明两个形状和时间步的 Error',
  ), () => {
    const seq = randomSeq(3, 2, 4, 3, 6);
    const wide = [seq.xs[0], seq.xs[1], normalMatrix(2, 5, createRng(7))];
    expectThrowsMentioning(say('rnnForward(xs with xs[2] 2×5, h0 2×3, wx 4×3, …)', 'rnnForward(xs[2] 为 2×5 的 xs, h0 2×3, wx 4×3, …)'),
      () => rnnForward(wide, seq.h0, seq.wx, seq.wh, seq.b), ['xs[2]', '2×5', '4×3']);
    const tall = [seq.xs[0], normalMatrix(3, 4, createRng(8)), seq.xs[2]];
    expectThrowsMentioning(say('rnnForward(xs with xs[1] 3×4, h0 2×3, wx 4×3, …)', 'rnnForward(xs[1] 为 3×4 的 xs, h0 2×3, wx 4×3, …)'),
      () => rnnForward(tall, seq.h0, seq.wx, seq.wh, seq.b), ['xs[1]', '3×4', '2×3']);
  });

  test(say(
    'rnnForward throws an Error naming both shapes when h0, wx, wh and b do not fit',
    'h0、wx、wh 与 b 的形状不匹配时，rnnForward 抛出写明两个形状的 Error',
  ), () => {
    const seq = randomSeq(2, 2, 4, 3, 9);
    const rng = createRng(10);
    // Every other argument has H = 3, so whichever one the message compares with, it names "…×3".
    expectThrowsMentioning('rnnForward(xs, h0 2×5, wx 4×3, wh 3×3, b)', () => rnnForward(seq.xs, normalMatrix(2, 5, rng), seq.wx, seq.wh, seq.b), ['2×5', '×3']);
    expectThrowsMentioning('rnnForward(xs, h0 2×3, wx 4×2, wh 3×3, b)', () => rnnForward(seq.xs, seq.h0, normalMatrix(4, 2, rng), seq.wh, seq.b), ['4×2', '×3']);
    expectThrowsMentioning(say('rnnForward(xs, h0 2×3, wx 4×3, wh 3×3, b of 5 entries)', 'rnnForward(xs, h0 2×3, wx 4×3, wh 3×3, 含 5 项的 b)'),
      () => rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, new Float64Array(5)), ['5', '×3']);
  });

  test(say(
    'rnnBackward throws an Error naming both sizes when dhs does not match hs',
    'dhs 与 hs 不一致时，rnnBackward 抛出写明两边大小的 Error',
  ), () => {
    const seq = randomSeq(3, 2, 4, 3, 11);
    const { cache } = rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b);
    const rng = createRng(12);
    const five = Array.from({ length: 5 }, () => normalMatrix(2, 3, rng));
    expectThrowsMentioning(say('rnnBackward(dhs of 5 steps, cache of 3 steps)', 'rnnBackward(5 个时间步的 dhs, 3 个时间步的 cache)'),
      () => rnnBackward(five, cache), ['5', '3']);
    const wrong = [seq.dhs[0], normalMatrix(2, 4, rng), seq.dhs[2]];
    expectThrowsMentioning(say('rnnBackward(dhs with dhs[1] 2×4, cache of hs 2×3)', 'rnnBackward(dhs[1] 为 2×4 的 dhs, hs 为 2×3 的 cache)'),
      () => rnnBackward(wrong, cache), ['dhs[1]', '2×4', '2×3']);
  });

  test(say(
    'clipGradNorm scales the arrays it is given in place and returns the norm before clipping',
    'clipGradNorm 原地缩放传给它的数组，并返回裁剪前的范数',
  ), () => {
    const a = Float64Array.of(3, 0);
    const c = Float64Array.of(0, 4, 0);
    const total = clipGradNorm([a, c], 1);
    expectNumberClose('clipGradNorm([[3, 0], [0, 4, 0]], 1)', total, 5);
    const factor = 1 / (5 + 1e-6);
    withHint(say(
      'The arrays themselves must change (PyTorch’s clip_grad_norm_ works in place): scale the entries of each array you were given.',
      '要改的是传进来的数组本身（PyTorch 的 clip_grad_norm_ 是原地操作）：缩放传给你的每个数组的元素。',
    ), () => {
      expectVectorClose(say('the first array after clipping', '裁剪后的第一个数组'), a, [3 * factor, 0]);
      expectVectorClose(say('the second array after clipping', '裁剪后的第二个数组'), c, [0, 4 * factor, 0]);
    });
  });
});

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'worked-example': '题面中的完整算例（T=2, N=D=H=1）',
  'single-step': '只有一个时间步，T = 1（N=3, D=4, H=3）：就是全连接层加 tanh',
  'many-to-one': '多对一：dhs 只在最后一步非零（T=5, N=2, D=3, H=4）',
  'every-step': '每一步都有 dhs（T=4, N=3, D=2, H=3）',
  'zero-h0': 'h0 = 0，每一步都有 dhs（T=3, N=2, D=3, H=2）',
  square: 'D = H = 3，每一步都有 dhs（T=3, N=4）：漏了转置，形状不变',
  'long-many-to-one': '更长的序列，多对一（T=12, N=2, D=2, H=3）',
  exploding: '梯度爆炸（T=6, N=2, D=3, H=4，wh 的元素约为 2.5）：先 rnnBackward，再 clipGradNorm([dwx.data, dwh.data, db], 1)',
  below: '总范数小于 maxNorm（‖g‖ ≈ 1.5，maxNorm 为 2）：什么都不变',
  boundary: '总范数恰好等于 maxNorm（‖[3, 4]‖ = 5，maxNorm 为 5）：因为有 1e-6，仍要乘以 5/5.000001',
  'several-arrays': '三个数组，分别有 1、5 和 12 项（maxNorm 为 1）：所有数组共用一个总范数',
  'one-large-array': '一个范数远大于 maxNorm 的数组（20 项，maxNorm 为 0.5）',
  'uneven-arrays': '一个大数组和一个小数组（maxNorm 为 2）：两者乘以同一个系数',
};


describe('fixtures', () => {
  type Input = { xs: number[][][]; h0: number[][]; wx: number[][]; wh: number[][]; b: number[]; dhs: number[][][]; maxNorm?: number };
  type Expected = {
    hs: number[][][];
    dxs: number[][][];
    dh0: number[][];
    dwx: number[][];
    dwh: number[][];
    db: number[];
    total?: number;
    clipped?: number[][];
  };
  for (const c of loadFixture<Input, Expected>('rnn-backward', 'rnn').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const seq: Seq = { xs: c.input.xs.map(m), h0: m(c.input.h0), wx: m(c.input.wx), wh: m(c.input.wh), b: v(c.input.b), dhs: c.input.dhs.map(m) };
      const { hs, cache } = rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b);
      expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
      c.expected.hs.forEach((want, t) => expectMatrixClose(`hs[${t}]`, hs[t], want, { shapeHint: 'N×H' }));
      const grads = rnnBackward(seq.dhs, cache);
      expectGradientShapes(grads, seq);
      expectDxs(grads.dxs, c.expected.dxs);
      expectMatrixClose('dh0', grads.dh0, c.expected.dh0, { shapeHint: LIKE_H });
      expectMatrixClose('dwx', grads.dwx, c.expected.dwx, { shapeHint: LIKE_WX });
      expectMatrixClose('dwh', grads.dwh, c.expected.dwh, { shapeHint: LIKE_WH });
      expectVectorClose('db', grads.db, c.expected.db, { lengthHint: LIKE_B });
      if (c.input.maxNorm !== undefined && c.expected.total !== undefined && c.expected.clipped) {
        const maxNorm = c.input.maxNorm;
        const total = clipGradNorm([grads.dwx.data, grads.dwh.data, grads.db], maxNorm);
        expectNumberClose(say(`the total norm clipGradNorm returned (maxNorm ${maxNorm})`, `clipGradNorm 返回的总范数（maxNorm 为 ${maxNorm}）`), total, c.expected.total);
        const [dwx, dwh, db] = c.expected.clipped;
        expectVectorClose(say('dwx after clipping', '裁剪后的 dwx'), grads.dwx.data, dwx);
        expectVectorClose(say('dwh after clipping', '裁剪后的 dwh'), grads.dwh.data, dwh);
        expectVectorClose(say('db after clipping', '裁剪后的 db'), grads.db, db);
      }
    });
  }

  type ClipInput = { grads: number[][]; maxNorm: number };
  type ClipExpected = { total: number; grads: number[][] };
  for (const c of loadFixture<ClipInput, ClipExpected>('rnn-backward', 'clip').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const grads = c.input.grads.map((g) => Float64Array.from(g));
      const total = clipGradNorm(grads, c.input.maxNorm);
      expectNumberClose(say(`the total norm clipGradNorm returned (maxNorm ${c.input.maxNorm})`, `clipGradNorm 返回的总范数（maxNorm 为 ${c.input.maxNorm}）`), total, c.expected.total);
      c.expected.grads.forEach((want, i) =>
        expectVectorClose(say(`array ${i} after clipping`, `裁剪后的第 ${i} 个数组`), grads[i], want),
      );
    });
  }
});

describe('gradient check', () => {
  const shapes: [number, number, number, number][] = [[1, 2, 3, 2], [3, 2, 3, 4], [4, 1, 2, 2], [5, 3, 2, 3]];
  for (const [t, n, d, h] of shapes) {
    test(say(
      `dxs, dh0, dwx, dwh and db match finite differences of L = Σₜ Σ hs[t] ⊙ dhs[t], dhs on every step (T=${t}, N=${n}, D=${d}, H=${h})`,
      `dxs、dh0、dwx、dwh 和 db 与 L = Σₜ Σ hs[t] ⊙ dhs[t] 的有限差分一致，每一步都有 dhs（T=${t}, N=${n}, D=${d}, H=${h}）`,
    ), () => {
      expectMatchesFiniteDifferences(randomSeq(t, n, d, h, 100 + t * 1000 + n * 100 + d * 10 + h), 'L = Σₜ Σ hs[t] ⊙ dhs[t]');
    });
  }
});

describe('properties', () => {
  const anySeq = fc.record({
    t: fc.integer({ min: 1, max: 4 }),
    n: fc.integer({ min: 1, max: 3 }),
    d: fc.integer({ min: 1, max: 3 }),
    h: fc.integer({ min: 1, max: 3 }),
    seed: fc.nat(),
  });
  type Sizes = { t: number; n: number; d: number; h: number; seed: number };
  const named = (s: Sizes): string => say(`T=${s.t}, N=${s.n}, D=${s.d}, H=${s.h} (seed ${s.seed})`, `T=${s.t}, N=${s.n}, D=${s.d}, H=${s.h}（种子 ${s.seed}）`);

  test(say('an RNN of length 1 is a dense layer plus tanh: hs[0] = tanh(x·wx + (h0·wh + b))', '长度为 1 的 RNN 就是全连接层加 tanh：hs[0] = tanh(x·wx + (h0·wh + b))'), () => {
    expectProperty(say('one step is a dense layer', '一步就是一个全连接层'), anySeq, (s) => {
      const seq = randomSeq(1, s.n, s.d, s.h, s.seed);
      const { hs } = rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b);
      expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
      // A dense layer x·wx + c whose bias c = h0·wh + b differs per row, then tanh.
      const dense = add(matmul(seq.xs[0], seq.wx), addRowVector(matmul(seq.h0, seq.wh), seq.b));
      expectMatrixClose('hs[0]', hs[0], map(dense, Math.tanh), { shapeHint: 'N×H' });
    }, 100, (s) => named({ ...s, t: 1 }));
  });

  test(say(
    'many-to-one (dhs zero except on the last step): every gradient matches finite differences, for random shapes',
    '多对一（dhs 只在最后一步非零）：对随机形状，每个梯度都与有限差分一致',
  ), () => {
    expectProperty(say('the many-to-one gradient check', '多对一的梯度检验'), anySeq, (s) => {
      expectMatchesFiniteDifferences(randomSeq(s.t, s.n, s.d, s.h, s.seed, true), 'L = Σ hs[T−1] ⊙ dhs[T−1]');
    }, 40, named);
  });

  test(say('the RNN is causal: hs[t] does not depend on xs[s] for s > t', 'RNN 是因果的：s > t 时 hs[t] 不依赖于 xs[s]'), () => {
    expectProperty(say('causality of the forward pass', '前向传播的因果性'), anySeq.filter((s) => s.t >= 2), (s) => {
      const seq = randomSeq(s.t, s.n, s.d, s.h, s.seed);
      const before = rnnForward(seq.xs, seq.h0, seq.wx, seq.wh, seq.b).hs.map(snapshot);
      const changed = s.seed % (s.t - 1) + 1; // a step after the first
      const xs = seq.xs.slice();
      xs[changed] = normalMatrix(s.n, s.d, createRng(s.seed + 1));
      const after = rnnForward(xs, seq.h0, seq.wx, seq.wh, seq.b).hs;
      for (let t = 0; t < changed; t++) {
        const k = before[t].findIndex((value, i) => !Object.is(value, after[t].data[i]));
        check(k === -1, () =>
          say(
            `changing xs[${changed}] changed hs[${t}]${indexLabel(k, s.h)} (${fmt(before[t][k])} → ${fmt(after[t].data[k])}): a state can only depend on the inputs up to its own step.`,
            `改动 xs[${changed}] 改变了 hs[${t}]${indexLabel(k, s.h)}（${fmt(before[t][k])} → ${fmt(after[t].data[k])}）：一个状态只能依赖到它自己那一步为止的输入。`,
          ),
        );
      }
    }, 100, named);
  });

  test(say(
    'gradients flow only backward in time: with dhs nonzero only on step t, dxs[s] is zero for every s > t',
    '梯度只沿时间反向流动：dhs 只在第 t 步非零时，对每个 s > t，dxs[s] 都是零',
  ), () => {
    expectProperty(say('causality of the backward pass', '反向传播的因果性'), anySeq.filter((s) => s.t >= 2), (s) => {
      const seq = randomSeq(s.t, s.n, s.d, s.h, s.seed);
      const only = s.seed % (s.t - 1); // a step before the last
      seq.dhs = seq.dhs.map((d, t) => (t === only ? d : zeros(s.n, s.h)));
      const { grads } = forwardBackward(seq);
      expectGradientShapes(grads, seq);
      for (let t = only + 1; t < s.t; t++) {
        const k = grads.dxs[t].data.findIndex((value) => value !== 0);
        check(k === -1, () =>
          say(
            `dhs is nonzero only on step ${only}, yet dxs[${t}]${indexLabel(k, s.d)} = ${fmt(grads.dxs[t].data[k])}: the loss does not depend on xs[${t}] at all (hs[${only}] was computed before it).`,
            `dhs 只在第 ${only} 步非零，但 dxs[${t}]${indexLabel(k, s.d)} = ${fmt(grads.dxs[t].data[k])}：损失根本不依赖 xs[${t}]（hs[${only}] 在它之前就算好了）。`,
          ),
        );
      }
    }, 100, named);
  });

  const anyGrads = fc.record({
    lengths: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
    scale: fc.integer({ min: -3, max: 3 }),
    maxNorm: fc.double({ min: 0.01, max: 10, noNaN: true }),
    seed: fc.nat(),
  });
  type Clip = { lengths: number[]; scale: number; maxNorm: number; seed: number };
  const clipNamed = (s: Clip): string =>
    say(`arrays of ${s.lengths.join(', ')} entries, values ~1e${s.scale}, maxNorm ${fmt(s.maxNorm)} (seed ${s.seed})`,
      `数组长度为 ${s.lengths.join(', ')}，数值约为 1e${s.scale}，maxNorm 为 ${fmt(s.maxNorm)}（种子 ${s.seed}）`);

  test(say(
    'clipGradNorm returns the total norm before clipping, leaves a total ≤ maxNorm, and scales every array by the same factor ≤ 1',
    'clipGradNorm 返回裁剪前的总范数，裁剪后总范数 ≤ maxNorm，并且每个数组都乘以同一个 ≤ 1 的系数',
  ), () => {
    expectProperty(say('clipping by the total norm', '按总范数裁剪'), anyGrads, (s) => {
      const rng = createRng(s.seed);
      const grads = s.lengths.map((n) => normalVector(n, rng, 0, 10 ** s.scale));
      const original = grads.map((g) => Float64Array.from(g));
      const before = totalNorm(original);
      const total = clipGradNorm(grads, s.maxNorm);
      expectNumberClose(say('the returned norm (the total before clipping)', '返回的范数（裁剪前的总范数）'), total, before);
      const after = totalNorm(grads);
      check(after <= s.maxNorm * (1 + 1e-12), () =>
        say(`after clipping, the total norm is ${fmt(after)}, above maxNorm ${fmt(s.maxNorm)}.`, `裁剪之后总范数是 ${fmt(after)}，超过了 maxNorm ${fmt(s.maxNorm)}。`),
      );
      const factor = Math.min(1, s.maxNorm / (before + 1e-6));
      grads.forEach((g, i) =>
        expectVectorClose(say(`array ${i} after clipping`, `裁剪后的第 ${i} 个数组`), g, original[i].map((x) => x * factor), {
          lengthHint: say('every array scaled by the same factor min(1, maxNorm / (total + 1e-6))', '每个数组都乘以同一个系数 min(1, maxNorm / (total + 1e-6))'),
        }),
      );
    }, 200, clipNamed);
  });
});
