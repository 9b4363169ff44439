/**
 * Spec for the activations kata. Run it with `npm run grade -- activations`; the grader decides
 * which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import { createRng, fromRows, isMatrix, matrix, shapeOf, type Matrix, type Rng } from '../lib/index.ts';
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
  say,
  snapshot,
  withHint,
  describe,
  test,
} from '../../grader/harness/index.ts';

type Impl = typeof import('./activations.ts');
const impl = await loadTarget<Impl>();
const { reluForward, reluBackward, leakyReluForward, leakyReluBackward, tanhForward, tanhBackward, geluForward, geluBackward } = impl;

// ---------------------------------------------------------------------------------------
// The four activations, as one list: name, forward and backward with the cache in between.
// ---------------------------------------------------------------------------------------

type Name = 'relu' | 'leakyRelu' | 'tanh' | 'gelu';

interface Activation {
  name: Name;
  forwardName: string;
  backwardName: string;
  forward(x: Matrix): { out: Matrix; cache: unknown };
  backward(dout: Matrix, cache: unknown): Matrix;
}

/** leakyRelu with a given slope (undefined: the default). */
function leaky(slope?: number): Activation {
  return {
    name: 'leakyRelu',
    forwardName: slope === undefined ? 'leakyReluForward' : `leakyReluForward(x, ${slope})`,
    backwardName: 'leakyReluBackward',
    forward: (x) => (slope === undefined ? leakyReluForward(x) : leakyReluForward(x, slope)),
    backward: (dout, cache) => leakyReluBackward(dout, cache as Parameters<Impl['leakyReluBackward']>[1]),
  };
}

const RELU: Activation = {
  name: 'relu',
  forwardName: 'reluForward',
  backwardName: 'reluBackward',
  forward: (x) => reluForward(x),
  backward: (dout, cache) => reluBackward(dout, cache as Parameters<Impl['reluBackward']>[1]),
};
const TANH: Activation = {
  name: 'tanh',
  forwardName: 'tanhForward',
  backwardName: 'tanhBackward',
  forward: (x) => tanhForward(x),
  backward: (dout, cache) => tanhBackward(dout, cache as Parameters<Impl['tanhBackward']>[1]),
};
const GELU: Activation = {
  name: 'gelu',
  forwardName: 'geluForward',
  backwardName: 'geluBackward',
  forward: (x) => geluForward(x),
  backward: (dout, cache) => geluBackward(dout, cache as Parameters<Impl['geluBackward']>[1]),
};
const ALL: Activation[] = [RELU, leaky(), TANH, GELU];

/** Forward, then backward with the cache that forward returned. */
function forwardBackward(a: Activation, x: Matrix, dout: Matrix): { out: Matrix; dx: Matrix } {
  const { out, cache } = a.forward(x);
  return { out, dx: a.backward(dout, cache) };
}

/** A result must be a Matrix of x's shape before any value is compared. */
function expectShapeOf(name: string, got: unknown, x: Matrix): asserts got is Matrix {
  if (!isMatrix(got)) {
    fail(say(`${name} should be a ${shapeOf(x)} Matrix (the shape of x), but it is ${describeValue(got)}.`, `${name} 应当是 ${shapeOf(x)} 的 Matrix（和 x 同形），但它是 ${describeValue(got)}。`));
  }
  check(got.rows === x.rows && got.cols === x.cols, () =>
    say(`${name} is ${shapeOf(got)}, but it must be ${shapeOf(x)}, the shape of x.`, `${name} 是 ${shapeOf(got)}，但它必须是 ${shapeOf(x)}，即 x 的形状。`),
  );
}

/** Standard-normal entries times `spread`, redrawn while within `avoid` of 0 (the kink of ReLU and leaky ReLU). */
function randomMatrix(rows: number, cols: number, rng: Rng, spread = 1, avoid = 0): Matrix {
  const out = matrix(rows, cols);
  for (let k = 0; k < out.data.length; k++) {
    let value: number;
    do {
      const u = 1 - rng();
      value = spread * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
    } while (Math.abs(value) < avoid);
    out.data[k] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------

/** The worked example of README.md: x = [[−2, 0, 1]], dout = [[0.5, 1, −2]]. */
const EXAMPLE_X = (): Matrix => fromRows([[-2, 0, 1]]);
const EXAMPLE_DOUT = (): Matrix => fromRows([[0.5, 1, -2]]);

describe('spec', () => {
  test(say('ReLU on the worked example: out = [[0, 0, 1]], dx = [[0, 0, −2]] (ReLU′(0) = 0)', '题面中的算例，ReLU：out = [[0, 0, 1]]，dx = [[0, 0, −2]]（ReLU′(0) = 0）'), () => {
    const { out, dx } = forwardBackward(RELU, EXAMPLE_X(), EXAMPLE_DOUT());
    expectMatrixClose('out', out, [[0, 0, 1]]);
    expectShapeOf('dx', dx, EXAMPLE_X());
    check(dx.data[1] === 0, () =>
      say(
        `reluBackward gives dx${indexLabel(1, 3)} = ${fmt(dx.data[1])} at x = 0, but PyTorch's ReLU′(0) is 0: the gradient passes only where x > 0.`,
        `在 x = 0 处，reluBackward 给出 dx${indexLabel(1, 3)} = ${fmt(dx.data[1])}，但 PyTorch 的 ReLU′(0) 为 0：梯度只在 x > 0 处通过。`,
      ),
    );
    expectMatrixClose('dx', dx, [[0, 0, -2]]);
  });

  test(say('leaky ReLU on the worked example with negativeSlope 0.1: out = [[−0.2, 0, 1]], dx = [[0.05, 0.1, −2]]', '题面中的算例，leaky ReLU，negativeSlope 为 0.1：out = [[−0.2, 0, 1]]，dx = [[0.05, 0.1, −2]]'), () => {
    const { out, dx } = forwardBackward(leaky(0.1), EXAMPLE_X(), EXAMPLE_DOUT());
    expectMatrixClose('out', out, [[-0.2, 0, 1]]);
    expectShapeOf('dx', dx, EXAMPLE_X());
    check(Math.abs(dx.data[1] - 0.1) <= 1e-15, () =>
      say(
        `leakyReluBackward gives dx${indexLabel(1, 3)} = ${fmt(dx.data[1])} at x = 0 (dout 1), but PyTorch's LeakyReLU′(0) is the slope, 0.1: the derivative is 1 only for x > 0.`,
        `在 x = 0 处（dout 为 1），leakyReluBackward 给出 dx${indexLabel(1, 3)} = ${fmt(dx.data[1])}，但 PyTorch 的 LeakyReLU′(0) 是斜率 0.1：只有 x > 0 时导数才是 1。`,
      ),
    );
    expectMatrixClose('dx', dx, [[0.05, 0.1, -2]]);
  });

  test(say('the kinks at exactly 0 and −0: ReLU′ is 0, LeakyReLU′ is negativeSlope (PyTorch)', '恰好在 0 和 −0 处的折点：ReLU′ 为 0，LeakyReLU′ 为 negativeSlope（PyTorch 的约定）'), () => {
    const x = (): Matrix => fromRows([[0, -0]]);
    const dout = (): Matrix => fromRows([[1, 1]]);
    const relu = forwardBackward(RELU, x(), dout()).dx;
    expectShapeOf('dx', relu, x());
    for (let k = 0; k < 2; k++) {
      check(relu.data[k] === 0, () =>
        say(
          `reluBackward at x = ${fmt(x().data[k])} with dout 1 gives ${fmt(relu.data[k])}; PyTorch's ReLU′(0) is 0 (the mask is x > 0, not x ≥ 0).`,
          `x = ${fmt(x().data[k])}、dout 为 1 时，reluBackward 给出 ${fmt(relu.data[k])}；PyTorch 的 ReLU′(0) 为 0（掩码是 x > 0，不是 x ≥ 0）。`,
        ),
      );
    }
    for (const slope of [0.2, 0.01]) {
      const dx = forwardBackward(leaky(slope), x(), dout()).dx;
      expectShapeOf('dx', dx, x());
      for (let k = 0; k < 2; k++) {
        check(Math.abs(dx.data[k] - slope) <= 1e-15, () =>
          say(
            `leakyReluBackward with negativeSlope ${slope} at x = ${fmt(x().data[k])} gives ${fmt(dx.data[k])}; PyTorch's LeakyReLU′(0) is the slope, ${slope}.`,
            `negativeSlope 为 ${slope}、x = ${fmt(x().data[k])} 时，leakyReluBackward 给出 ${fmt(dx.data[k])}；PyTorch 的 LeakyReLU′(0) 就是斜率 ${slope}。`,
          ),
        );
      }
    }
  });

  test(say('negativeSlope defaults to 0.01, in the forward and the backward pass', 'negativeSlope 默认为 0.01，前向传播和反向传播都是如此'), () => {
    const x = fromRows([[-3, 0, 2], [-0.5, 4, -1e4]]);
    const dout = fromRows([[1, -2, 0.5], [3, 1, 1]]);
    const byDefault = forwardBackward(leaky(), x, dout);
    const explicit = forwardBackward(leaky(0.01), x, dout);
    expectMatrixClose(say('out of leakyReluForward(x)', 'leakyReluForward(x) 的 out'), byDefault.out, explicit.out);
    expectMatrixClose(say('dx after leakyReluForward(x)', 'leakyReluForward(x) 之后的 dx'), byDefault.dx, explicit.dx);
    expectMatrixClose('out', byDefault.out, [[-0.03, 0, 2], [-0.005, 4, -100]]);
  });

  test(say('tanh on the worked example: out = [[−0.964028, 0, 0.761594]], dx = [[0.0353254, 1, −0.839949]]', '题面中的算例，tanh：out = [[−0.964028, 0, 0.761594]]，dx = [[0.0353254, 1, −0.839949]]'), () => {
    const { out, dx } = forwardBackward(TANH, EXAMPLE_X(), EXAMPLE_DOUT());
    expectMatrixClose('out', out, [[-0.9640275800758169, 0, 0.7615941559557649]]);
    withHint(fixtureHint('tanh'), () => expectMatrixClose('dx', dx, [[0.035325412426582214, 1, -0.8399486832280523]]));
  });

  test(say('GELU on the worked example: out = [[−0.0454023, 0, 0.841192]], dx = [[−0.0430496, 0.5, −2.16593]]', '题面中的算例，GELU：out = [[−0.0454023, 0, 0.841192]]，dx = [[−0.0430496, 0.5, −2.16593]]'), () => {
    const { out, dx } = forwardBackward(GELU, EXAMPLE_X(), EXAMPLE_DOUT());
    expectMatrixClose('out', out, [[-0.04540230591222494, 0, 0.8411919906082768]]);
    withHint(fixtureHint('gelu'), () => expectMatrixClose('dx', dx, [[-0.04304962831180913, 0.5, -2.165928167691565]]));
  });

  test(say("GELU is the tanh approximation (approximate='tanh'), not the exact erf form", "GELU 用的是 tanh 近似（approximate='tanh'），不是精确的 erf 形式"), () => {
    const x = fromRows([[1, -1.5]]);
    const { out } = GELU.forward(x);
    expectShapeOf('out', out, x);
    // x·Φ(x) with the exact erf: 0.8413447460685429 and −0.10021080190328704.
    const erf = [0.8413447460685429, -0.10021080190328704];
    const tanh = [0.8411919906082768, -0.10042842301976707];
    const looksErf = out.data.every((value, k) => Math.abs(value - erf[k]) < 1e-6);
    check(!looksErf, () =>
      say(
        `geluForward(1) = ${fmt(out.data[0])}: that is the exact x·Φ(x) (PyTorch's default F.gelu). This kata asks for the tanh approximation, ` +
          `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), which gives ${fmt(tanh[0])}.`,
        `geluForward(1) = ${fmt(out.data[0])}：这是精确的 x·Φ(x)（PyTorch 默认的 F.gelu）。这道题要的是 tanh 近似 ` +
          `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))，它给出 ${fmt(tanh[0])}。`,
      ),
    );
    expectMatrixClose('out', out, [tanh]);
  });

  test(say('out and dx have the shape of x and are new matrices, for all four activations (N=3, D=4)', '四个激活函数的 out 和 dx 都与 x 同形，并且都是新矩阵（N=3, D=4）'), () => {
    for (const a of ALL) {
      const x = randomMatrix(3, 4, createRng(7), 2);
      const dout = randomMatrix(3, 4, createRng(8));
      const { out, cache } = a.forward(x);
      expectShapeOf(say(`out of ${a.forwardName}`, `${a.forwardName} 的 out`), out, x);
      const dx = a.backward(dout, cache);
      expectShapeOf(say(`dx of ${a.backwardName}`, `${a.backwardName} 的 dx`), dx, x);
      const arrays: [string, ArrayBufferLike][] = [['x', x.data.buffer], ['dout', dout.data.buffer], ['out', out.data.buffer], ['dx', dx.data.buffer]];
      for (let i = 2; i < arrays.length; i++) {
        for (let j = 0; j < i; j++) {
          const [mine, theirs] = [arrays[i][0], arrays[j][0]];
          check(arrays[i][1] !== arrays[j][1], () =>
            say(
              `${a.forwardName}/${a.backwardName}: ${mine} shares its memory with ${theirs}. Every result must be a new matrix: ` +
                `the caller still needs ${theirs} (dout may flow into another branch, x into a residual connection).`,
              `${a.forwardName}/${a.backwardName}：${mine} 与 ${theirs} 共用同一块内存。每个结果都必须是新矩阵：` +
                `调用方还要用 ${theirs}（dout 可能还要流向另一条分支，x 可能还要进入残差连接）。`,
            ),
          );
        }
      }
    }
  });

  test(say('no function modifies x or dout', '所有函数都不修改 x 和 dout'), () => {
    for (const a of [...ALL, leaky(0.3)]) {
      const x = randomMatrix(3, 4, createRng(9), 2);
      x.data[5] = 0;
      const dout = randomMatrix(3, 4, createRng(10));
      const before = { x: snapshot(x), dout: snapshot(dout) };
      const { cache } = a.forward(x);
      expectUnchanged('x', x, before.x, a.forwardName);
      a.backward(dout, cache);
      expectUnchanged('dout', dout, before.dout, a.backwardName);
      expectUnchanged('x', x, before.x, a.backwardName);
    }
  });

  test(say('finite for |x| up to 1e4: no NaN or Infinity in out or dx', '|x| 直到 1e4 都是有限值：out 和 dx 中没有 NaN 或 Infinity'), () => {
    const values = [-1e4, -1000, -710, -20, -1e-8, 0, 1e-8, 20, 710, 1000, 1e4];
    for (const a of ALL) {
      const x = fromRows([values]);
      const { out, dx } = forwardBackward(a, x, fromRows([values.map(() => 1)]));
      expectShapeOf('out', out, x);
      expectShapeOf('dx', dx, x);
      for (const [name, result] of [['out', out], ['dx', dx]] as const) {
        const k = result.data.findIndex((value) => !Number.isFinite(value));
        const fn = name === 'out' ? a.forwardName : a.backwardName;
        check(k === -1, () =>
          say(
            `${fn} gives ${name} = ${fmt(result.data[k])} at x = ${fmt(values[k])}. Math.exp of a large number overflows to Infinity, ` +
              'and Infinity/Infinity or Infinity − Infinity is NaN: use Math.tanh, which saturates at ±1.',
            `x = ${fmt(values[k])} 时，${fn} 给出的 ${name} 为 ${fmt(result.data[k])}。对很大的数求 Math.exp 会上溢成 Infinity，` +
              '而 Infinity/Infinity 或 Infinity − Infinity 就是 NaN：用 Math.tanh，它在 ±1 处饱和。',
          ),
        );
      }
    }
  });

  test(say('every backward throws an Error naming both shapes when dout does not match x', '当 dout 与 x 形状不同时，每个反向传播函数都抛出 Error，错误信息写出两个形状'), () => {
    for (const a of ALL) {
      const { cache } = a.forward(randomMatrix(3, 4, createRng(11)));
      for (const [rows, cols] of [[4, 3], [3, 5]]) {
        const dout = randomMatrix(rows, cols, createRng(12));
        expectThrowsMentioning(say(`${a.backwardName}(dout ${rows}×${cols}, cache of a 3×4 x)`, `${a.backwardName}（dout 为 ${rows}×${cols}，cache 来自 3×4 的 x）`), () => a.backward(dout, cache), [
          `${rows}×${cols}`,
          '3×4',
        ]);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------

interface FixtureInput {
  x: number[][];
  dout: number[][];
  negativeSlope?: number;
}
interface FixtureExpected {
  out: number[][];
  dx: number[][];
}

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'relu-kink': 'ReLU 在 x = 0、±0 和 ±1e-12 处：恰好在 0 处的导数为 0（PyTorch 的约定）',
  'relu-tails': 'ReLU 在 ±20 和 ±1e4 处',
  'relu-random': '随机的 4×5 批量上的 ReLU',
  'leaky-kink-default': 'leaky ReLU，默认斜率 0.01，在 x = 0 处：恰好在 0 处的导数就是斜率',
  'leaky-slope-0.2': 'negativeSlope = 0.2 的 leaky ReLU，包括折点',
  'leaky-slope-3': 'negativeSlope = 3 的 leaky ReLU（斜率可以大于 1）',
  'leaky-tails': 'leaky ReLU，默认斜率，在 ±20 和 ±1e4 处',
  'leaky-random-0.05': '随机的 4×5 批量上 negativeSlope = 0.05 的 leaky ReLU',
  'tanh-small': 'tanh 在 0 和普通取值处：导数是 1 − out²，不是 1 − x²',
  'tanh-saturation': 'tanh 在 ±20 和 ±1e4 处：out 为 ±1，dx 为 0，没有 NaN',
  'tanh-random': '随机的 4×5 批量上的 tanh',
  'gelu-tanh-vs-erf': 'GELU 在 tanh 近似与精确 erf 形式有差别的取值处',
  'gelu-tails': 'GELU 在 ±20 和 ±1e4 处：out 为 x 或 0，dx 为 1 或 0，没有 NaN',
  'gelu-kink-points': 'GELU 在 0、±0、±1e-12 和普通取值处（没有折点：dx(0) = ½·dout）',
  'gelu-random': '随机的 4×5 批量上的 GELU',
};

/** What to look at when a fixture of this activation fails. */
function fixtureHint(name: Name): string {
  switch (name) {
    case 'relu':
      return say('PyTorch: out = max(0, x); the gradient passes where x > 0 only, so at x = 0 it is 0.', 'PyTorch 的约定：out = max(0, x)；梯度只在 x > 0 处通过，所以 x = 0 处为 0。');
    case 'leakyRelu':
      return say(
        'PyTorch: the derivative is 1 for x > 0 and negativeSlope otherwise (at x = 0 too); the backward pass uses the slope of its own forward call.',
        'PyTorch 的约定：x > 0 时导数为 1，其余情况（包括 x = 0）为 negativeSlope；反向传播要用它对应的那次前向传播的斜率。',
      );
    case 'tanh':
      return say('The derivative is written with the output out = tanh(x), not with x; Math.tanh saturates at ±1 without overflowing.', '导数要用输出 out = tanh(x) 来写，而不是用 x；Math.tanh 在 ±1 处饱和，不会上溢。');
    case 'gelu':
      return say(
        "GELU here is PyTorch's approximate='tanh' form, and its derivative has two terms (the product rule on 0.5·x·(1 + tanh(…))).",
        "这里的 GELU 是 PyTorch 的 approximate='tanh' 形式，它的导数有两项（对 0.5·x·(1 + tanh(…)) 用乘积法则）。",
      );
  }
}

describe('fixtures', () => {
  const files: [string, Name][] = [['relu', 'relu'], ['leaky-relu', 'leakyRelu'], ['tanh', 'tanh'], ['gelu', 'gelu']];
  for (const [file, name] of files) {
    for (const c of loadFixture<FixtureInput, FixtureExpected>('activations', file).cases) {
      test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
        const a = name === 'leakyRelu' ? leaky(c.input.negativeSlope) : ALL.find((b) => b.name === name)!;
        const x = m(c.input.x);
        const { out, cache } = a.forward(x);
        withHint(fixtureHint(name), () => {
          expectMatrixClose('out', out, c.expected.out, { shapeHint: say('the shape of x', '与 x 同形') });
          const dx = a.backward(m(c.input.dout), cache);
          expectMatrixClose('dx', dx, c.expected.dx, { shapeHint: say('the shape of x', '与 x 同形') });
        });
      });
    }
  }
});

// ---------------------------------------------------------------------------------------

/**
 * L = Σ out ⊙ dout has exactly dout as its gradient with respect to out, so its gradient with
 * respect to x is what backward(dout) must return. x is perturbed in place (and restored).
 */
function expectMatchesFiniteDifferences(a: Activation, x: Matrix, dout: Matrix, label: string): void {
  const { dx } = forwardBackward(a, x, dout);
  expectShapeOf('dx', dx, x);
  expectGradientsMatch(label, () => projectOnto(a.forward(x).out, dout), [{ name: 'dx', value: x, analytic: dx }]);
}

/** Inputs within this distance of 0 are drawn again for ReLU and leaky ReLU: 100 finite-difference steps. */
const KINK_MARGIN = 1e-4;

describe('gradient check', () => {
  const cases: [Activation, number, number, number, number][] = [
    [RELU, 4, 5, 2, 31],
    [RELU, 1, 7, 0.5, 32],
    [leaky(), 4, 5, 2, 33],
    [leaky(0.2), 3, 6, 1, 34],
    [leaky(3), 5, 2, 1, 35],
    [TANH, 4, 5, 1, 36],
    [TANH, 3, 3, 3, 37],
    [GELU, 4, 5, 1, 38],
    [GELU, 3, 6, 3, 39],
  ];
  for (const [a, n, d, spread, seed] of cases) {
    const kinked = a.name === 'relu' || a.name === 'leakyRelu';
    test(say(`${a.backwardName} matches finite differences of ${a.forwardName} (N=${n}, D=${d}, x of spread ${spread})`, `${a.backwardName} 与 ${a.forwardName} 的有限差分一致（N=${n}, D=${d}，x 的尺度为 ${spread}）`), () => {
      const rng = createRng(seed);
      const x = randomMatrix(n, d, rng, spread, kinked ? KINK_MARGIN : 0);
      const dout = randomMatrix(n, d, rng);
      expectMatchesFiniteDifferences(a, x, dout, say(`L = Σ out ⊙ dout through ${a.forwardName}`, `经过 ${a.forwardName} 的 L = Σ out ⊙ dout`));
    });
  }
});

// ---------------------------------------------------------------------------------------

/** Random sizes from 1 to 5 and a seed: fast-check shrinks a failure to the smallest that still fails. */
const shapes = fc.record({
  n: fc.integer({ min: 1, max: 5 }),
  d: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type Shape = { n: number; d: number; seed: number };
const describeShape = ({ n, d, seed }: Shape): string => say(`a random N=${n}, D=${d} x (seed ${seed})`, `随机的 N=${n}, D=${d} 的 x（种子 ${seed}）`);

/** x of the given shape with about one entry in five exactly 0 or −0 (the kink), the rest of spread 3. */
function withZeros({ n, d, seed }: Shape): { x: Matrix; dout: Matrix } {
  const rng = createRng(seed);
  const x = randomMatrix(n, d, rng, 3);
  for (let k = 0; k < x.data.length; k++) if (rng() < 0.2) x.data[k] = rng() < 0.5 ? 0 : -0;
  return { x, dout: randomMatrix(n, d, rng) };
}

describe('properties', () => {
  test(say('ReLU: out ≥ 0 and dx = dout ⊙ [x > 0], also where x is exactly 0', 'ReLU：out ≥ 0，且 dx = dout ⊙ [x > 0]，在 x 恰好为 0 处也成立'), () => {
    expectProperty('out ≥ 0, dx = dout ⊙ [x > 0]', shapes, (s) => {
      const { x, dout } = withZeros(s);
      const { out, dx } = forwardBackward(RELU, x, dout);
      expectShapeOf('out', out, x);
      expectShapeOf('dx', dx, x);
      for (let k = 0; k < x.data.length; k++) {
        const at = indexLabel(k, x.cols);
        check(out.data[k] >= 0, () => say(`out${at} = ${fmt(out.data[k])} for x${at} = ${fmt(x.data[k])}: ReLU is never negative.`, `x${at} = ${fmt(x.data[k])} 时 out${at} = ${fmt(out.data[k])}：ReLU 的输出不会是负数。`));
        const want = x.data[k] > 0 ? dout.data[k] : 0;
        check(dx.data[k] === want, () =>
          say(
            `dx${at} = ${fmt(dx.data[k])} for x${at} = ${fmt(x.data[k])} and dout${at} = ${fmt(dout.data[k])}; it must be ${fmt(want)}: dout where x > 0, and 0 elsewhere, at x = 0 too.`,
            `x${at} = ${fmt(x.data[k])}、dout${at} = ${fmt(dout.data[k])} 时 dx${at} = ${fmt(dx.data[k])}；它必须是 ${fmt(want)}：x > 0 处为 dout，其余处（包括 x = 0）为 0。`,
          ),
        );
      }
    }, 100, describeShape);
  });

  test(say('leaky ReLU with negativeSlope 1 is the identity: out = x and dx = dout', 'negativeSlope 为 1 的 leaky ReLU 就是恒等映射：out = x，dx = dout'), () => {
    expectProperty('leakyRelu(x, 1) = x', shapes, (s) => {
      const { x, dout } = withZeros(s);
      const { out, dx } = forwardBackward(leaky(1), x, dout);
      expectMatrixClose('out', out, x, { tol: { rtol: 0, atol: 0 } });
      expectMatrixClose('dx', dx, dout, { tol: { rtol: 0, atol: 0 } });
    }, 100, describeShape);
  });

  test(say('tanh: out is in [−1, 1] and |dx| ≤ |dout|', 'tanh：out 在 [−1, 1] 内，且 |dx| ≤ |dout|'), () => {
    expectProperty('−1 ≤ out ≤ 1, |dx| ≤ |dout|', shapes, (s) => {
      const { x, dout } = withZeros(s);
      for (let k = 0; k < x.data.length; k += 3) x.data[k] *= 10 ** (k % 4); // some entries out to ±3000
      const { out, dx } = forwardBackward(TANH, x, dout);
      expectShapeOf('out', out, x);
      expectShapeOf('dx', dx, x);
      for (let k = 0; k < x.data.length; k++) {
        const at = indexLabel(k, x.cols);
        check(out.data[k] >= -1 && out.data[k] <= 1, () => say(`out${at} = ${fmt(out.data[k])} for x${at} = ${fmt(x.data[k])}: tanh lies in [−1, 1].`, `x${at} = ${fmt(x.data[k])} 时 out${at} = ${fmt(out.data[k])}：tanh 的值在 [−1, 1] 内。`));
        check(Math.abs(dx.data[k]) <= Math.abs(dout.data[k]), () =>
          say(
            `|dx${at}| = ${fmt(Math.abs(dx.data[k]))} is larger than |dout${at}| = ${fmt(Math.abs(dout.data[k]))} (x${at} = ${fmt(x.data[k])}): tanh′ lies in [0, 1], so the backward pass can only shrink the gradient.`,
            `|dx${at}| = ${fmt(Math.abs(dx.data[k]))} 大于 |dout${at}| = ${fmt(Math.abs(dout.data[k]))}（x${at} = ${fmt(x.data[k])}）：tanh′ 在 [0, 1] 内，所以反向传播只会让梯度变小。`,
          ),
        );
      }
    }, 100, describeShape);
  });

  test(say('GELU(x) − GELU(−x) = x (exact for the tanh approximation, up to float64 round-off)', 'GELU(x) − GELU(−x) = x（对 tanh 近似严格成立，只差 float64 的舍入误差）'), () => {
    const anyX = fc.double({ min: -1e4, max: 1e4, noNaN: true });
    expectProperty('GELU(x) − GELU(−x) = x', anyX, (v) => {
      const plus = GELU.forward(fromRows([[v]])).out;
      const minus = GELU.forward(fromRows([[-v]])).out;
      expectShapeOf('out', plus, fromRows([[v]]));
      expectShapeOf('out', minus, fromRows([[v]]));
      const diff = plus.data[0] - minus.data[0];
      // 1e-300: below float64's normal range, where 0.5·x itself rounds.
      check(Math.abs(diff - v) <= 4 * Number.EPSILON * Math.abs(v) + 1e-300, () =>
        say(
          `GELU(${fmt(v)}) − GELU(${fmt(-v)}) = ${fmt(diff)}, not ${fmt(v)}. With t = tanh(u(x)) odd in x, 0.5·x·(1 + t) − 0.5·(−x)·(1 − t) = x.`,
          `GELU(${fmt(v)}) − GELU(${fmt(-v)}) = ${fmt(diff)}，而不是 ${fmt(v)}。t = tanh(u(x)) 是 x 的奇函数，所以 0.5·x·(1 + t) − 0.5·(−x)·(1 − t) = x。`,
        ),
      );
    }, 200, (v) => `x = ${v}`);
  });

  test(say('all four, forward and backward, are finite for random x with |x| up to 1e4', '四个激活函数的前向和反向传播，对 |x| 直到 1e4 的随机 x 都是有限值'), () => {
    const rows = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 8 });
    expectProperty(say('no NaN or Infinity', '没有 NaN 或 Infinity'), rows, (values) => {
      const x = fromRows([values]);
      for (const a of ALL) {
        const { out, dx } = forwardBackward(a, x, fromRows([values.map(() => 1)]));
        expectShapeOf('out', out, x);
        expectShapeOf('dx', dx, x);
        for (const [name, result] of [['out', out], ['dx', dx]] as const) {
          const k = result.data.findIndex((value) => !Number.isFinite(value));
          check(k === -1, () =>
            say(
              `${a.forwardName}/${a.backwardName}: ${name}${indexLabel(k, x.cols)} = ${fmt(result.data[k])} at x = ${fmt(values[k])}.`,
              `${a.forwardName}/${a.backwardName}：x = ${fmt(values[k])} 时 ${name}${indexLabel(k, x.cols)} = ${fmt(result.data[k])}。`,
            ),
          );
        }
      }
    }, 100, (values) => `x = [[${values.map(fmt).join(', ')}]]`);
  });
});
