/**
 * Spec for the dropout kata. Run it with `npm run grade -- dropout`; the grader decides which
 * implementation `loadTarget` loads (yours by default).
 *
 * The random numbers are under the spec's control: most checks feed `rng` from a fixed stream
 * of numbers (the fixtures store theirs), so the mask is known entry by entry, and every check
 * knows how many numbers your code drew.
 */
import fc from 'fast-check';
import { createRng, fromRows, isMatrix, matrix, normalMatrix, shapeOf, type Matrix, type Rng } from '../lib/index.ts';
import {
  check,
  describeValue,
  expectGradientsMatch,
  expectMatrixClose,
  expectProperty,
  expectThrowsMentioning,
  expectUnchanged,
  fail,
  fmt,
  indexLabel,
  fixtureCaseName,
  loadFixture,
  loadTarget,
  m,
  projectOnto,
  snapshot,
  describe,
  test,
  say,
  withHint,
} from '../../grader/harness/index.ts';
import type { DropoutMode } from './dropout.ts';

type Impl = typeof import('./dropout.ts');
const impl = await loadTarget<Impl>();
const { dropoutForward, dropoutBackward } = impl;

const LIKE_X = say('N×D, like x', 'N×D，与 x 相同');

/**
 * A stream of given numbers as an `rng`. It counts the draws, fails when the code draws more
 * than the stream holds, and, while locked (during a backward pass), fails on any draw.
 */
interface Stream {
  rng: Rng;
  drawn(): number;
  locked: boolean;
}

function streamOf(u: readonly number[]): Stream {
  const stream: Stream = {
    locked: false,
    drawn: () => next,
    rng: () => {
      if (stream.locked) {
        fail(say(
          'dropoutBackward called rng: the backward pass must reuse the mask of the forward pass (keep it in the cache), not draw a new one.',
          'dropoutBackward 调用了 rng：反向传播必须沿用前向传播的掩码（把它存进 cache），而不是重新抽一个。',
        ));
      }
      if (next >= u.length) {
        fail(say(
          `your code drew more than the ${u.length} numbers this check expects: train mode draws exactly one number per entry of x (N·D in all), eval mode none.`,
          `你的代码抽取的随机数超过了本项检查预期的 ${u.length} 个：训练模式对 x 的每个元素恰好抽一个（共 N·D 个），评估模式一个也不抽。`,
        ));
      }
      return u[next++];
    },
  };
  let next = 0;
  return stream;
}

/** An rng that must never be called (eval mode). */
const noDraws: Rng = () =>
  fail(say('eval mode called rng: eval mode is the identity and draws nothing.', '评估模式调用了 rng：评估模式是恒等映射，一个随机数也不抽。'));

/** A seeded rng that counts its draws. */
function countingRng(seed: number): { rng: Rng; drawn(): number } {
  const inner = createRng(seed);
  let count = 0;
  return { rng: () => (count++, inner()), drawn: () => count };
}

/** Check that a result is an N×D Matrix like x, before looking at any value. */
function expectShapeOfX(name: string, got: unknown, x: Matrix): asserts got is Matrix {
  if (!isMatrix(got)) {
    fail(say(
      `${name} should be a ${shapeOf(x)} Matrix (${LIKE_X}), but it is ${describeValue(got)}.`,
      `${name} 应当是 ${shapeOf(x)} 的 Matrix（${LIKE_X}），但它是 ${describeValue(got)}。`,
    ));
  }
  check(got.rows === x.rows && got.cols === x.cols, () =>
    say(`${name} is ${shapeOf(got)}, but it must be ${shapeOf(x)} (${LIKE_X}).`, `${name} 是 ${shapeOf(got)}，但必须是 ${shapeOf(x)}（${LIKE_X}）。`),
  );
}

/**
 * Why entry k must be what it is: the number drawn for it, the rule, the value. u and 1 − p are
 * written in full (String), so a number just below 1 − p never reads as equal to it.
 */
function entryRule(u: number, p: number, xk: number): string {
  const keep = 1 - p;
  const [uText, keepText] = [String(u), String(keep)];
  return u < keep
    ? say(
      `the number drawn for it is u = ${uText} < 1 − p = ${keepText}, so it is kept and scaled: x/(1 − p) = ${fmt(xk)}/${keepText}.`,
      `为它抽到的数是 u = ${uText} < 1 − p = ${keepText}，所以保留并缩放：x/(1 − p) = ${fmt(xk)}/${keepText}。`,
    )
    : say(
      `the number drawn for it is u = ${uText} ≥ 1 − p = ${keepText}, so it is dropped: 0 (the rule is keep iff u < 1 − p).`,
      `为它抽到的数是 u = ${uText} ≥ 1 − p = ${keepText}，所以丢弃：0（规则是当且仅当 u < 1 − p 时保留）。`,
    );
}

/** `withHint`, for a hint that may be empty. */
function hinted(hint: string, run: () => void): void {
  if (hint === '') run();
  else withHint(hint, run);
}

/** The first entry where `got` is not within 1e-9 of `want`, or −1. */
function firstDifference(got: Float64Array, want: Float64Array): number {
  return want.findIndex((w, k) => !(Math.abs(got[k] - w) <= 1e-12 + 1e-9 * Math.abs(w)));
}

/**
 * One train-mode forward and backward on a stream: out and dx against the expected values,
 * with, on a mismatch, the number drawn for the first wrong entry and the rule it follows.
 */
function expectTrainCall(x: Matrix, p: number, u: readonly number[], dout: Matrix, want: { out: Matrix; dx: Matrix }): void {
  const stream = streamOf(u);
  const { out, cache } = dropoutForward(x, p, 'train', stream.rng);
  expectDrawn(stream.drawn(), x, p, 'train');
  expectShapeOfX('out', out, x);
  const k = firstDifference(out.data, want.out.data);
  hinted(k < 0 ? '' : say(`For out${indexLabel(k, x.cols)}, `, `对 out${indexLabel(k, x.cols)} 来说，`) + entryRule(u[k], p, x.data[k]), () =>
    expectMatrixClose('out', out, want.out, { shapeHint: LIKE_X }),
  );
  stream.locked = true;
  const dx = dropoutBackward(dout, cache);
  expectShapeOfX('dx', dx, x);
  const j = firstDifference(dx.data, want.dx.data);
  hinted(
    j < 0
      ? ''
      : say(
        `dx${indexLabel(j, x.cols)} belongs to the same entry as out${indexLabel(j, x.cols)}: the backward pass applies the forward pass's mask and scale to dout.`,
        `dx${indexLabel(j, x.cols)} 与 out${indexLabel(j, x.cols)} 对应同一个元素：反向传播要把前向传播的掩码和缩放原样作用在 dout 上。`,
      ),
    () => expectMatrixClose('dx', dx, want.dx, { shapeHint: LIKE_X }),
  );
}

/** The number of draws of one forward call: N·D in train mode whatever p is, 0 in eval mode. */
function expectDrawn(drawn: number, x: Matrix, p: number, mode: DropoutMode): void {
  const want = mode === 'train' ? x.rows * x.cols : 0;
  if (drawn === want) return;
  if (mode === 'eval') {
    fail(say(
      `in eval mode (p = ${fmt(p)}), dropoutForward called rng() ${drawn} time(s); it must not call it at all: eval mode is the identity.`,
      `评估模式下（p = ${fmt(p)}），dropoutForward 调用了 ${drawn} 次 rng()；它一次也不该调用：评估模式是恒等映射。`,
    ));
  }
  fail(say(
    `in train mode with p = ${fmt(p)} and x ${shapeOf(x)}, dropoutForward called rng() ${drawn} time(s); it must call it exactly N·D = ${want} times, once per entry in row-major order, whatever p is (also for p = 0 and p = 1), so that the numbers after it stay the same.`,
    `训练模式下，p = ${fmt(p)}，x 为 ${shapeOf(x)}，dropoutForward 调用了 ${drawn} 次 rng()；它必须恰好调用 N·D = ${want} 次，按行优先顺序每个元素一次，不论 p 是多少（p = 0 和 p = 1 也一样），这样后面的随机数才不会错位。`,
  ));
}

/** The worked example of README.md. */
const WORKED = {
  x: [[1, -2, 3], [4, 5, -6]],
  u: [0.1, 0.5, 0.7, 0.3, 0.9, 0.45],
  dout: [[1, -1, 2], [0.5, 2, 3]],
  out: [[2, 0, 0], [8, 0, -12]],
  dx: [[2, 0, 0], [1, 0, 6]],
};

describe('spec', () => {
  test(say('the worked example: p = 0.5, u = [0.1, 0.5, 0.7, 0.3, 0.9, 0.45]', '完整算例：p = 0.5，u = [0.1, 0.5, 0.7, 0.3, 0.9, 0.45]'), () => {
    expectTrainCall(fromRows(WORKED.x), 0.5, WORKED.u, fromRows(WORKED.dout), { out: fromRows(WORKED.out), dx: fromRows(WORKED.dx) });
  });

  test(say('a number exactly at 1 − p drops its entry: kept iff u < 1 − p (p = 0.5 and p = 0.2)', '恰好等于 1 − p 的数会丢弃对应元素：当且仅当 u < 1 − p 时保留（p = 0.5 和 p = 0.2）'), () => {
    for (const p of [0.5, 0.2]) {
      const keep = 1 - p;
      const x = fromRows([[2, -4, 8]]);
      const u = [keep, keep - 1e-9, p / 2]; // at 1 − p, just below it, well below it
      const want = fromRows([[0, -4 / keep, 8 / keep]]);
      expectTrainCall(x, p, u, fromRows([[1, 1, 1]]), { out: want, dx: fromRows([[0, 1 / keep, 1 / keep]]) });
    }
  });

  test(say('train mode draws exactly N·D numbers from rng, also for p = 0 and p = 1', '训练模式从 rng 恰好抽 N·D 个数，p = 0 和 p = 1 时也一样'), () => {
    for (const p of [0, 0.5, 1]) {
      const x = normalMatrix(3, 4, createRng(11));
      const counted = countingRng(12);
      dropoutForward(x, p, 'train', counted.rng);
      expectDrawn(counted.drawn(), x, p, 'train');
    }
  });

  test(say('p = 1 gives zeros, not NaN: out and dx are all 0', 'p = 1 得到全零而不是 NaN：out 和 dx 都全为 0'), () => {
    const x = fromRows([[1, -2, 3], [0.5, 0, -7]]);
    const zeros = matrix(2, 3);
    expectTrainCall(x, 1, [0, 0.25, 0.5, 0.75, 0.1, 0.9], fromRows([[1, 2, 3], [4, 5, 6]]), { out: zeros, dx: zeros });
  });

  test(say('p = 0 in train mode keeps everything: out = x, dx = dout (and still N·D draws)', '训练模式下 p = 0 保留全部元素：out = x，dx = dout（仍然抽 N·D 个数）'), () => {
    const x = fromRows([[1, -2, 3], [0.5, 0, -7]]);
    const dout = fromRows([[1, 2, 3], [4, 5, 6]]);
    expectTrainCall(x, 0, [0, 0.25, 0.5, 0.75, 0.99, 0.9999], dout, { out: x, dx: dout });
  });

  test(say('eval mode is the identity (out = x, dx = dout) and never calls rng', '评估模式是恒等映射（out = x，dx = dout），并且从不调用 rng'), () => {
    for (const p of [0.5, 0, 1]) {
      const x = fromRows([[1, -2, 3], [0.5, 0, -7]]);
      const dout = fromRows([[1, 2, 3], [4, 5, 6]]);
      const { out, cache } = dropoutForward(x, p, 'eval', noDraws);
      withHint(say(`(eval mode, p = ${fmt(p)}: inverted dropout does all its scaling at train time.)`, `（评估模式，p = ${fmt(p)}：反向缩放的 Dropout 把缩放全部放在训练时完成。）`), () => {
        expectMatrixClose('out', out, x, { shapeHint: LIKE_X });
        expectMatrixClose('dx', dropoutBackward(dout, cache), dout, { shapeHint: LIKE_X });
      });
    }
  });

  test(say('out and dx are new matrices: neither shares memory with x or dout (both modes)', 'out 和 dx 都是新矩阵：两种模式下都不与 x 或 dout 共享内存'), () => {
    for (const mode of ['train', 'eval'] as const) {
      const x = normalMatrix(2, 3, createRng(21));
      const dout = normalMatrix(2, 3, createRng(22));
      const { out, cache } = dropoutForward(x, 0, mode, createRng(23));
      expectShapeOfX('out', out, x);
      const dx = dropoutBackward(dout, cache);
      expectShapeOfX('dx', dx, x);
      const arrays: [string, ArrayBufferLike][] = [['x', x.data.buffer], ['dout', dout.data.buffer], ['out', out.data.buffer], ['dx', dx.data.buffer]];
      for (let i = 2; i < arrays.length; i++) {
        for (let j = 0; j < i; j++) {
          check(arrays[i][1] !== arrays[j][1], () =>
            say(
              `in ${mode} mode, ${arrays[i][0]} shares its memory with ${arrays[j][0]}: return a new matrix, even where the values are the same (the caller keeps using ${arrays[j][0]}).`,
              `${mode} 模式下，${arrays[i][0]} 与 ${arrays[j][0]} 共享内存：即使数值相同，也要返回新矩阵（调用方还会继续使用 ${arrays[j][0]}）。`,
            ),
          );
        }
      }
    }
  });

  test(say('dropoutForward leaves x unchanged and dropoutBackward leaves dout and x unchanged (both modes)', 'dropoutForward 不改动 x，dropoutBackward 不改动 dout 和 x（两种模式）'), () => {
    for (const mode of ['train', 'eval'] as const) {
      const x = normalMatrix(3, 4, createRng(31));
      const dout = normalMatrix(3, 4, createRng(32));
      const [xBefore, doutBefore] = [snapshot(x), snapshot(dout)];
      const { cache } = dropoutForward(x, 0.5, mode, createRng(33));
      expectUnchanged('x', x, xBefore, `dropoutForward (${mode})`);
      dropoutBackward(dout, cache);
      expectUnchanged('dout', dout, doutBefore, `dropoutBackward (${mode})`);
      expectUnchanged('x', x, xBefore, `dropoutBackward (${mode})`);
    }
  });

  test(say('dropoutBackward uses the mask of its own cache, even after another forward pass', 'dropoutBackward 使用自己 cache 中的掩码，即使之后又做了一次前向传播'), () => {
    const x = fromRows([[1, 2, 3, 4]]);
    const dout = fromRows([[1, 1, 1, 1]]);
    const first = streamOf([0.1, 0.9, 0.1, 0.9]);
    const { cache } = dropoutForward(x, 0.5, 'train', first.rng);
    first.locked = true;
    const second = streamOf([0.9, 0.1, 0.9, 0.1]);
    dropoutForward(x, 0.5, 'train', second.rng); // another layer's forward pass, as in a network
    second.locked = true;
    withHint(
      say(
        'The first forward pass kept entries 0 and 2; read the mask from the cache argument, not from a variable that the latest forward pass overwrote.',
        '第一次前向传播保留的是第 0 和第 2 个元素；要从 cache 参数中读取掩码，而不是从被最近一次前向传播覆盖的变量中读取。',
      ),
      () => expectMatrixClose('dx', dropoutBackward(dout, cache), [[2, 0, 2, 0]], { shapeHint: LIKE_X }),
    );
  });

  test(say('p outside [0, 1], or NaN, throws an Error naming p, in both modes', 'p 超出 [0, 1] 或为 NaN 时，两种模式下都抛出写明 p 的 Error'), () => {
    const x = fromRows([[1, 2], [3, 4]]);
    for (const mode of ['train', 'eval'] as const) {
      for (const p of [-0.1, 1.5, Number.NaN]) {
        expectThrowsMentioning(`dropoutForward(x, ${String(p)}, '${mode}', rng)`, () => dropoutForward(x, p, mode, createRng(1)), [String(p)]);
      }
    }
  });

  test(say('dropoutBackward throws an Error naming both shapes when dout is not the shape of x (both modes)', 'dout 与 x 形状不同时，dropoutBackward 抛出写明两个形状的 Error（两种模式）'), () => {
    const x = normalMatrix(2, 3, createRng(41));
    for (const mode of ['train', 'eval'] as const) {
      const { cache } = dropoutForward(x, 0.5, mode, createRng(42));
      for (const [rows, cols] of [[3, 2], [2, 4]]) {
        const dout = matrix(rows, cols);
        expectThrowsMentioning(
          say(`dropoutBackward(dout ${rows}×${cols}, cache of a 2×3 x, ${mode})`, `dropoutBackward(dout ${rows}×${cols}, 对应 2×3 x 的 cache, ${mode})`),
          () => dropoutBackward(dout, cache),
          [`${rows}×${cols}`, '2×3'],
        );
      }
    }
  });
});

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'worked-example': '题面中的完整算例（N=2, D=3, p = 0.5）',
  'p-zero': 'p = 0 保留所有元素，out = x（N=3, D=4）',
  'p-one': 'p = 1 丢弃所有元素：out 和 dx 全为零，而不是 NaN（N=3, D=4）',
  'p-half-boundary': 'p = 0.5，若干个数恰好等于 1 − p = 0.5（丢弃：规则是 u < 1 − p）或紧挨着它（N=4, D=5）',
  'p-0.2-boundary': 'p = 0.2，若干个数恰好等于 1 − p = 0.8、等于 p = 0.2 或紧挨着它们：当且仅当 u < 0.8 时保留，缩放 1.25 倍（N=4, D=5）',
  'p-0.9': 'p = 0.9：只保留少数元素，每个放大 10 倍（N=5, D=6）',
  rectangular: '每个元素一个数，按行优先顺序（N=2, D=7, p = 0.4）',
  'mini-batch': '大小为 32 的小批量（D=10, p = 0.3）',
  eval: '评估模式是恒等映射且不抽随机数：out = x，dx = dout（N=3, D=4, p = 0.5）',
  'shared-stream': '同一个随机数流上的五次调用：p = 0、评估模式、p = 0.5、p = 1、p = 0.3（每次训练调用抽 N·D 个数，评估模式不抽）',
};

/** The matrix with every −0 written as 0. */
const plusZero = (a: Matrix): Matrix => matrix(a.rows, a.cols, a.data.map((value) => value + 0));

describe('fixtures', () => {
  type Call = { x: number[][]; p: number; mode: DropoutMode; dout: number[][] };
  type Input = { u: number[]; calls: Call[] };
  type Expected = { calls: { out: number[][]; dx: number[][] }[] };
  const fixture = loadFixture<Input, Expected>('dropout', 'dropout');
  for (const c of fixture.cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      // The calls share one stream, in order: each train call must read its own N·D numbers.
      const stream = streamOf(c.input.u);
      c.input.calls.forEach((call, i) => {
        const x = m(call.x);
        const before = stream.drawn();
        const where = c.input.calls.length > 1
          ? say(`(call ${i + 1} of ${c.input.calls.length}: ${call.mode}, p = ${fmt(call.p)})`, `（第 ${i + 1} 次调用，共 ${c.input.calls.length} 次：${call.mode}，p = ${fmt(call.p)}）`)
          : '';
        hinted(where, () => {
          stream.locked = false;
          const { out, cache } = dropoutForward(x, call.p, call.mode, call.mode === 'eval' ? noDraws : stream.rng);
          expectDrawn(stream.drawn() - before, x, call.p, call.mode);
          expectShapeOfX('out', out, x);
          // −0 (a dropped negative entry, as PyTorch writes it) is compared and shown as 0.
          const want = { out: plusZero(m(c.expected.calls[i].out)), dx: plusZero(m(c.expected.calls[i].dx)) };
          const k = firstDifference(out.data, want.out.data);
          const hint = k < 0 || call.mode === 'eval'
            ? ''
            : say(`For out${indexLabel(k, x.cols)}, `, `对 out${indexLabel(k, x.cols)} 来说，`) + entryRule(c.input.u[before + k], call.p, x.data[k]);
          hinted(hint, () => expectMatrixClose('out', out, want.out, { shapeHint: LIKE_X }));
          stream.locked = true;
          const dx = dropoutBackward(m(call.dout), cache);
          expectShapeOfX('dx', dx, x);
          withHint(
            say('dx must apply the forward pass’s mask and scale to dout.', 'dx 必须把前向传播的掩码和缩放作用在 dout 上。'),
            () => expectMatrixClose('dx', dx, want.dx, { shapeHint: LIKE_X }),
          );
        });
      });
    });
  }
});

describe('gradient check', () => {
  const cases: [number, DropoutMode, number, number][] = [[0.5, 'train', 3, 4], [0.2, 'train', 5, 3], [0.9, 'train', 4, 6], [0, 'train', 2, 3], [1, 'train', 2, 3], [0.5, 'eval', 3, 4]];
  for (const [p, mode, n, d] of cases) {
    test(say(
      `dx matches finite differences of L = Σ out ⊙ dout with the mask held fixed (${mode}, p = ${p}, N=${n}, D=${d})`,
      `dx 与 L = Σ out ⊙ dout 在掩码固定时的有限差分一致（${mode}，p = ${p}，N=${n}, D=${d}）`,
    ), () => {
      const seed = 500 + n * 10 + d;
      const x = normalMatrix(n, d, createRng(seed));
      const dout = normalMatrix(n, d, createRng(seed + 1));
      // The same seed for every forward pass: the same numbers, so the same mask each time.
      const { cache } = dropoutForward(x, p, mode, createRng(seed + 2));
      const dx = dropoutBackward(dout, cache);
      expectShapeOfX('dx', dx, x);
      expectGradientsMatch('L = Σ out ⊙ dout', () => projectOnto(dropoutForward(x, p, mode, createRng(seed + 2)).out, dout), [
        { name: 'dx', value: x, analytic: dx },
      ]);
    });
  }
});

describe('properties', () => {
  /** Random sizes from 1 to 6, a p that includes 0, 1 and the usual values, and a seed. */
  const anyCall = fc.record({
    n: fc.integer({ min: 1, max: 6 }),
    d: fc.integer({ min: 1, max: 6 }),
    p: fc.oneof(fc.constantFrom(0, 0.1, 0.2, 0.5, 0.9, 1), fc.double({ min: 0, max: 1, noNaN: true })),
    seed: fc.nat(),
  });
  type Call = { n: number; d: number; p: number; seed: number };
  const named = (s: Call): string => say(`N=${s.n}, D=${s.d}, p = ${s.p} (seed ${s.seed})`, `N=${s.n}, D=${s.d}, p = ${s.p}（种子 ${s.seed}）`);
  /** x without zeros (a normal number is never exactly 0 here), so out/x names the mask. */
  const inputs = (s: Call) => ({ x: normalMatrix(s.n, s.d, createRng(s.seed)), dout: normalMatrix(s.n, s.d, createRng(s.seed + 1)) });

  test(say('every entry of out is 0 or x/(1 − p)', 'out 的每个元素要么是 0，要么是 x/(1 − p)'), () => {
    expectProperty(say('out ∈ {0, x/(1 − p)}', 'out ∈ {0, x/(1 − p)}'), anyCall, (s) => {
      const { x } = inputs(s);
      const { out } = dropoutForward(x, s.p, 'train', createRng(s.seed + 2));
      expectShapeOfX('out', out, x);
      out.data.forEach((o, k) => {
        if (s.p === 1) {
          check(o === 0, () =>
            say(
              `out${indexLabel(k, s.d)} = ${fmt(o)}, but with p = 1 every entry is dropped: it must be 0 (never 0/0 or 0·∞)`,
              `out${indexLabel(k, s.d)} = ${fmt(o)}，但 p = 1 时每个元素都被丢弃：它必须是 0（绝不能是 0/0 或 0·∞）`,
            ),
          );
          return;
        }
        const kept = x.data[k] / (1 - s.p);
        check(o === 0 || Math.abs(o - kept) <= 1e-12 * Math.abs(kept), () =>
          say(
            `out${indexLabel(k, s.d)} = ${fmt(o)}, but it must be 0 (dropped) or x/(1 − p) = ${fmt(x.data[k])}/${fmt(1 - s.p)} = ${fmt(kept)} (kept)`,
            `out${indexLabel(k, s.d)} = ${fmt(o)}，但它必须是 0（丢弃）或 x/(1 − p) = ${fmt(x.data[k])}/${fmt(1 - s.p)} = ${fmt(kept)}（保留）`,
          ),
        );
      });
    }, 100, named);
  });

  test(say('dx is dout through the same mask as out: dx = dout ⊙ out / x', 'dx 经过与 out 相同的掩码：dx = dout ⊙ out / x'), () => {
    expectProperty(say('dx = dout ⊙ out / x', 'dx = dout ⊙ out / x'), anyCall, (s) => {
      const { x, dout } = inputs(s);
      const { out, cache } = dropoutForward(x, s.p, 'train', createRng(s.seed + 2));
      expectShapeOfX('out', out, x);
      const dx = dropoutBackward(dout, cache);
      expectShapeOfX('dx', dx, x);
      dx.data.forEach((g, k) => {
        const want = dout.data[k] * (out.data[k] / x.data[k]);
        check(Math.abs(g - want) <= 1e-12 + 1e-12 * Math.abs(want), () =>
          say(
            `dx${indexLabel(k, s.d)} = ${fmt(g)}, but out/x there is ${fmt(out.data[k] / x.data[k])}, so dx must be dout·${fmt(out.data[k] / x.data[k])} = ${fmt(want)}`,
            `dx${indexLabel(k, s.d)} = ${fmt(g)}，但该处 out/x 为 ${fmt(out.data[k] / x.data[k])}，所以 dx 必须是 dout·${fmt(out.data[k] / x.data[k])} = ${fmt(want)}`,
          ),
        );
      });
    }, 100, named);
  });

  test(say('exactly N·D calls of rng in train mode and none in eval mode, for any p', '对任意 p，训练模式恰好调用 rng N·D 次，评估模式一次也不调用'), () => {
    expectProperty(say('the number of draws', '抽取次数'), anyCall, (s) => {
      const { x } = inputs(s);
      for (const mode of ['train', 'eval'] as const) {
        const counted = countingRng(s.seed + 3);
        dropoutForward(x, s.p, mode, counted.rng);
        expectDrawn(counted.drawn(), x, s.p, mode);
      }
    }, 100, named);
  });

  test(say('p = 0 in train mode is the identity', '训练模式下 p = 0 是恒等映射'), () => {
    expectProperty(say('p = 0: out = x and dx = dout', 'p = 0：out = x 且 dx = dout'), anyCall, (s) => {
      const { x, dout } = inputs(s);
      const { out, cache } = dropoutForward(x, 0, 'train', createRng(s.seed + 2));
      expectMatrixClose('out', out, x, { shapeHint: LIKE_X });
      expectMatrixClose('dx', dropoutBackward(dout, cache), dout, { shapeHint: LIKE_X });
    }, 50, named);
  });

  test(say(
    'on a 200×500 matrix with a seeded rng, the fraction kept is ≈ 1 − p and the mean of out ≈ the mean of x (p = 0.1, 0.5, 0.8)',
    '在 200×500 的矩阵上用带种子的 rng：保留的比例 ≈ 1 − p，out 的均值 ≈ x 的均值（p = 0.1、0.5、0.8）',
  ), () => {
    const [rows, cols] = [200, 500];
    const count = rows * cols;
    // Positive entries, so an entry of out is non-zero exactly when it was kept.
    const x = matrix(rows, cols, Float64Array.from({ length: count }, (_, k) => 1 + 0.5 * Math.sin(k)));
    const meanX = x.data.reduce((s, value) => s + value, 0) / count;
    const meanSquare = x.data.reduce((s, value) => s + value * value, 0) / count;
    for (const p of [0.1, 0.5, 0.8]) {
      const { out } = dropoutForward(x, p, 'train', createRng(Math.round(p * 1000)));
      expectShapeOfX('out', out, x);
      const kept = out.data.reduce((s, value) => s + (value !== 0 ? 1 : 0), 0) / count;
      const keptTolerance = 6 * Math.sqrt((p * (1 - p)) / count); // six standard deviations
      check(Math.abs(kept - (1 - p)) <= keptTolerance, () =>
        say(
          `with p = ${p}, ${fmt(kept * 100)}% of the entries were kept; about ${fmt((1 - p) * 100)}% should be (1 − p: p is the probability of dropping).`,
          `p = ${p} 时保留了 ${fmt(kept * 100)}% 的元素；应当约为 ${fmt((1 - p) * 100)}%（1 − p：p 是丢弃的概率）。`,
        ),
      );
      const meanOut = out.data.reduce((s, value) => s + value, 0) / count;
      const meanTolerance = 6 * Math.sqrt((meanSquare * p) / (1 - p) / count);
      check(Math.abs(meanOut - meanX) <= meanTolerance, () =>
        say(
          `with p = ${p}, the mean of out is ${fmt(meanOut)} but the mean of x is ${fmt(meanX)}: in expectation out must equal x, which is what the 1/(1 − p) scale of the kept entries is for.`,
          `p = ${p} 时 out 的均值是 ${fmt(meanOut)}，而 x 的均值是 ${fmt(meanX)}：out 的期望必须等于 x，这正是给保留元素乘以 1/(1 − p) 的目的。`,
        ),
      );
    }
  });
});
