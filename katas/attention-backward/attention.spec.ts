/**
 * Spec for the attention-backward kata. Run it with `npm run grade -- attention`; the grader
 * decides which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import { createRng, fromRows, isMatrix, matrix, normalMatrix, shapeOf, zeros, type Matrix } from '../lib/index.ts';
import {
  check,
  describeValue,
  expectCacheStillServes,
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
import type { AttentionGradients } from './attention.ts';

type Impl = typeof import('./attention.ts');
const impl = await loadTarget<Impl>();
const { attentionForward, attentionBackward } = impl;

const LIKE_OUT = say('T×dv: one row per query, as wide as v', 'T×dv：每个查询一行，列数与 v 相同');
const LIKE_Q = say('T×d, like q', 'T×d，与 q 相同');
const LIKE_K = say('S×d, like k', 'S×d，与 k 相同');
const LIKE_V = say('S×dv, like v', 'S×dv，与 v 相同');
const OVERFLOW_HINT = say(
  'exp of a score of order 1e4 overflows: subtract each row’s largest (unmasked) score before exp.',
  '对 1e4 量级的分数直接求 exp 会上溢：求 exp 之前，先减去每行中（未被屏蔽的）最大分数。',
);

/** One attention call: its inputs, the mask flag and an upstream gradient for out. */
interface Problem {
  q: Matrix;
  k: Matrix;
  v: Matrix;
  dout: Matrix;
  causal: boolean;
}

/** T queries, S keys, d features, dv value columns; entries of a size where every gradient is visible. */
function randomProblem(t: number, s: number, d: number, dv: number, seed: number, causal: boolean): Problem {
  const rng = createRng(seed);
  return {
    q: normalMatrix(t, d, rng),
    k: normalMatrix(s, d, rng),
    v: normalMatrix(s, dv, rng),
    dout: normalMatrix(t, dv, rng),
    causal,
  };
}

/** The worked example of README.md: d = 4, so √d = 2; row 1's scores are [0, 2]. */
function workedExample(causal: boolean): Problem {
  return {
    q: fromRows([[1, 1, 1, 1], [1, 1, 1, 1]]),
    k: fromRows([[0, 0, 0, 0], [1, 1, 1, 1]]),
    v: fromRows([[1, 0], [0, 1]]),
    dout: fromRows([[1, 0], [0, 1]]),
    causal,
  };
}

const maskName = (causal: boolean): string => (causal ? say('causal', '因果掩码') : say('no mask', '无掩码'));

function forward(p: Problem): ReturnType<Impl['attentionForward']> {
  return attentionForward(p.q, p.k, p.v, { causal: p.causal });
}

/** out must be a T×dv Matrix. */
function expectOutShape(out: unknown, p: Problem): asserts out is Matrix {
  const shape = `${p.q.rows}×${p.v.cols}`;
  if (!isMatrix(out)) fail(say(`out should be a ${shape} Matrix (${LIKE_OUT}), but it is ${describeValue(out)}.`, `out 应当是 ${shape} 的 Matrix（${LIKE_OUT}），但它是 ${describeValue(out)}。`));
  check(out.rows === p.q.rows && out.cols === p.v.cols, () =>
    say(`out is ${shapeOf(out)}, but it must be ${shape} (${LIKE_OUT}).`, `out 是 ${shapeOf(out)}，但必须是 ${shape}（${LIKE_OUT}）。`),
  );
}

/** Every gradient has the shape of what it is the gradient of; checked before any value. */
function expectGradientShapes(grads: AttentionGradients, p: Problem): void {
  if (typeof grads !== 'object' || grads === null) {
    fail(say(`attentionBackward should return { dq, dk, dv }, but it returned ${describeValue(grads)}.`, `attentionBackward 应当返回 { dq, dk, dv }，但它返回了 ${describeValue(grads)}。`));
  }
  const matrices: [string, unknown, Matrix, string][] = [
    ['dq', grads.dq, p.q, LIKE_Q],
    ['dk', grads.dk, p.k, LIKE_K],
    ['dv', grads.dv, p.v, LIKE_V],
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
}

function forwardBackward(p: Problem): { out: Matrix; grads: AttentionGradients } {
  const { out, cache } = forward(p);
  expectOutShape(out, p);
  const grads = attentionBackward(p.dout, cache);
  expectGradientShapes(grads, p);
  return { out, grads };
}

/** L = Σ out ⊙ dout through the implementation's forward pass; its gradients are what attentionBackward(dout) returns. */
function expectMatchesFiniteDifferences(p: Problem): void {
  const { grads } = forwardBackward(p);
  expectGradientsMatch('L = Σ out ⊙ dout', () => projectOnto(forward(p).out, p.dout), [
    { name: 'dq', value: p.q, analytic: grads.dq },
    { name: 'dk', value: p.k, analytic: grads.dk },
    { name: 'dv', value: p.v, analytic: grads.dv },
  ]);
}

/** The first entry of row i of `a` that differs from `b`'s by more than round-off, or −1. */
function rowDifference(a: Matrix, b: Matrix, i: number): number {
  for (let c = 0; c < a.cols; c++) {
    const x = a.data[i * a.cols + c];
    const y = b.data[i * b.cols + c];
    if (!(Math.abs(x - y) <= 1e-12 + 1e-9 * Math.abs(y))) return c;
  }
  return -1;
}

function identity(n: number): Matrix {
  const out = zeros(n, n);
  for (let i = 0; i < n; i++) out.data[i * n + i] = 1;
  return out;
}

describe('spec', () => {
  test(say(
    'out = softmax(q·kᵀ/√d)·v row by row, with and without the causal mask (the worked example)',
    'out = softmax(q·kᵀ/√d)·v，逐行计算，带与不带因果掩码（完整算例）',
  ), () => {
    const e2 = Math.exp(2);
    const mixed = [1 / (1 + e2), e2 / (1 + e2)];
    const plain = workedExample(false);
    const out = forward(plain).out;
    expectOutShape(out, plain);
    withHint(say(
      'd = 4, so the scores of each row are q·kᵀ/2 = [0, 2] and the weights are softmax([0, 2]) ≈ [0.1192, 0.8808].',
      'd = 4，所以每行的分数是 q·kᵀ/2 = [0, 2]，权重是 softmax([0, 2]) ≈ [0.1192, 0.8808]。',
    ), () => expectMatrixClose('out', out, [mixed, mixed], { shapeHint: LIKE_OUT }));
    const masked = workedExample(true);
    const causalOut = forward(masked).out;
    expectOutShape(causalOut, masked);
    withHint(say(
      'With causal, query 0 sees key 0 only (its weights are [1, 0]); query 1 sees keys 0 and 1.',
      '使用因果掩码时，查询 0 只能看到键 0（权重为 [1, 0]）；查询 1 能看到键 0 和 1。',
    ), () => expectMatrixClose(say('out with causal', '带因果掩码的 out'), causalOut, [[1, 0], mixed], { shapeHint: LIKE_OUT }));
  });

  test(say(
    'out, dq, dk and dv have the right shapes (T=3, S=5, d=4, dv=2)',
    'out、dq、dk 和 dv 的形状正确（T=3, S=5, d=4, dv=2）',
  ), () => {
    forwardBackward(randomProblem(3, 5, 4, 2, 1, false));
    forwardBackward(randomProblem(3, 5, 4, 2, 2, true));
  });

  test(say(
    'the options argument may be left out: attentionForward(q, k, v) is attentionForward(q, k, v, { causal: false })',
    '选项参数可以省略：attentionForward(q, k, v) 等同于 attentionForward(q, k, v, { causal: false })',
  ), () => {
    const p = randomProblem(3, 4, 2, 2, 3, false);
    const want = forward(p).out;
    expectMatrixClose('attentionForward(q, k, v).out', attentionForward(p.q, p.k, p.v).out, want, { shapeHint: LIKE_OUT });
    expectMatrixClose('attentionForward(q, k, v, {}).out', attentionForward(p.q, p.k, p.v, {}).out, want, { shapeHint: LIKE_OUT });
  });

  test(say('attentionForward leaves q, k and v unchanged', 'attentionForward 不改动 q、k 和 v'), () => {
    for (const causal of [false, true]) {
      const p = randomProblem(4, 3, 2, 3, 4, causal);
      const before = [snapshot(p.q), snapshot(p.k), snapshot(p.v)];
      forward(p);
      expectUnchanged('q', p.q, before[0], 'attentionForward');
      expectUnchanged('k', p.k, before[1], 'attentionForward');
      expectUnchanged('v', p.v, before[2], 'attentionForward');
    }
  });

  test(say(
    'attentionBackward leaves dout, the returned out and the cached inputs unchanged',
    'attentionBackward 不改动 dout、返回的 out 以及缓存中的输入',
  ), () => {
    for (const causal of [false, true]) {
      const p = randomProblem(3, 4, 3, 2, 5, causal);
      const { out, cache } = forward(p);
      const watched: [string, Matrix][] = [['dout', p.dout], ['out', out], ['q', p.q], ['k', p.k], ['v', p.v]];
      const before = watched.map(([, value]) => snapshot(value));
      attentionBackward(p.dout, cache);
      watched.forEach(([name, value], i) => expectUnchanged(name, value, before[i], 'attentionBackward'));
    }
  });

  test(say(
    'out and every gradient are new arrays: none shares memory with an input or with another result',
    'out 和每个梯度都是新数组：与任何输入、与彼此都不共享内存',
  ), () => {
    // T = S and d = dv, so every result has the shape of some input.
    const p = randomProblem(3, 3, 2, 2, 6, false);
    const { out, grads } = forwardBackward(p);
    const all: [string, ArrayBufferLike][] = [
      ['q', p.q.data.buffer], ['k', p.k.data.buffer], ['v', p.v.data.buffer], ['dout', p.dout.data.buffer],
      ['out', out.data.buffer], ['dq', grads.dq.data.buffer], ['dk', grads.dk.data.buffer], ['dv', grads.dv.data.buffer],
    ];
    for (let i = 4; i < all.length; i++) {
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

  test(say('attentionBackward reads the cache it is given, not the latest forward pass', 'attentionBackward 读取传给它的缓存，而不是最近一次前向传播的结果'), () => {
    const first = randomProblem(3, 4, 2, 2, 7, true);
    const second = randomProblem(3, 4, 2, 2, 8, false);
    const { cache } = forward(first);
    const expected = attentionBackward(first.dout, cache);
    forward(second); // another layer's forward pass, as in a network
    const again = attentionBackward(first.dout, cache);
    for (const name of ['dq', 'dk', 'dv'] as const) expectCacheStillServes({ forward: 'attentionForward', backward: 'attentionBackward(dout, cache)' }, name, expected[name], again[name]);
  });

  test(say(
    'attentionForward throws an Error naming both shapes when q and k differ in d, or k and v in S',
    'q 与 k 的 d 不同，或 k 与 v 的 S 不同时，attentionForward 抛出写明两个形状的 Error',
  ), () => {
    const rng = createRng(9);
    const q = normalMatrix(3, 4, rng);
    const k = normalMatrix(5, 4, rng);
    const v = normalMatrix(5, 2, rng);
    expectThrowsMentioning('attentionForward(q 3×4, k 5×3, v 5×2)', () => attentionForward(q, normalMatrix(5, 3, rng), v), ['3×4', '5×3']);
    expectThrowsMentioning('attentionForward(q 3×4, k 5×4, v 6×2)', () => attentionForward(q, k, normalMatrix(6, 2, rng)), ['5×4', '6×2']);
    expectThrowsMentioning('attentionForward(q 3×4, k 5×4, v 4×2, { causal: true })', () => attentionForward(q, k, normalMatrix(4, 2, rng), { causal: true }), ['5×4', '4×2']);
  });

  test(say(
    'attentionBackward throws an Error naming both shapes when dout does not have the shape of out',
    'dout 与 out 形状不同时，attentionBackward 抛出写明两个形状的 Error',
  ), () => {
    const p = randomProblem(3, 4, 2, 2, 10, false);
    const { cache } = forward(p);
    expectThrowsMentioning(say('attentionBackward(dout 3×3, cache of out 3×2)', 'attentionBackward(dout 3×3, out 为 3×2 的 cache)'), () => attentionBackward(matrix(3, 3), cache), ['3×3', '3×2']);
    expectThrowsMentioning(say('attentionBackward(dout 4×2, cache of out 3×2)', 'attentionBackward(dout 4×2, out 为 3×2 的 cache)'), () => attentionBackward(matrix(4, 2), cache), ['4×2', '3×2']);
  });

  test(say(
    'no NaN or Infinity for scores of order ±1e4, with and without the mask',
    '分数达到 ±1e4 量级时，带与不带掩码都不出现 NaN 或 Infinity',
  ), () => {
    for (const causal of [false, true]) {
      const p = randomProblem(4, 5, 4, 3, 11, causal);
      for (let i = 0; i < p.q.data.length; i++) p.q.data[i] *= 100;
      for (let i = 0; i < p.k.data.length; i++) p.k.data[i] *= 100;
      const { out, grads } = forwardBackward(p);
      const results: [string, Matrix][] = [['out', out], ['dq', grads.dq], ['dk', grads.dk], ['dv', grads.dv]];
      for (const [name, value] of results) {
        const k = value.data.findIndex((x) => !Number.isFinite(x));
        check(k === -1, () =>
          say(
            `${name}${indexLabel(k, value.cols)} is ${fmt(value.data[k])} (${maskName(causal)}; q and k have entries of order 100, so the scores reach ~1e4). ${OVERFLOW_HINT}`,
            `${name}${indexLabel(k, value.cols)} 为 ${fmt(value.data[k])}（${maskName(causal)}；q 和 k 的元素约为 100，所以分数可达 1e4 左右）。${OVERFLOW_HINT}`,
          ),
        );
      }
    }
  });
});

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'worked-example': '题面中的完整算例（T=S=2, d=4, dv=2）',
  'worked-example-causal': '完整算例，causal = true（T=S=2, d=4, dv=2）',
  square: 'T = S = 4, d = 3, dv = 2，无掩码',
  'more-keys': 'T = 3 个查询，S = 5 个键（d = 4, dv = 3），无掩码',
  'more-queries': 'T = 5 个查询，S = 2 个键（d = 3, dv = 2），无掩码',
  'causal-square': '因果掩码，T = S = 5（d = 3, dv = 2）',
  'causal-fewer-queries': '因果掩码，T = 3 < S = 6（d = 2, dv = 3）：查询 i 看到键 0 … i（左上角对齐）',
  'causal-more-queries': '因果掩码，T = 6 > S = 3（d = 4, dv = 2）：查询 2 … 5 能看到全部键',
  'wide-d': 'd = 9（1/√d = 1/3），T = 3, S = 4, dv = 2，无掩码',
  'large-scores': '分数达到 1e4 量级（q、k 的元素约为 100，d = 4），T = 4, S = 5，无掩码',
  'large-scores-causal': '分数达到 1e4 量级，因果掩码（T = 4, S = 5）',
  'zero-upstream-row': 'dout[2] = 0（T = 4, S = 3, d = 2, dv = 3），因果掩码',
};


describe('fixtures', () => {
  type Input = { q: number[][]; k: number[][]; v: number[][]; dout: number[][]; causal: boolean };
  type Expected = { out: number[][]; dq: number[][]; dk: number[][]; dv: number[][] };
  for (const c of loadFixture<Input, Expected>('attention-backward', 'attention').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const p: Problem = { q: m(c.input.q), k: m(c.input.k), v: m(c.input.v), dout: m(c.input.dout), causal: c.input.causal };
      const { out, cache } = forward(p);
      expectOutShape(out, p);
      expectMatrixClose('out', out, c.expected.out, { shapeHint: LIKE_OUT });
      const grads = attentionBackward(p.dout, cache);
      expectGradientShapes(grads, p);
      withHint(say(
        'out is right, so the forward pass is right: look for the error in the backward pass.',
        'out 是对的，说明前向传播没问题：错误在反向传播里。',
      ), () => {
        expectMatrixClose('dv', grads.dv, c.expected.dv, { shapeHint: LIKE_V });
        expectMatrixClose('dq', grads.dq, c.expected.dq, { shapeHint: LIKE_Q });
        expectMatrixClose('dk', grads.dk, c.expected.dk, { shapeHint: LIKE_K });
      });
    });
  }
});

describe('gradient check', () => {
  const shapes: [number, number, number, number, boolean][] = [
    [2, 3, 4, 2, false],
    [3, 3, 2, 3, true],
    [2, 5, 3, 2, true],
    [5, 2, 3, 2, true],
    [3, 4, 5, 1, false],
  ];
  for (const [t, s, d, dv, causal] of shapes) {
    test(say(
      `dq, dk and dv match finite differences of L = Σ out ⊙ dout (T=${t}, S=${s}, d=${d}, dv=${dv}, ${maskName(causal)})`,
      `dq、dk 和 dv 与 L = Σ out ⊙ dout 的有限差分一致（T=${t}, S=${s}, d=${d}, dv=${dv}，${maskName(causal)}）`,
    ), () => {
      expectMatchesFiniteDifferences(randomProblem(t, s, d, dv, 100 + t * 1000 + s * 100 + d * 10 + dv, causal));
    });
  }
});

describe('properties', () => {
  const anyProblem = fc.record({
    t: fc.integer({ min: 1, max: 4 }),
    s: fc.integer({ min: 1, max: 5 }),
    d: fc.integer({ min: 1, max: 4 }),
    dv: fc.integer({ min: 1, max: 3 }),
    causal: fc.boolean(),
    seed: fc.nat(),
  });
  type Sizes = { t: number; s: number; d: number; dv: number; causal: boolean; seed: number };
  const named = (z: Sizes): string =>
    say(`T=${z.t}, S=${z.s}, d=${z.d}, dv=${z.dv}, ${maskName(z.causal)} (seed ${z.seed})`,
      `T=${z.t}, S=${z.s}, d=${z.d}, dv=${z.dv}，${maskName(z.causal)}（种子 ${z.seed}）`);
  const problemOf = (z: Sizes): Problem => randomProblem(z.t, z.s, z.d, z.dv, z.seed, z.causal);

  test(say(
    'the attention weights (out with v = I) are ≥ 0, sum to 1 along each row, and are 0 exactly where the mask is (j > i)',
    '注意力权重（v = I 时的 out）都 ≥ 0，每行和为 1，且恰好在掩码处（j > i）为 0',
  ), () => {
    expectProperty(say('the weights form a masked row softmax', '权重是带掩码的逐行 softmax'), anyProblem, (z) => {
      const p = { ...problemOf(z), v: identity(z.s) };
      const w = forward(p).out;
      expectOutShape(w, p);
      for (let i = 0; i < z.t; i++) {
        let sum = 0;
        for (let j = 0; j < z.s; j++) {
          const x = w.data[i * z.s + j];
          sum += x;
          const where = `out${indexLabel(i * z.s + j, z.s)}`;
          if (z.causal && j > i) {
            check(x === 0, () => say(
              `${where} = ${fmt(x)}: with causal, query ${i} must give key ${j} > ${i} the weight 0 (PyTorch’s is_causal masks j > i, top-left aligned).`,
              `${where} = ${fmt(x)}：使用因果掩码时，查询 ${i} 给键 ${j} > ${i} 的权重必须是 0（PyTorch 的 is_causal 屏蔽 j > i，左上角对齐）。`,
            ));
          } else {
            check(x > 0, () => say(
              `${where} = ${fmt(x)}: key ${j} is visible to query ${i}, so its softmax weight is positive.`,
              `${where} = ${fmt(x)}：键 ${j} 对查询 ${i} 可见，所以它的 softmax 权重应为正。`,
            ));
          }
        }
        check(Math.abs(sum - 1) <= 1e-12, () => say(
          `row ${i} of the weights sums to ${fmt(sum)}, not 1: the softmax normalises each query’s row (over the keys), not each column.`,
          `权重第 ${i} 行的和是 ${fmt(sum)}，不是 1：softmax 对每个查询的那一行（在键上）归一化，而不是对每一列。`,
        ));
      }
    }, 100, named);
  });

  test(say(
    'the scale is 1/√d: padding q and k with 3d zero columns and doubling q leaves out unchanged',
    '缩放系数是 1/√d：给 q 和 k 补上 3d 个全零列，同时把 q 乘以 2，out 不变',
  ), () => {
    expectProperty(say('out under d → 4d with q doubled', 'd → 4d 且 q 乘以 2 时的 out'), anyProblem, (z) => {
      const p = problemOf(z);
      const pad = (a: Matrix, factor: number): Matrix => {
        const wide = zeros(a.rows, 4 * a.cols);
        for (let r = 0; r < a.rows; r++) for (let c = 0; c < a.cols; c++) wide.data[r * 4 * a.cols + c] = factor * a.data[r * a.cols + c];
        return wide;
      };
      const want = forward(p).out;
      const got = attentionForward(pad(p.q, 2), pad(p.k, 1), p.v, { causal: z.causal }).out;
      withHint(say(
        `the scores are 2·q·kᵀ/√(4d) = q·kᵀ/√d either way, only if they are divided by √d (here √${4 * z.d} instead of √${z.d}).`,
        `只有分数除以 √d（这里是 √${4 * z.d} 而不是 √${z.d}）时，两种情形的分数才都是 2·q·kᵀ/√(4d) = q·kᵀ/√d。`,
      ), () => expectMatrixClose(say('out with q, k padded to 4d columns and q doubled', 'q、k 补到 4d 列且 q 乘以 2 时的 out'), got, want, { shapeHint: LIKE_OUT }));
    }, 100, named);
  });

  test(say(
    'with causal, out[i] does not depend on k[j] or v[j] for j > i',
    '使用因果掩码时，对 j > i，out[i] 不依赖于 k[j] 和 v[j]',
  ), () => {
    expectProperty(say('causality of the forward pass', '前向传播的因果性'), anyProblem.filter((z) => z.s >= 2), (z) => {
      const p = { ...problemOf(z), causal: true };
      const before = forward(p).out;
      expectOutShape(before, p);
      const j = 1 + (z.seed % (z.s - 1)); // a key after the first
      const rng = createRng(z.seed + 1);
      const k = fromRows(Array.from({ length: z.s }, (_, r) => Array.from({ length: z.d }, (_, c) => (r === j ? 3 * (rng() - 0.5) : p.k.data[r * z.d + c]))));
      const v = fromRows(Array.from({ length: z.s }, (_, r) => Array.from({ length: z.dv }, (_, c) => (r === j ? 10 * (rng() - 0.5) : p.v.data[r * z.dv + c]))));
      const after = attentionForward(p.q, k, v, { causal: true }).out;
      for (let i = 0; i < Math.min(j, z.t); i++) {
        const c = rowDifference(after, before, i);
        check(c === -1, () => say(
          `changing k[${j}] and v[${j}] changed out${indexLabel(i * z.dv + c, z.dv)} (${fmt(before.data[i * z.dv + c])} → ${fmt(after.data[i * z.dv + c])}): with causal, query ${i} must not see key ${j} > ${i}.`,
          `改动 k[${j}] 和 v[${j}] 改变了 out${indexLabel(i * z.dv + c, z.dv)}（${fmt(before.data[i * z.dv + c])} → ${fmt(after.data[i * z.dv + c])}）：使用因果掩码时，查询 ${i} 不能看到键 ${j} > ${i}。`,
        ));
      }
    }, 100, named);
  });

  test(say(
    'adding the same vector u to every key leaves out unchanged (each row’s scores move by the constant q[i]·u/√d: softmax ignores it)',
    '给每个键加上同一个向量 u，out 不变（每行的分数都平移同一个常数 q[i]·u/√d：softmax 不受影响）',
  ), () => {
    expectProperty(say('softmax shift invariance through the keys', '经由键体现的 softmax 平移不变性'), anyProblem, (z) => {
      const p = problemOf(z);
      const u = normalMatrix(1, z.d, createRng(z.seed + 2), 0, 2);
      const shifted = fromRows(Array.from({ length: z.s }, (_, r) => Array.from({ length: z.d }, (_, c) => p.k.data[r * z.d + c] + u.data[c])));
      const want = forward(p).out;
      const got = attentionForward(p.q, shifted, p.v, { causal: z.causal }).out;
      expectMatrixClose(say('out with u added to every row of k', 'k 的每一行都加上 u 之后的 out'), got, want, { shapeHint: LIKE_OUT });
    }, 100, named);
  });

  test(say(
    'without the mask, permuting the keys and the values together leaves out unchanged',
    '不加掩码时，对键和值做同一个置换，out 不变',
  ), () => {
    expectProperty(say('attention is a set operation over the keys', '注意力对键是集合运算'), anyProblem, (z) => {
      const p = { ...problemOf(z), causal: false };
      const order = Array.from({ length: z.s }, (_, j) => j);
      const rng = createRng(z.seed + 3);
      for (let j = z.s - 1; j > 0; j--) {
        const r = Math.floor(rng() * (j + 1));
        [order[j], order[r]] = [order[r], order[j]];
      }
      const k = fromRows(order.map((j) => p.k.data.slice(j * z.d, (j + 1) * z.d)));
      const v = fromRows(order.map((j) => p.v.data.slice(j * z.dv, (j + 1) * z.dv)));
      const want = forward(p).out;
      const got = attentionForward(p.q, k, v).out;
      expectMatrixClose(say(`out with keys and values in the order [${order.join(', ')}]`, `键和值按 [${order.join(', ')}] 重排之后的 out`), got, want, { shapeHint: LIKE_OUT });
    }, 100, named);
  });

  test(say(
    'dq, dk and dv match finite differences for random shapes, with and without the mask',
    '对随机形状，带与不带掩码，dq、dk 和 dv 都与有限差分一致',
  ), () => {
    expectProperty(say('the gradient check', '梯度检验'), anyProblem, (z) => expectMatchesFiniteDifferences(problemOf(z)), 40, named);
  });

  test(say(
    'masked entries pass no gradient: with causal and dout nonzero only on row i, dk[j] and dv[j] are exactly 0 for j > i',
    '被屏蔽的元素不传梯度：使用因果掩码且 dout 只在第 i 行非零时，对 j > i，dk[j] 和 dv[j] 恰好为 0',
  ), () => {
    expectProperty(say('no gradient through the mask', '梯度不穿过掩码'), anyProblem.filter((z) => z.s >= 2), (z) => {
      const p = { ...problemOf(z), causal: true };
      const only = z.seed % Math.min(z.t, z.s - 1); // a query that does not see the last key
      for (let k = 0; k < p.dout.data.length; k++) if (Math.floor(k / z.dv) !== only) p.dout.data[k] = 0;
      const { grads } = forwardBackward(p);
      for (const [name, g] of [['dk', grads.dk], ['dv', grads.dv]] as const) {
        for (let j = only + 1; j < z.s; j++) {
          const c = Array.from(g.data.subarray(j * g.cols, (j + 1) * g.cols)).findIndex((x) => x !== 0);
          check(c === -1, () => say(
            `dout is nonzero only on row ${only}, yet ${name}${indexLabel(j * g.cols + c, g.cols)} = ${fmt(g.data[j * g.cols + c])}: query ${only} never sees key ${j}, so no gradient may reach it through the masked weight.`,
            `dout 只在第 ${only} 行非零，但 ${name}${indexLabel(j * g.cols + c, g.cols)} = ${fmt(g.data[j * g.cols + c])}：查询 ${only} 从来看不到键 ${j}，梯度不能经被屏蔽的权重传到它。`,
          ));
        }
      }
    }, 100, named);
  });

  test(say(
    'a query whose upstream gradient is zero gets dq = 0 on its row',
    '上游梯度为零的查询，它那一行的 dq 为 0',
  ), () => {
    expectProperty(say('a zero row of dout', 'dout 的零行'), anyProblem, (z) => {
      const p = problemOf(z);
      const zero = z.seed % z.t;
      p.dout.data.fill(0, zero * z.dv, (zero + 1) * z.dv);
      const { grads } = forwardBackward(p);
      const c = Array.from(grads.dq.data.subarray(zero * z.d, (zero + 1) * z.d)).findIndex((x) => Math.abs(x) > 1e-14);
      check(c === -1, () => say(
        `dout[${zero}] = 0, yet dq${indexLabel(zero * z.d + c, z.d)} = ${fmt(grads.dq.data[zero * z.d + c])}: q[${zero}] only affects out[${zero}], so with no gradient on that row it gets none.`,
        `dout[${zero}] = 0，但 dq${indexLabel(zero * z.d + c, z.d)} = ${fmt(grads.dq.data[zero * z.d + c])}：q[${zero}] 只影响 out[${zero}]，这一行没有梯度，它也就没有梯度。`,
      ));
    }, 100, named);
  });

  test(say(
    'attentionForward and attentionBackward never modify their inputs, for random shapes',
    '对随机形状，attentionForward 和 attentionBackward 都不修改它们的输入',
  ), () => {
    expectProperty(say('inputs unchanged', '输入不变'), anyProblem, (z) => {
      const p = problemOf(z);
      const watched: [string, Matrix][] = [['q', p.q], ['k', p.k], ['v', p.v], ['dout', p.dout]];
      const before = watched.map(([, value]) => snapshot(value));
      const { out, cache } = forward(p);
      const outBefore = snapshot(out);
      attentionBackward(p.dout, cache);
      watched.forEach(([name, value], i) => expectUnchanged(name, value, before[i], say('attentionForward or attentionBackward', 'attentionForward 或 attentionBackward')));
      expectUnchanged('out', out, outBefore, 'attentionBackward');
    }, 100, named);
  });
});
