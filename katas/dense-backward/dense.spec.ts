/**
 * Spec for the dense-backward kata. Run it with `npm run grade -- dense`; the grader decides
 * which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import {
  add,
  createRng,
  fromRows,
  isMatrix,
  normalMatrix,
  normalVector,
  scale,
  shapeOf,
  sumRows,
  takeRows,
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
  expectSampledClose,
  expectThrowsMentioning,
  expectUnchanged,
  expectVectorClose,
  fail,
  fmt,
  fixtureCaseName,
  loadFixture,
  loadTarget,
  m,
  patternMatrix,
  patternVector,
  projectOnto,
  sampleEntries,
  snapshot,
  v,
  describe,
  test,
  say,
  withHint,
  type PatternSpec,
  type SampledMatrix,
} from '../../grader/harness/index.ts';
import type { DenseGradients } from './dense.ts';

type Impl = typeof import('./dense.ts');
const impl = await loadTarget<Impl>();
const { denseForward, denseBackward } = impl;

/** What each gradient's shape is, in symbols: the hints of the failure messages. */
const LIKE_X = say('N×D, like x', 'N×D，与 x 相同');
const LIKE_W = say('D×M, like w', 'D×M，与 w 相同');
const LIKE_B = say('M, like b', 'M，与 b 相同');

/** One dense layer's inputs and an upstream gradient for its output. */
interface Layer {
  x: Matrix;
  w: Matrix;
  b: Float64Array;
  dout: Matrix;
}

/** A layer with standard-normal entries: x N×D, w D×M, b M, dout N×M. */
function randomLayer(n: number, d: number, mCols: number, seed: number): Layer {
  const rng = createRng(seed);
  return { x: normalMatrix(n, d, rng), w: normalMatrix(d, mCols, rng), b: normalVector(mCols, rng), dout: normalMatrix(n, mCols, rng) };
}

/** The worked example of README.md: small integers, checkable by hand. */
function workedExample(): Layer {
  return {
    x: fromRows([[1, 2, 3], [4, 5, 6]]),
    w: fromRows([[1, -1], [0, 2], [1, 0]]),
    b: Float64Array.from([10, 20]),
    dout: fromRows([[1, 0], [2, -1]]),
  };
}

/** Forward, then backward with the cache that forward returned. */
function forwardBackward(layer: Layer): { out: Matrix; grads: DenseGradients } {
  const { out, cache } = denseForward(layer.x, layer.w, layer.b);
  return { out, grads: denseBackward(layer.dout, cache) };
}

/**
 * A gradient has the shape of the thing it is the gradient of. Checked before any value, so a
 * transposed dW is reported as transposed rather than as a list of wrong numbers.
 */
function expectGradientShapes(grads: DenseGradients, { x, w, b }: Layer): void {
  const matrices = [
    ['dx', grads.dx, x, LIKE_X],
    ['dw', grads.dw, w, LIKE_W],
  ] as const;
  for (const [name, got, like, hint] of matrices) {
    if (!isMatrix(got)) {
      fail(
        say(
          `${name} should be a ${shapeOf(like)} Matrix (${hint}), but it is ${describeValue(got)}.`,
          `${name} 应当是 ${shapeOf(like)} 的 Matrix（${hint}），但它是 ${describeValue(got)}。`,
        ),
      );
    }
    if (got.rows !== like.rows || got.cols !== like.cols) {
      const transposed = got.rows === like.cols && got.cols === like.rows ? say(' It looks transposed.', '看起来是转置了。') : '';
      fail(say(
        `${name} is ${shapeOf(got)}, but it must be ${shapeOf(like)} (${hint}).${transposed}`,
        `${name} 是 ${shapeOf(got)}，但必须是 ${shapeOf(like)}（${hint}）。${transposed}`,
      ));
    }
  }
  if (!(grads.db instanceof Float64Array)) {
    fail(
      say(
        `db should be a Float64Array of ${b.length} entries (M, like b), but it is ${describeValue(grads.db)}.`,
        `db 应当是含 ${b.length} 项的 Float64Array（M，与 b 相同），但它是 ${describeValue(grads.db)}。`,
      ),
    );
  }
  check(grads.db.length === b.length, () =>
    say(`db has ${grads.db.length} entries, but it must have ${b.length} (M, like b).`, `db 有 ${grads.db.length} 项，但必须有 ${b.length} 项（M，与 b 相同）。`),
  );
}

describe('spec', () => {
  test(say('out = x·w + b, with b added to every row (the worked example)', 'out = x·w + b，b 加到每一行上（完整算例）'), () => {
    const { x, w, b } = workedExample();
    expectMatrixClose('out', denseForward(x, w, b).out, [[14, 23], [20, 26]], { shapeHint: 'N×M' });
  });

  test(say('dx, dw and db have the shapes of x, w and b (N=4, D=3, M=2)', 'dx、dw 和 db 的形状分别与 x、w 和 b 相同（N=4, D=3, M=2）'), () => {
    const layer = randomLayer(4, 3, 2, 1);
    expectGradientShapes(forwardBackward(layer).grads, layer);
  });

  test(say('denseForward leaves x, w and b unchanged', 'denseForward 不改动 x、w 和 b'), () => {
    const { x, w, b } = randomLayer(4, 3, 2, 2);
    const before = [snapshot(x), snapshot(w), snapshot(b)];
    denseForward(x, w, b);
    expectUnchanged('x', x, before[0], 'denseForward');
    expectUnchanged('w', w, before[1], 'denseForward');
    expectUnchanged('b', b, before[2], 'denseForward');
  });

  test(say('denseBackward leaves dout and the cached x and w unchanged', 'denseBackward 不改动 dout 以及缓存中的 x 和 w'), () => {
    const { x, w, b, dout } = randomLayer(4, 3, 2, 3);
    const { cache } = denseForward(x, w, b);
    const before = [snapshot(dout), snapshot(x), snapshot(w)];
    denseBackward(dout, cache);
    expectUnchanged('dout', dout, before[0], 'denseBackward');
    expectUnchanged('x', x, before[1], 'denseBackward');
    expectUnchanged('w', w, before[2], 'denseBackward');
  });

  test(say(
    'out, dx, dw and db are new arrays: none shares memory with an input or with another result',
    'out、dx、dw 和 db 都是新数组：与任何输入、与彼此都不共享内存',
  ), () => {
    const layer = randomLayer(3, 2, 2, 16);
    const { out, grads } = forwardBackward(layer);
    expectGradientShapes(grads, layer);
    const arrays: [string, ArrayBufferLike][] = [
      ['x', layer.x.data.buffer],
      ['w', layer.w.data.buffer],
      ['b', layer.b.buffer],
      ['dout', layer.dout.data.buffer],
      ['out', out.data.buffer],
      ['dx', grads.dx.data.buffer],
      ['dw', grads.dw.data.buffer],
      ['db', grads.db.buffer],
    ];
    for (let i = 4; i < arrays.length; i++) {
      for (let j = 0; j < i; j++) {
        check(arrays[i][1] !== arrays[j][1], () =>
          say(
            `${arrays[i][0]} shares its memory with ${arrays[j][0]} (the same underlying buffer). Every result must be a new array: ` +
              `the caller keeps ${arrays[j][0]} and ${arrays[i][0]} apart (an optimizer writes into w while dw is read, the next layer reuses out).`,
            `${arrays[i][0]} 与 ${arrays[j][0]} 共享内存（同一个底层 buffer）。每个结果都必须是新数组：` +
              `调用方会分别使用 ${arrays[j][0]} 和 ${arrays[i][0]}（优化器在读取 dw 的同时写入 w，下一层会复用 out）。`,
          ),
        );
      }
    }
  });

  test(say('denseBackward reads the cache it is given, not the latest forward pass', 'denseBackward 读取传给它的缓存，而不是最近一次前向传播的结果'), () => {
    const first = randomLayer(3, 4, 2, 4);
    const second = randomLayer(3, 4, 2, 5);
    const { cache } = denseForward(first.x, first.w, first.b);
    const expected = denseBackward(first.dout, cache);
    expectGradientShapes(expected, first);
    denseForward(second.x, second.w, second.b); // another layer's forward pass, as in a network
    const again = denseBackward(first.dout, cache);
    const advice = say(
        'Read x and w from the cache argument, not from variables that the latest forward pass overwrote: a network runs every forward pass before any backward pass.',
        '要从 cache 参数中读取 x 和 w，而不是从被最近一次前向传播覆盖的变量中读取：网络会先跑完所有前向传播，再做任何反向传播。',
      );
    for (const name of ['dx', 'dw'] as const) expectCacheStillServes({ forward: 'denseForward', backward: 'denseBackward(dout, cache)' }, name, expected[name], again[name], advice);
  });

  test(say('denseForward throws an Error naming both shapes when x and w do not fit', 'x 与 w 的形状不匹配时，denseForward 抛出写明两个形状的 Error'), () => {
    const { x } = randomLayer(4, 3, 2, 6);
    const { w, b } = randomLayer(5, 5, 2, 7);
    expectThrowsMentioning('denseForward(x 4×3, w 5×2, b)', () => denseForward(x, w, b), ['4×3', '5×2']);
  });

  test(say('denseForward throws an Error naming both shapes when w and b do not fit', 'w 与 b 的形状不匹配时，denseForward 抛出写明两个形状的 Error'), () => {
    const { x, w } = randomLayer(4, 3, 2, 8);
    const b = new Float64Array(5);
    expectThrowsMentioning(say(
      'denseForward(x 4×3, w 3×2, b of 5 entries)',
      'denseForward(x 4×3, w 3×2, 含 5 项的 b)',
    ), () => denseForward(x, w, b), ['3×2', '5']);
  });

  test(say(
    'denseBackward throws an Error naming both shapes when dout does not match out',
    'dout 与 out 的形状不一致时，denseBackward 抛出写明两个形状的 Error',
  ), () => {
    const { x, w, b } = randomLayer(4, 5, 2, 9);
    const { cache } = denseForward(x, w, b);
    for (const [rows, cols] of [[4, 3], [3, 2]]) {
      const dout = normalMatrix(rows, cols, createRng(10));
      expectThrowsMentioning(say(
        `denseBackward(dout ${rows}×${cols}, cache of a 4×2 out)`,
        `denseBackward(dout ${rows}×${cols}, 对应 4×2 out 的 cache)`,
      ), () => denseBackward(dout, cache), [
        `${rows}×${cols}`,
        '4×2',
      ]);
    }
  });
});

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'worked-example': '题面中的完整算例（N=2, D=3, M=2）',
  'single-example': '单个样本（N=1, D=3, M=2）',
  'batch-of-seven': 'db 对批量求和（N=7, D=5, M=3）',
  'square-weights': '权重是方阵（D = M = 3）：漏了转置，形状不变，数值却不对',
  'batch-equals-features': 'N = D = 3，M = 5：dx 是 dout·Wᵀ，而不是它的转置',
  'all-sizes-equal': '所有维度都相等（N = D = M = 4）',
  'one-feature': '只有一个输入特征（N=5, D=1, M=4）',
  'one-output': '只有一个输出单元，类似回归头（N=6, D=4, M=1）',
  'mini-batch': '大小为 32 的小批量（D=10, M=6）：dw 和 db 要把全部 32 个样本加起来',
  'mixed-scales': '输入的尺度相差悬殊（x ≈ 1e3，w ≈ 1e-3，dout ≈ 1e-2；N=3, D=4, M=2）',
  'mnist-first-layer-300': 'MNIST 网络的第一层，批量为 300（N=300, D=784, M=128）：db 要对全部 300 行求和',
  'output-layer-33': '它的输出层，批量为 33，比训练器的 32 多一行（N=33, D=128, M=10）',
  'partial-batch-17': '最后一个不完整的批量，大小为 17（N=17, D=128, M=128）',
};

describe('fixtures', () => {
  type Input = { x: number[][]; w: number[][]; b: number[]; dout: number[][] };
  type Expected = { out: number[][]; dx: number[][]; dw: number[][]; db: number[] };
  const fixture = loadFixture<Input, Expected>('dense-backward', 'dense');
  for (const c of fixture.cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const layer: Layer = { x: m(c.input.x), w: m(c.input.w), b: v(c.input.b), dout: m(c.input.dout) };
      const { out, cache } = denseForward(layer.x, layer.w, layer.b);
      expectMatrixClose('out', out, c.expected.out, { shapeHint: 'N×M' });
      const grads = denseBackward(layer.dout, cache);
      expectGradientShapes(grads, layer);
      expectMatrixClose('dx', grads.dx, c.expected.dx, { shapeHint: LIKE_X });
      expectMatrixClose('dw', grads.dw, c.expected.dw, { shapeHint: LIKE_W });
      expectVectorClose('db', grads.db, c.expected.db, { lengthHint: LIKE_B });
    });
  }

  type LargeInput = { x: { pattern: PatternSpec }; w: { pattern: PatternSpec }; b: { pattern: PatternSpec }; dout: { pattern: PatternSpec } };
  type LargeExpected = { out: SampledMatrix; dx: SampledMatrix; dw: SampledMatrix; db: number[] };
  // Real sizes (a batch of 300 through the MNIST network's 784×128 layer): db is compared whole,
  // out, dx and dw at sampled entries on both sides of row 32 (the trainer's batch size).
  for (const c of loadFixture<LargeInput, LargeExpected>('dense-backward', 'large').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const layer: Layer = {
        x: patternMatrix(c.input.x.pattern),
        w: patternMatrix(c.input.w.pattern),
        b: patternVector(c.input.b.pattern),
        dout: patternMatrix(c.input.dout.pattern),
      };
      const { out, cache } = denseForward(layer.x, layer.w, layer.b);
      expectSampledClose('out', out, c.expected.out, 'N×M');
      const grads = denseBackward(layer.dout, cache);
      expectGradientShapes(grads, layer);
      const n = layer.dout.rows;
      const hint = say(
        `db is the sum of all ${n} rows of dout, and dw adds up all ${n} examples: loop to dout.rows, not to a batch size.`,
        `db 是 dout 全部 ${n} 行之和，dw 也要把全部 ${n} 个样本加起来：循环以 dout.rows 为界，而不是某个批量大小。`,
      );
      withHint(hint, () => expectVectorClose('db', grads.db, c.expected.db, { lengthHint: LIKE_B }));
      expectSampledClose('dx', grads.dx, c.expected.dx, LIKE_X);
      expectSampledClose('dw', grads.dw, c.expected.dw, say('D×M, like w: a sum over all N examples', 'D×M，与 w 相同：是对全部 N 个样本的求和'));
    });
  }
});

/**
 * L = Σ out ⊙ dout has exactly dout as its gradient with respect to out, so its gradients with
 * respect to x, w and b are what denseBackward(dout) must return. `layer`'s x, w and b are
 * perturbed in place (and restored) by the check.
 */
function expectMatchesFiniteDifferences(layer: Layer): void {
  const { grads } = forwardBackward(layer);
  expectGradientShapes(grads, layer);
  expectGradientsMatch('L = Σ out ⊙ dout', () => projectOnto(denseForward(layer.x, layer.w, layer.b).out, layer.dout), [
    { name: 'dx', value: layer.x, analytic: grads.dx },
    { name: 'dw', value: layer.w, analytic: grads.dw },
    { name: 'db', value: layer.b, analytic: grads.db },
  ]);
}

describe('gradient check', () => {
  const shapes: [number, number, number][] = [[1, 3, 2], [7, 5, 3], [4, 3, 3], [3, 3, 5], [6, 1, 1]];
  for (const [n, d, mCols] of shapes) {
    test(say(
      `dx, dw and db match finite differences of L = Σ out ⊙ dout (N=${n}, D=${d}, M=${mCols})`,
      `dx、dw 和 db 与 L = Σ out ⊙ dout 的有限差分一致（N=${n}, D=${d}, M=${mCols}）`,
    ), () => {
      expectMatchesFiniteDifferences(randomLayer(n, d, mCols, 100 + n * 100 + d * 10 + mCols));
    });
  }

  // A batch of 300: every entry would cost 2·(300·32 + 32·16 + 16) forward passes, so ~50 sampled
  // entries of dx and dw (rows 0, 31, 32, 33, 299 among them) and every entry of db are checked.
  test(say(
    'a batch of 300 (N=300, D=32, M=16): sampled entries of dx and dw, and all of db, match finite differences',
    '批量为 300（N=300, D=32, M=16）：dx 和 dw 的抽样元素以及 db 的全部元素都与有限差分一致',
  ), () => {
    const layer = randomLayer(300, 32, 16, 4242);
    const { grads } = forwardBackward(layer);
    expectGradientShapes(grads, layer);
    expectGradientsMatch(say(
      'L = Σ out ⊙ dout on a batch of 300',
      'L = Σ out ⊙ dout，批量为 300',
    ), () => projectOnto(denseForward(layer.x, layer.w, layer.b).out, layer.dout), [
      { name: 'dx', value: layer.x, analytic: grads.dx, entries: sampleEntries(300, 32) },
      { name: 'dw', value: layer.w, analytic: grads.dw, entries: sampleEntries(32, 16) },
      { name: 'db', value: layer.b, analytic: grads.db },
    ]);
  });
});

describe('properties', () => {
  /**
   * Random sizes from 1 to 5 and a seed for the values: fast-check shrinks a failure to the
   * smallest sizes (and seed) that still fail, which is the example a learner can follow.
   */
  const anyLayer = fc.record({
    n: fc.integer({ min: 1, max: 5 }),
    d: fc.integer({ min: 1, max: 5 }),
    m: fc.integer({ min: 1, max: 5 }),
    seed: fc.nat(),
  });
  type Sizes = { n: number; d: number; m: number; seed: number };
  const layerOf = (s: Sizes): Layer => randomLayer(s.n, s.d, s.m, s.seed);
  const named = (s: Sizes): string => say(`N=${s.n}, D=${s.d}, M=${s.m} (seed ${s.seed})`, `N=${s.n}, D=${s.d}, M=${s.m}（种子 ${s.seed}）`);

  test(say('gradients match finite differences for random shapes and values', '对随机的形状和数值，梯度与有限差分一致'), () => {
    expectProperty(say('the gradient check', '梯度检验'), anyLayer, (s) => expectMatchesFiniteDifferences(layerOf(s)), 60, named);
  });

  test(say('db equals the column sums of dout', 'db 等于 dout 的列和'), () => {
    expectProperty('db = Σₙ dout[n]', anyLayer, (s) => {
      const layer = layerOf(s);
      expectVectorClose('db', forwardBackward(layer).grads.db, sumRows(layer.dout), { lengthHint: LIKE_B });
    }, 100, named);
  });

  test(say('backward is linear in dout', '反向传播对 dout 是线性的'), () => {
    expectProperty('backward(2·d₁ − 3·d₂) = 2·backward(d₁) − 3·backward(d₂)', anyLayer, (s) => {
      const layer = layerOf(s);
      const { x, w, b, dout } = layer;
      const other = normalMatrix(s.n, s.m, createRng(s.seed + 1));
      const one = denseBackward(dout, denseForward(x, w, b).cache);
      expectGradientShapes(one, layer);
      const two = denseBackward(other, denseForward(x, w, b).cache);
      const mixed = denseBackward(add(scale(dout, 2), scale(other, -3)), denseForward(x, w, b).cache);
      const combine = (p: Matrix, q: Matrix): Matrix => add(scale(p, 2), scale(q, -3));
      expectMatrixClose('dx', mixed.dx, combine(one.dx, two.dx), { shapeHint: LIKE_X });
      expectMatrixClose('dw', mixed.dw, combine(one.dw, two.dw), { shapeHint: LIKE_W });
      const db = one.db.map((value, j) => 2 * value - 3 * two.db[j]);
      expectVectorClose('db', mixed.db, db, { lengthHint: LIKE_B });
    }, 100, named);
  });

  test(say(
    'a batch’s dw and db are the sums of its examples’, and row n of dx is example n’s dx',
    '一个批量的 dw 和 db 等于其中各样本的 dw 和 db 之和，dx 的第 n 行就是样本 n 的 dx',
  ), () => {
    expectProperty(say('gradients add up over the batch', '梯度按样本累加'), anyLayer, (s) => {
      const layer = layerOf(s);
      const whole = forwardBackward(layer).grads;
      expectGradientShapes(whole, layer);
      let dw = zeros(s.d, s.m);
      const db = new Float64Array(s.m);
      for (let n = 0; n < s.n; n++) {
        const one = forwardBackward({ x: takeRows(layer.x, [n]), w: layer.w, b: layer.b, dout: takeRows(layer.dout, [n]) }).grads;
        expectMatrixClose(say(`row ${n} of dx`, `dx 的第 ${n} 行`), takeRows(whole.dx, [n]), one.dx, {
          shapeHint: say(`example ${n}'s dx alone`, `样本 ${n} 单独的 dx`),
        });
        dw = add(dw, one.dw);
        for (let j = 0; j < s.m; j++) db[j] += one.db[j];
      }
      expectMatrixClose(say('dw of the batch', '整个批量的 dw'), whole.dw, dw, { shapeHint: say('the sum of each example’s dw', '各样本的 dw 之和') });
      expectVectorClose(say('db of the batch', '整个批量的 db'), whole.db, db, { lengthHint: say('the sum of each example’s db', '各样本的 db 之和') });
    }, 100, named);
  });

  /** Batches beyond the trainer's 32 and beyond: N from 33 to 300, D and M up to 64. */
  const largeLayer = fc.record({
    n: fc.integer({ min: 33, max: 300 }),
    d: fc.integer({ min: 1, max: 64 }),
    m: fc.integer({ min: 1, max: 64 }),
    seed: fc.nat(),
  });

  test(say(
    'large batches (N from 33 to 300): db is the column sums of dout, dw = Σₙ x[n]ᵀ·dout[n], dx[n] = dout[n]·wᵀ',
    '大批量（N 从 33 到 300）：db 是 dout 的列和，dw = Σₙ x[n]ᵀ·dout[n]，dx[n] = dout[n]·wᵀ',
  ), () => {
    // Exact identities, each O(N·D·M) once: cheap at any size, and they hold row by row.
    expectProperty(say('the batch sums at N > 32', 'N > 32 时的批量求和'), largeLayer, (s) => {
      const layer = layerOf(s);
      const grads = forwardBackward(layer).grads;
      expectGradientShapes(grads, layer);
      withHint(say(`db must be the column sums of all ${s.n} rows of dout, however many there are.`, `db 必须是 dout 全部 ${s.n} 行的列和，不管有多少行。`), () =>
        expectVectorClose('db', grads.db, sumRows(layer.dout), { lengthHint: LIKE_B }),
      );
      // Three rows, among them the last and one past 32, each against its own one-example backward.
      for (const n of [0, 32, s.n - 1]) {
        const one = forwardBackward({ x: takeRows(layer.x, [n]), w: layer.w, b: layer.b, dout: takeRows(layer.dout, [n]) }).grads;
        expectMatrixClose(say(`row ${n} of dx`, `dx 的第 ${n} 行`), takeRows(grads.dx, [n]), one.dx, {
          shapeHint: say(`example ${n}'s dx alone`, `样本 ${n} 单独的 dx`),
        });
      }
      const { out } = denseForward(layer.x, layer.w, layer.b);
      const want = projectOnto(out, layer.dout) - projectOnto(grads.db, layer.b);
      const got = projectOnto(grads.dw, layer.w);
      check(Math.abs(got - want) <= 1e-9 * (Math.abs(got) + Math.abs(want) + 1), () =>
        say(
          `⟨dw, w⟩ = ${fmt(got)}, but Σ out ⊙ dout − ⟨db, b⟩ = ${fmt(want)}: with ${s.n} examples, dw must add up every one of them`,
          `⟨dw, w⟩ = ${fmt(got)}，但 Σ out ⊙ dout − ⟨db, b⟩ = ${fmt(want)}：共有 ${s.n} 个样本，dw 必须把每一个都加起来`,
        ),
      );
    }, 20, named);
  });

  test('⟨dx, x⟩ = ⟨dw, w⟩ = Σ out ⊙ dout − ⟨db, b⟩', () => {
    // Both inner products equal Σ dout ⊙ (x·w): L is linear in x and in w separately.
    expectProperty('⟨dx, x⟩ = ⟨dw, w⟩ = Σ out ⊙ dout − ⟨db, b⟩', anyLayer, (s) => {
      const layer = layerOf(s);
      const { out, grads } = forwardBackward(layer);
      expectGradientShapes(grads, layer);
      const want = projectOnto(out, layer.dout) - projectOnto(grads.db, layer.b);
      for (const [name, grad, input] of [['⟨dx, x⟩', grads.dx, layer.x], ['⟨dw, w⟩', grads.dw, layer.w]] as const) {
        const got = projectOnto(grad, input);
        // Round-off grows with the size of the terms, so the tolerance is relative to them.
        const size = Math.abs(got) + Math.abs(want) + 1;
        check(Math.abs(got - want) <= 1e-9 * size, () =>
          say(`${name} = ${fmt(got)}, but Σ out ⊙ dout − ⟨db, b⟩ = ${fmt(want)}`, `${name} = ${fmt(got)}，但 Σ out ⊙ dout − ⟨db, b⟩ = ${fmt(want)}`),
        );
      }
    }, 100, named);
  });
});
