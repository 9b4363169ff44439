/**
 * Spec for the lstm-backward kata. Run it with `npm run grade -- lstm`; the grader decides
 * which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import {
  add,
  createRng,
  fromRows,
  isMatrix,
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
import type { LstmGradients } from './lstm.ts';

type Impl = typeof import('./lstm.ts');
const impl = await loadTarget<Impl>();
const { lstmForward, lstmBackward } = impl;

const LIKE_X = say('N×D, like xs[t]', 'N×D，与 xs[t] 相同');
const LIKE_H = say('N×H, like h0 and every hs[t]', 'N×H，与 h0 和每个 hs[t] 相同');
const LIKE_C = say('N×H, like c0 and every cs[t]', 'N×H，与 c0 和每个 cs[t] 相同');
const LIKE_WX = say('D×4H, like wx: a sum over every step', 'D×4H，与 wx 相同：是对所有时间步的求和');
const LIKE_WH = say('H×4H, like wh: a sum over every step', 'H×4H，与 wh 相同：是对所有时间步的求和');
const LIKE_B = say('4H, like b: a sum over every step and every example', '4H，与 b 相同：是对所有时间步、所有样本的求和');

/** One LSTM's inputs and an upstream gradient for every hidden state. */
interface Seq {
  xs: Matrix[];
  h0: Matrix;
  c0: Matrix;
  wx: Matrix;
  wh: Matrix;
  b: Float64Array;
  dhs: Matrix[];
}

const sigma = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * A sequence of T steps with N examples, D features and H hidden units. The scales keep the
 * gates away from saturation, so every gradient is of a size a finite difference can see.
 * `lastOnly`: dhs is zero except on the last step (many-to-one).
 */
function randomSeq(t: number, n: number, d: number, h: number, seed: number, lastOnly = false): Seq {
  const rng = createRng(seed);
  const xs = Array.from({ length: t }, () => normalMatrix(n, d, rng));
  const h0 = normalMatrix(n, h, rng, 0, 0.5);
  const c0 = normalMatrix(n, h, rng, 0, 1);
  const wx = normalMatrix(d, 4 * h, rng, 0, 0.5);
  const wh = normalMatrix(h, 4 * h, rng, 0, 0.5);
  const b = normalVector(4 * h, rng, 0, 0.1);
  const dhs = Array.from({ length: t }, (_, s) => (lastOnly && s < t - 1 ? zeros(n, h) : normalMatrix(n, h, rng)));
  return { xs, h0, c0, wx, wh, b, dhs };
}

/** The worked example of README.md: one example, one feature, one hidden unit, two steps. */
function workedExample(): Seq {
  return {
    xs: [fromRows([[1]]), fromRows([[-1]])],
    h0: fromRows([[0]]),
    c0: fromRows([[0.5]]),
    wx: fromRows([[0.5, -0.5, 1, 0.25]]),
    wh: fromRows([[1, 0.5, -1, 0.5]]),
    b: Float64Array.of(0, 1, 0, 0),
    dhs: [fromRows([[0]]), fromRows([[1]])],
  };
}

function forwardBackward(seq: Seq): { hs: Matrix[]; cs: Matrix[]; grads: LstmGradients } {
  const { hs, cs, cache } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
  return { hs, cs, grads: lstmBackward(seq.dhs, cache) };
}

/** hs (or cs) must be an array of T matrices N×H: step 1 … T, without the initial state. */

/** Every gradient has the shape of what it is the gradient of; checked before any value. */
function expectGradientShapes(grads: LstmGradients, seq: Seq): void {
  const T = seq.xs.length;
  if (typeof grads !== 'object' || grads === null) {
    fail(say(`lstmBackward should return { dxs, dh0, dc0, dwx, dwh, db }, but it returned ${describeValue(grads)}.`, `lstmBackward 应当返回 { dxs, dh0, dc0, dwx, dwh, db }，但它返回了 ${describeValue(grads)}。`));
  }
  if (!Array.isArray(grads.dxs)) {
    fail(say(`dxs should be an array of ${T} matrices (one per step), but it is ${describeValue(grads.dxs)}.`, `dxs 应当是由 ${T} 个矩阵组成的数组（每个时间步一个），但它是 ${describeValue(grads.dxs)}。`));
  }
  check(grads.dxs.length === T, () => say(`dxs has ${grads.dxs.length} entries, but it must have ${T}, one per step.`, `dxs 有 ${grads.dxs.length} 项，但必须有 ${T} 项，每个时间步一项。`));
  const matrices: [string, unknown, Matrix, string][] = [
    ...grads.dxs.map((dx, t): [string, unknown, Matrix, string] => [`dxs[${t}]`, dx, seq.xs[t], LIKE_X]),
    ['dh0', grads.dh0, seq.h0, LIKE_H],
    ['dc0', grads.dc0, seq.c0, LIKE_C],
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
    fail(say(`db should be a Float64Array of ${seq.b.length} entries (4H, like b), but it is ${describeValue(grads.db)}.`, `db 应当是含 ${seq.b.length} 项的 Float64Array（4H，与 b 相同），但它是 ${describeValue(grads.db)}。`));
  }
  check(grads.db.length === seq.b.length, () =>
    say(`db has ${grads.db.length} entries, but it must have ${seq.b.length} (4H, like b).`, `db 有 ${grads.db.length} 项，但必须有 ${seq.b.length} 项（4H，与 b 相同）。`),
  );
}

/**
 * dxs from the last step back to the first: the first wrong one is where the gradient went
 * wrong on its way back. When the last step is right and an earlier one is not, a carried
 * gradient (dh or dc) is the likely cause.
 */
function expectDxs(got: Matrix[], want: ReadonlyArray<Matrix | number[][]>): void {
  const T = want.length;
  for (let t = T - 1; t >= 0; t--) {
    const hint =
      t < T - 1
        ? say(
            `dxs[${T - 1}] is right but dxs[${t}] is not: step ${t} also gets what step ${t + 1} sends back, on hs[${t}] (through wh) and on cs[${t}] (through the forget gate).`,
            `dxs[${T - 1}] 是对的，dxs[${t}] 却不对：第 ${t} 步还会收到第 ${t + 1} 步传回来的梯度，一份落在 hs[${t}] 上（经 wh），一份落在 cs[${t}] 上（经遗忘门）。`,
          )
        : '';
    const compare = (): void => expectMatrixClose(`dxs[${t}]`, got[t], want[t], { shapeHint: LIKE_X });
    if (hint) withHint(hint, compare);
    else compare();
  }
}

/** L = Σₜ Σ hs[t] ⊙ dhs[t], through the implementation's own forward pass. */
function lossOf(seq: Seq): number {
  const { hs } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
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
    { name: 'dc0', value: seq.c0, analytic: grads.dc0 },
    { name: 'dwx', value: seq.wx, analytic: grads.dwx },
    { name: 'dwh', value: seq.wh, analytic: grads.dwh },
    { name: 'db', value: seq.b, analytic: grads.db },
  ];
  expectGradientsMatch(what, () => lossOf(seq), inputs);
}

/** One LSTM step computed here, entry by entry, gates in the order i, f, g, o (or i, f, o, g). */
function oneStep(a: Matrix, cPrev: Matrix, order: 'ifgo' | 'ifog'): { h: Matrix; c: Matrix } {
  const H = cPrev.cols;
  const [gAt, oAt] = order === 'ifgo' ? [2 * H, 3 * H] : [3 * H, 2 * H];
  const h = zeros(cPrev.rows, H);
  const c = zeros(cPrev.rows, H);
  for (let n = 0; n < cPrev.rows; n++) {
    for (let j = 0; j < H; j++) {
      const at = (offset: number): number => a.data[n * 4 * H + offset + j];
      const k = n * H + j;
      c.data[k] = sigma(at(H)) * cPrev.data[k] + sigma(at(0)) * Math.tanh(at(gAt));
      h.data[k] = sigma(at(oAt)) * Math.tanh(c.data[k]);
    }
  }
  return { h, c };
}

describe('spec', () => {
  test(say(
    'the four blocks of columns of wx, wh and b are the gates in PyTorch’s order i, f, g, o',
    'wx、wh 和 b 的四块列依次是 PyTorch 顺序的门 i、f、g、o',
  ), () => {
    // One step from h0 = c0 = 0, x = 0: only b matters, and each gate gets its own value.
    const seq: Seq = {
      xs: [zeros(1, 2)], h0: zeros(1, 2), c0: fromRows([[0.5, -1]]), wx: zeros(2, 8), wh: zeros(2, 8),
      b: Float64Array.of(0.3, -0.4, 1.2, -0.7, 2, -1.5, -0.5, 1.1), dhs: [zeros(1, 2)],
    };
    const { hs, cs } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
    expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
    expectStateSequence('cs', cs, { steps: seq.xs.length, initial: seq.c0, initialName: 'c0', items: 'c₁ … c_T' });
    const a = fromRows([Array.from(seq.b)]);
    const right = oneStep(a, seq.c0, 'ifgo');
    const ifog = oneStep(a, seq.c0, 'ifog');
    const close = (got: Matrix, want: Matrix): boolean => got.data.every((value, k) => Math.abs(value - want.data[k]) <= 1e-9 * (1 + Math.abs(want.data[k])));
    const hint = close(hs[0], ifog.h) && close(cs[0], ifog.c)
      ? say(
          'Your hs and cs are what the layout i, f, o, g gives. PyTorch’s is i, f, g, o: the candidate g (with tanh) is the third block of H columns, the output gate o the fourth.',
          '你的 hs 和 cs 正是按 i、f、o、g 排列得到的结果。PyTorch 的顺序是 i、f、g、o：候选值 g（用 tanh）是第三块 H 列，输出门 o 是第四块。',
        )
      : say(
          'With x = 0 and h0 = 0, a = b: i = σ(b[0:H]), f = σ(b[H:2H]), g = tanh(b[2H:3H]), o = σ(b[3H:4H]).',
          'x = 0、h0 = 0 时 a = b：i = σ(b[0:H])，f = σ(b[H:2H])，g = tanh(b[2H:3H])，o = σ(b[3H:4H])。',
        );
    withHint(hint, () => {
      expectMatrixClose('cs[0]', cs[0], right.c, { shapeHint: 'N×H' });
      expectMatrixClose('hs[0]', hs[0], right.h, { shapeHint: 'N×H' });
    });
  });

  test(say(
    'the worked example: a = xₜ·wx + hₜ₋₁·wh + b, gates i, f, g, o, cₜ = f ⊙ cₜ₋₁ + i ⊙ g, hₜ = o ⊙ tanh(cₜ)',
    '完整算例：a = xₜ·wx + hₜ₋₁·wh + b，门依次为 i、f、g、o，cₜ = f ⊙ cₜ₋₁ + i ⊙ g，hₜ = o ⊙ tanh(cₜ)',
  ), () => {
    const seq = workedExample();
    const { hs, cs } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
    expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
    expectStateSequence('cs', cs, { steps: seq.xs.length, initial: seq.c0, initialName: 'c0', items: 'c₁ … c_T' });
    let h = 0;
    let c = 0.5;
    seq.xs.forEach((x, t) => {
      const a = [0, 1, 2, 3].map((q) => x.data[0] * seq.wx.data[q] + h * seq.wh.data[q] + seq.b[q]);
      c = sigma(a[1]) * c + sigma(a[0]) * Math.tanh(a[2]);
      h = sigma(a[3]) * Math.tanh(c);
      expectMatrixClose(`cs[${t}]`, cs[t], [[c]], { shapeHint: 'N×H' });
      expectMatrixClose(`hs[${t}]`, hs[t], [[h]], { shapeHint: 'N×H' });
    });
  });

  test(say(
    'hs, cs, dxs, dh0, dc0, dwx, dwh and db have the right shapes (T=3, N=2, D=4, H=3)',
    'hs、cs、dxs、dh0、dc0、dwx、dwh 和 db 的形状正确（T=3, N=2, D=4, H=3）',
  ), () => {
    const seq = randomSeq(3, 2, 4, 3, 1);
    const { hs, cs, grads } = forwardBackward(seq);
    expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
    expectStateSequence('cs', cs, { steps: seq.xs.length, initial: seq.c0, initialName: 'c0', items: 'c₁ … c_T' });
    expectGradientShapes(grads, seq);
  });

  test(say('lstmForward leaves xs, h0, c0, wx, wh and b unchanged', 'lstmForward 不改动 xs、h0、c0、wx、wh 和 b'), () => {
    const seq = randomSeq(3, 2, 4, 3, 2);
    const xs = seq.xs.slice();
    const watched: [string, Matrix | Float64Array][] = [
      ...xs.map((x, t): [string, Matrix] => [`xs[${t}]`, x]),
      ['h0', seq.h0], ['c0', seq.c0], ['wx', seq.wx], ['wh', seq.wh], ['b', seq.b],
    ];
    const before = watched.map(([, value]) => snapshot(value));
    lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
    check(seq.xs.length === 3 && seq.xs.every((x, t) => x === xs[t]), () =>
      say('lstmForward changed the array xs itself (its length or its entries): leave it as it was.', 'lstmForward 改动了数组 xs 本身（长度或其中的元素）：要让它保持原样。'),
    );
    watched.forEach(([name, value], i) => expectUnchanged(name, value, before[i], 'lstmForward'));
  });

  test(say(
    'lstmBackward leaves dhs, the returned hs and cs and the cached inputs unchanged',
    'lstmBackward 不改动 dhs、返回的 hs 和 cs 以及缓存中的输入',
  ), () => {
    const seq = randomSeq(3, 2, 4, 3, 3);
    const { hs, cs, cache } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
    const watched: [string, Matrix | Float64Array][] = [
      ...seq.dhs.map((d, t): [string, Matrix] => [`dhs[${t}]`, d]),
      ...hs.map((h, t): [string, Matrix] => [`hs[${t}]`, h]),
      ...cs.map((c, t): [string, Matrix] => [`cs[${t}]`, c]),
      ...seq.xs.map((x, t): [string, Matrix] => [`xs[${t}]`, x]),
      ['h0', seq.h0], ['c0', seq.c0], ['wx', seq.wx], ['wh', seq.wh], ['b', seq.b],
    ];
    const before = watched.map(([, value]) => snapshot(value));
    lstmBackward(seq.dhs, cache);
    watched.forEach(([name, value], i) => expectUnchanged(name, value, before[i], 'lstmBackward'));
  });

  test(say(
    'hs, cs and every gradient are new arrays: none shares memory with an input or with another result',
    'hs、cs 和每个梯度都是新数组：与任何输入、与彼此都不共享内存',
  ), () => {
    const seq = randomSeq(2, 2, 3, 3, 16);
    const { hs, cs, grads } = forwardBackward(seq);
    expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
    expectStateSequence('cs', cs, { steps: seq.xs.length, initial: seq.c0, initialName: 'c0', items: 'c₁ … c_T' });
    expectGradientShapes(grads, seq);
    const inputs: [string, ArrayBufferLike][] = [
      ...seq.xs.map((x, t): [string, ArrayBufferLike] => [`xs[${t}]`, x.data.buffer]),
      ['h0', seq.h0.data.buffer], ['c0', seq.c0.data.buffer], ['wx', seq.wx.data.buffer], ['wh', seq.wh.data.buffer], ['b', seq.b.buffer],
      ...seq.dhs.map((d, t): [string, ArrayBufferLike] => [`dhs[${t}]`, d.data.buffer]),
    ];
    const results: [string, ArrayBufferLike][] = [
      ...hs.map((h, t): [string, ArrayBufferLike] => [`hs[${t}]`, h.data.buffer]),
      ...cs.map((c, t): [string, ArrayBufferLike] => [`cs[${t}]`, c.data.buffer]),
      ...grads.dxs.map((dx, t): [string, ArrayBufferLike] => [`dxs[${t}]`, dx.data.buffer]),
      ['dh0', grads.dh0.data.buffer], ['dc0', grads.dc0.data.buffer], ['dwx', grads.dwx.data.buffer],
      ['dwh', grads.dwh.data.buffer], ['db', grads.db.buffer],
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

  test(say('lstmBackward reads the cache it is given, not the latest forward pass', 'lstmBackward 读取传给它的缓存，而不是最近一次前向传播的结果'), () => {
    const first = randomSeq(3, 2, 3, 2, 4);
    const second = randomSeq(3, 2, 3, 2, 5);
    const { cache } = lstmForward(first.xs, first.h0, first.c0, first.wx, first.wh, first.b);
    const expected = lstmBackward(first.dhs, cache);
    lstmForward(second.xs, second.h0, second.c0, second.wx, second.wh, second.b); // another layer's forward pass, as in a network
    const again = lstmBackward(first.dhs, cache);
    for (const name of ['dwx', 'dwh', 'dh0', 'dc0'] as const) expectCacheStillServes({ forward: 'lstmForward', backward: 'lstmBackward(dhs, cache)' }, name, expected[name], again[name]);
  });

  test(say(
    'lstmForward throws an Error naming both shapes and the step when xs[t] does not fit wx or h0',
    'xs[t] 与 wx 或 h0 不匹配时，lstmForward 抛出写明两个形状和时间步的 Error',
  ), () => {
    const seq = randomSeq(3, 2, 4, 3, 6);
    const wide = [seq.xs[0], seq.xs[1], normalMatrix(2, 5, createRng(7))];
    expectThrowsMentioning(say('lstmForward(xs with xs[2] 2×5, h0 2×3, c0 2×3, wx 4×12, …)', 'lstmForward(xs[2] 为 2×5 的 xs, h0 2×3, c0 2×3, wx 4×12, …)'),
      () => lstmForward(wide, seq.h0, seq.c0, seq.wx, seq.wh, seq.b), ['xs[2]', '2×5', '4×12']);
    const tall = [seq.xs[0], normalMatrix(3, 4, createRng(8)), seq.xs[2]];
    expectThrowsMentioning(say('lstmForward(xs with xs[1] 3×4, h0 2×3, c0 2×3, wx 4×12, …)', 'lstmForward(xs[1] 为 3×4 的 xs, h0 2×3, c0 2×3, wx 4×12, …)'),
      () => lstmForward(tall, seq.h0, seq.c0, seq.wx, seq.wh, seq.b), ['xs[1]', '3×4', '2×3']);
  });

  test(say(
    'lstmForward throws an Error naming both shapes when h0, c0, wx, wh and b do not fit',
    'h0、c0、wx、wh 与 b 的形状不匹配时，lstmForward 抛出写明两个形状的 Error',
  ), () => {
    const seq = randomSeq(2, 2, 4, 3, 9);
    const rng = createRng(10);
    // wh is 3×12 (H = 3): h0 and c0 must be 2×3, wx must have 12 columns, b 12 entries.
    expectThrowsMentioning('lstmForward(xs, h0 2×5, c0 2×3, wx 4×12, wh 3×12, b)',
      () => lstmForward(seq.xs, normalMatrix(2, 5, rng), seq.c0, seq.wx, seq.wh, seq.b), ['2×5', '3×12']);
    expectThrowsMentioning('lstmForward(xs, h0 2×3, c0 2×4, wx 4×12, wh 3×12, b)',
      () => lstmForward(seq.xs, seq.h0, normalMatrix(2, 4, rng), seq.wx, seq.wh, seq.b), ['2×4', '2×3']);
    expectThrowsMentioning('lstmForward(xs, h0 2×3, c0 2×3, wx 4×3, wh 3×12, b)',
      () => lstmForward(seq.xs, seq.h0, seq.c0, normalMatrix(4, 3, rng), seq.wh, seq.b), ['4×3', '3×12']);
    expectThrowsMentioning('lstmForward(xs, h0 2×3, c0 2×3, wx 4×12, wh 3×3, b)',
      () => lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, normalMatrix(3, 3, rng), seq.b), ['3×3']);
    expectThrowsMentioning(say('lstmForward(xs, h0 2×3, c0 2×3, wx 4×12, wh 3×12, b of 3 entries)', 'lstmForward(xs, h0 2×3, c0 2×3, wx 4×12, wh 3×12, 含 3 项的 b)'),
      () => lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, new Float64Array(3)), ['3', '3×12']);
  });

  test(say(
    'lstmBackward throws an Error naming both sizes when dhs does not match hs',
    'dhs 与 hs 不一致时，lstmBackward 抛出写明两边大小的 Error',
  ), () => {
    const seq = randomSeq(3, 2, 4, 3, 11);
    const { cache } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
    const rng = createRng(12);
    const five = Array.from({ length: 5 }, () => normalMatrix(2, 3, rng));
    expectThrowsMentioning(say('lstmBackward(dhs of 5 steps, cache of 3 steps)', 'lstmBackward(5 个时间步的 dhs, 3 个时间步的 cache)'),
      () => lstmBackward(five, cache), ['5', '3']);
    const wrong = [seq.dhs[0], normalMatrix(2, 4, rng), seq.dhs[2]];
    expectThrowsMentioning(say('lstmBackward(dhs with dhs[1] 2×4, cache of hs 2×3)', 'lstmBackward(dhs[1] 为 2×4 的 dhs, hs 为 2×3 的 cache)'),
      () => lstmBackward(wrong, cache), ['dhs[1]', '2×4', '2×3']);
  });
});

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'worked-example': '题面中的完整算例（T=2, N=D=H=1）',
  'single-step': '从 h0 = c0 = 0 开始只走一步（T=1, N=3, D=4, H=3）：就是一次门的计算',
  'many-to-one': '多对一：dhs 只在最后一步非零（T=5, N=2, D=3, H=4）',
  'every-step': '每一步都有 dhs，h0 和 c0 非零（T=4, N=3, D=2, H=3）',
  'zero-state': 'h0 = c0 = 0，每一步都有 dhs（T=3, N=2, D=3, H=2）',
  square: 'D = H = 3，每一步都有 dhs（T=3, N=4）：漏了转置，形状不变',
  'forget-bias': '更长的序列，多对一，遗忘门偏置为 1（T=12, N=2, D=2, H=3）',
  saturated: '权重较大，门饱和（T=4, N=2, D=3, H=2，元素约为 3）',
};


describe('fixtures', () => {
  type Input = { xs: number[][][]; h0: number[][]; c0: number[][]; wx: number[][]; wh: number[][]; b: number[]; dhs: number[][][] };
  type Expected = {
    hs: number[][][];
    cs: number[][][];
    dxs: number[][][];
    dh0: number[][];
    dc0: number[][];
    dwx: number[][];
    dwh: number[][];
    db: number[];
  };
  for (const c of loadFixture<Input, Expected>('lstm-backward', 'lstm').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const seq: Seq = {
        xs: c.input.xs.map(m), h0: m(c.input.h0), c0: m(c.input.c0), wx: m(c.input.wx), wh: m(c.input.wh), b: v(c.input.b), dhs: c.input.dhs.map(m),
      };
      const { hs, cs, cache } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
      expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
      expectStateSequence('cs', cs, { steps: seq.xs.length, initial: seq.c0, initialName: 'c0', items: 'c₁ … c_T' });
      c.expected.cs.forEach((want, t) => expectMatrixClose(`cs[${t}]`, cs[t], want, { shapeHint: 'N×H' }));
      c.expected.hs.forEach((want, t) => expectMatrixClose(`hs[${t}]`, hs[t], want, { shapeHint: 'N×H' }));
      const grads = lstmBackward(seq.dhs, cache);
      expectGradientShapes(grads, seq);
      expectDxs(grads.dxs, c.expected.dxs);
      expectMatrixClose('dh0', grads.dh0, c.expected.dh0, { shapeHint: LIKE_H });
      expectMatrixClose('dc0', grads.dc0, c.expected.dc0, { shapeHint: LIKE_C });
      expectMatrixClose('dwx', grads.dwx, c.expected.dwx, { shapeHint: LIKE_WX });
      expectMatrixClose('dwh', grads.dwh, c.expected.dwh, { shapeHint: LIKE_WH });
      expectVectorClose('db', grads.db, c.expected.db, { lengthHint: LIKE_B });
    });
  }
});

describe('gradient check', () => {
  const shapes: [number, number, number, number][] = [[1, 2, 3, 2], [3, 2, 3, 4], [4, 1, 2, 2], [5, 3, 2, 3]];
  for (const [t, n, d, h] of shapes) {
    test(say(
      `dxs, dh0, dc0, dwx, dwh and db match finite differences of L = Σₜ Σ hs[t] ⊙ dhs[t], dhs on every step (T=${t}, N=${n}, D=${d}, H=${h})`,
      `dxs、dh0、dc0、dwx、dwh 和 db 与 L = Σₜ Σ hs[t] ⊙ dhs[t] 的有限差分一致，每一步都有 dhs（T=${t}, N=${n}, D=${d}, H=${h}）`,
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

  test(say(
    'an LSTM of length 1 from h0 = c0 = 0 is one gate computation: cs[0] = i ⊙ g, hs[0] = o ⊙ tanh(cs[0]) with a = x·wx + b',
    '长度为 1、从 h0 = c0 = 0 开始的 LSTM 就是一次门的计算：a = x·wx + b，cs[0] = i ⊙ g，hs[0] = o ⊙ tanh(cs[0])',
  ), () => {
    expectProperty(say('one step from a zero state', '从零状态走一步'), anySeq, (s) => {
      const seq = randomSeq(1, s.n, s.d, s.h, s.seed);
      seq.h0 = zeros(s.n, s.h);
      seq.c0 = zeros(s.n, s.h);
      const { hs, cs } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
      expectStateSequence('hs', hs, { steps: seq.xs.length, initial: seq.h0, initialName: 'h0', items: 'h₁ … h_T' });
      expectStateSequence('cs', cs, { steps: seq.xs.length, initial: seq.c0, initialName: 'c0', items: 'c₁ … c_T' });
      const a = add(matmul(seq.xs[0], seq.wx), fromRows(Array.from({ length: s.n }, () => Array.from(seq.b))));
      const want = oneStep(a, seq.c0, 'ifgo');
      expectMatrixClose('cs[0]', cs[0], want.c, { shapeHint: 'N×H' });
      expectMatrixClose('hs[0]', hs[0], want.h, { shapeHint: 'N×H' });
    }, 100, (s) => named({ ...s, t: 1 }));
  });

  test(say(
    'many-to-one (dhs zero except on the last step): every gradient matches finite differences, for random shapes',
    '多对一（dhs 只在最后一步非零）：对随机形状，每个梯度都与有限差分一致',
  ), () => {
    expectProperty(say('the many-to-one gradient check', '多对一的梯度检验'), anySeq, (s) => {
      expectMatchesFiniteDifferences(randomSeq(s.t, s.n, s.d, s.h, s.seed, true), 'L = Σ hs[T−1] ⊙ dhs[T−1]');
    }, 30, named);
  });

  test(say(
    'the backward pass is linear in dhs: the gradients for dhs on every step are those for the last step only plus those for the earlier steps only',
    '反向传播对 dhs 是线性的：每一步都有 dhs 时的梯度，等于只在最后一步有 dhs 时的梯度加上只在前面各步有 dhs 时的梯度',
  ), () => {
    expectProperty(say('last step only + earlier steps = every step', '只有最后一步 + 前面各步 = 每一步'), anySeq.filter((s) => s.t >= 2), (s) => {
      const seq = randomSeq(s.t, s.n, s.d, s.h, s.seed);
      const { cache } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
      const every = lstmBackward(seq.dhs, cache);
      const last = lstmBackward(seq.dhs.map((d, t) => (t === s.t - 1 ? d : zeros(s.n, s.h))), cache);
      const earlier = lstmBackward(seq.dhs.map((d, t) => (t === s.t - 1 ? zeros(s.n, s.h) : d)), cache);
      for (const g of [every, last, earlier]) expectGradientShapes(g, seq);
      const sum = (x: Matrix, y: Matrix): Matrix => add(x, y);
      withHint(say(
        'Each step’s gradient is dhs[t] plus what comes back from later steps, the same whichever steps dhs is nonzero on. A gradient that depends on dhs in another way (a carried term kept only on some steps, a reset) breaks the sum.',
        '每一步的梯度都是 dhs[t] 加上从后面各步传回来的梯度，不论 dhs 在哪些步非零都一样。以别的方式依赖 dhs 的梯度（只在某些步保留传回来的项、中途清零）会破坏这个加法。',
      ), () => {
        expectMatrixClose('dh0', every.dh0, sum(last.dh0, earlier.dh0), { shapeHint: LIKE_H });
        expectMatrixClose('dc0', every.dc0, sum(last.dc0, earlier.dc0), { shapeHint: LIKE_C });
        expectMatrixClose('dwx', every.dwx, sum(last.dwx, earlier.dwx), { shapeHint: LIKE_WX });
        expectMatrixClose('dwh', every.dwh, sum(last.dwh, earlier.dwh), { shapeHint: LIKE_WH });
        expectVectorClose('db', every.db, last.db.map((x, j) => x + earlier.db[j]), { lengthHint: LIKE_B });
        every.dxs.forEach((dx, t) => expectMatrixClose(`dxs[${t}]`, dx, sum(last.dxs[t], earlier.dxs[t]), { shapeHint: LIKE_X }));
      });
    }, 100, named);
  });

  test(say('the LSTM is causal: hs[t] and cs[t] do not depend on xs[s] for s > t', 'LSTM 是因果的：s > t 时 hs[t] 和 cs[t] 不依赖于 xs[s]'), () => {
    expectProperty(say('causality of the forward pass', '前向传播的因果性'), anySeq.filter((s) => s.t >= 2), (s) => {
      const seq = randomSeq(s.t, s.n, s.d, s.h, s.seed);
      const first = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
      const before = [...first.hs, ...first.cs].map(snapshot);
      const changed = s.seed % (s.t - 1) + 1; // a step after the first
      const xs = seq.xs.slice();
      xs[changed] = normalMatrix(s.n, s.d, createRng(s.seed + 1));
      const second = lstmForward(xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
      const after = [...second.hs, ...second.cs];
      for (let t = 0; t < changed; t++) {
        for (const [name, offset] of [['hs', 0], ['cs', s.t]] as const) {
          const k = before[offset + t].findIndex((value, i) => !Object.is(value, after[offset + t].data[i]));
          check(k === -1, () =>
            say(
              `changing xs[${changed}] changed ${name}[${t}]${indexLabel(k, s.h)} (${fmt(before[offset + t][k])} → ${fmt(after[offset + t].data[k])}): a state can only depend on the inputs up to its own step.`,
              `改动 xs[${changed}] 改变了 ${name}[${t}]${indexLabel(k, s.h)}（${fmt(before[offset + t][k])} → ${fmt(after[offset + t].data[k])}）：一个状态只能依赖到它自己那一步为止的输入。`,
            ),
          );
        }
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

  test(say(
    'for random shapes, lstmForward and lstmBackward never modify their inputs',
    '对随机形状，lstmForward 和 lstmBackward 都不修改它们的输入',
  ), () => {
    expectProperty(say('inputs left unchanged', '输入保持不变'), anySeq, (s) => {
      const seq = randomSeq(s.t, s.n, s.d, s.h, s.seed);
      const watched: [string, Matrix | Float64Array][] = [
        ...seq.xs.map((x, t): [string, Matrix] => [`xs[${t}]`, x]),
        ...seq.dhs.map((d, t): [string, Matrix] => [`dhs[${t}]`, d]),
        ['h0', seq.h0], ['c0', seq.c0], ['wx', seq.wx], ['wh', seq.wh], ['b', seq.b],
      ];
      const before = watched.map(([, value]) => snapshot(value));
      const { hs, cs, cache } = lstmForward(seq.xs, seq.h0, seq.c0, seq.wx, seq.wh, seq.b);
      const states = [...hs, ...cs].map(snapshot);
      lstmBackward(seq.dhs, cache);
      watched.forEach(([name, value], i) => expectUnchanged(name, value, before[i], say('lstmForward or lstmBackward', 'lstmForward 或 lstmBackward')));
      hs.forEach((h, t) => expectUnchanged(`hs[${t}]`, h, states[t], 'lstmBackward'));
      cs.forEach((c, t) => expectUnchanged(`cs[${t}]`, c, states[s.t + t], 'lstmBackward'));
    }, 100, named);
  });
});
