/**
 * Spec for the layernorm-backward kata. Run it with `npm run grade -- layernorm`; the grader
 * decides which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import { createRng, fromRows, isMatrix, matrix, normalMatrix, normalVector, type Matrix, type Rng } from '../lib/index.ts';
import {
  check,
  describeValue,
  expectGradientsMatch,
  expectMatrixClose,
  expectProperty,
  expectThrowsMentioning,
  expectUnchanged,
  expectVectorClose,
  fail,
  fmt,
  gradcheck,
  fixtureCaseName,
  loadFixture,
  loadTarget,
  m,
  projectOnto,
  sampleEntries,
  say,
  snapshot,
  v,
  withHint,
  type GradInput,
  describe,
  test,
} from '../../grader/harness/index.ts';

type Impl = typeof import('./layernorm.ts');
const impl = await loadTarget<Impl>();
const { layerNormForward, layerNormBackward, rmsNormForward, rmsNormBackward } = impl;

// ---------------------------------------------------------------------------------------
// Inputs.
// ---------------------------------------------------------------------------------------

/** A random problem: rows with their own offset and spread, γ of both signs, β, an upstream gradient. */
interface Problem {
  x: Matrix;
  gamma: Float64Array;
  beta: Float64Array;
  dout: Matrix;
}

function randomProblem(n: number, d: number, rng: Rng): Problem {
  const x = normalMatrix(n, d, rng);
  const offsets = normalVector(n, rng, 0, 3);
  const spreads = Array.from({ length: n }, () => 0.5 + 2.5 * rng());
  for (let k = 0; k < x.data.length; k++) {
    const i = Math.floor(k / d);
    x.data[k] = offsets[i] + spreads[i] * x.data[k];
  }
  return { x, gamma: normalVector(d, rng, 0, 1.5), beta: normalVector(d, rng), dout: normalMatrix(n, d, rng) };
}

const problem = (n: number, d: number, seed: number): Problem => randomProblem(n, d, createRng(seed));

function layerNorm(p: Problem, eps?: number) {
  const forward = eps === undefined ? layerNormForward(p.x, p.gamma, p.beta) : layerNormForward(p.x, p.gamma, p.beta, eps);
  return { ...forward, ...layerNormBackward(p.dout, forward.cache) };
}

function rmsNorm(p: Problem, eps?: number) {
  const forward = eps === undefined ? rmsNormForward(p.x, p.gamma) : rmsNormForward(p.x, p.gamma, eps);
  return { ...forward, ...rmsNormBackward(p.dout, forward.cache) };
}

const ones = (d: number): Float64Array => new Float64Array(d).fill(1);
const row = (a: Matrix, i: number): number[] => Array.from(a.data.subarray(i * a.cols, (i + 1) * a.cols));
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
const mean = (xs: number[]): number => sum(xs) / xs.length;
/** The biased (÷D) variance of a row, in two passes. */
const variance = (xs: number[]): number => mean(xs.map((x) => (x - mean(xs)) ** 2));

/** Requires a Matrix of the given shape, before any value is read. */
function expectShape(name: string, value: unknown, rows: number, cols: number, by: string): asserts value is Matrix {
  check(isMatrix(value) && value.rows === rows && value.cols === cols, () =>
    say(
      `${name} from ${by} should be a ${rows}×${cols} Matrix (N×D, like x), but it is ${describeValue(value)}.`,
      `${by} 返回的 ${name} 应当是 ${rows}×${cols} 的 Matrix（N×D，与 x 相同），但它是 ${describeValue(value)}。`,
    ),
  );
}

const BY_ROWS = say(
  'LayerNorm normalises each ROW (one example, its D features) with that row’s own mean and biased variance ÷D, not each column over the batch.',
  'LayerNorm 对每一行（一个样本的 D 个特征）用这一行自己的均值和有偏方差（÷D）归一化，而不是对每一列在批量上归一化。',
);

/**
 * Rows around 1e4 that differ by 1e-2: x − μ is known only to about ulp(1e4) ≈ 2e-12 whatever the
 * method (PyTorch's own float64 gold is 2e-9 off the exact value on such rows), so a correct
 * two-pass answer is within ~1e-9 relative, not 1e-12. E[x²] − E[x]² is off by ~1e-4 relative:
 * 1e-7 tells the two apart by three orders of magnitude either way.
 */
const OFFSET_TOLERANCE = { rtol: 1e-7, atol: 1e-9 };
const toleranceFor = (id: string) => (id.includes('large-offset') ? { tol: OFFSET_TOLERANCE } : {});

const TWO_PASSES = say(
  'A row’s variance (about 1e-4 here) must come from the centred values, Σ(x − μ)²/D after μ (two passes): E[x²] − E[x]² subtracts two numbers near 1e8 and keeps only a few digits of it.',
  '一行的方差（这里约为 1e-4）必须由中心化后的值计算：先求 μ，再求 Σ(x − μ)²/D（两遍扫描）。E[x²] − E[x]² 把两个接近 1e8 的数相减，只剩下几位有效数字。',
);

// ---------------------------------------------------------------------------------------

describe('spec', () => {
  test(say(
    'LayerNorm on [[1, 3], [10, 14]] with γ = [2, 0.5], β = [0, 1], eps = 0 gives [[−2, 1.5], [−2, 1.5]]: each row by its own mean and biased variance',
    'LayerNorm：[[1, 3], [10, 14]]，γ = [2, 0.5]，β = [0, 1]，eps = 0，得到 [[−2, 1.5], [−2, 1.5]]：每一行用自己的均值和有偏方差',
  ), () => {
    // Row 0: μ = 2, σ² = 1; row 1: μ = 12, σ² = 4; both give x̂ = [−1, 1] (÷(D−1) would give ±0.7071).
    const { out } = layerNormForward(fromRows([[1, 3], [10, 14]]), v([2, 0.5]), v([0, 1]), 0);
    withHint(BY_ROWS, () => expectMatrixClose('out', out, [[-2, 1.5], [-2, 1.5]], { shapeHint: 'N×D = 2×2' }));
  });

  test(say(
    'LayerNorm on a single row [[2, 4, 6]] (N = 1) normalises over its 3 entries: [[−1.2247, 0, 1.2247]]',
    'LayerNorm 作用于单独一行 [[2, 4, 6]]（N = 1）时，在它的 3 个元素上归一化：[[−1.2247, 0, 1.2247]]',
  ), () => {
    const { out } = layerNormForward(fromRows([[2, 4, 6]]), ones(3), new Float64Array(3), 0);
    const r = Math.sqrt(1.5); // (x − 4)/√(8/3)
    withHint(BY_ROWS, () => expectMatrixClose('out', out, [[-r, 0, r]], { shapeHint: 'N×D = 1×3' }));
  });

  test(say(
    'RMSNorm on [[1, 7], [−2, 2]] with γ = [1, 1], eps = 0 gives [[0.2, 1.4], [−1, 1]]: x divided by √(mean(x²)), no mean subtracted',
    'RMSNorm：[[1, 7], [−2, 2]]，γ = [1, 1]，eps = 0，得到 [[0.2, 1.4], [−1, 1]]：x 除以 √(mean(x²))，不减均值',
  ), () => {
    // Row 0: mean(x²) = (1 + 49)/2 = 25, rms 5; row 1: mean(x²) = 4, rms 2.
    const { out } = rmsNormForward(fromRows([[1, 7], [-2, 2]]), ones(2), 0);
    const hint = say(
      'RMSNorm divides each row by √(mean of its squares + eps) and multiplies by γ: it neither subtracts the mean nor adds a β.',
      'RMSNorm 把每一行除以 √(各元素平方的均值 + eps)，再乘以 γ：既不减均值，也不加 β。',
    );
    withHint(hint, () => expectMatrixClose('out', out, [[0.2, 1.4], [-1, 1]], { shapeHint: 'N×D = 2×2' }));
  });

  test(say('eps defaults to 1e-5 for LayerNorm and to 1e-6 for RMSNorm', 'LayerNorm 的 eps 默认为 1e-5，RMSNorm 的 eps 默认为 1e-6'), () => {
    // Rows with a spread of about 1e-3: a variance of ~1e-6, so the value of eps shows in out.
    const p = problem(3, 4, 11);
    const x = matrix(3, 4, p.x.data.map((value) => 1e-3 * value));
    expectMatrixClose(
      say('LayerNorm out with the default eps', '默认 eps 下 LayerNorm 的 out'),
      layerNormForward(x, p.gamma, p.beta).out,
      layerNormForward(x, p.gamma, p.beta, 1e-5).out,
      { shapeHint: say('as with eps = 1e-5', '与 eps = 1e-5 时相同') },
    );
    expectMatrixClose(
      say('RMSNorm out with the default eps', '默认 eps 下 RMSNorm 的 out'),
      rmsNormForward(x, p.gamma).out,
      rmsNormForward(x, p.gamma, 1e-6).out,
      { shapeHint: say('as with eps = 1e-6', '与 eps = 1e-6 时相同') },
    );
  });

  test(say(
    'out and dx are N×D, dgamma and dbeta have D entries (N=5, D=3), for LayerNorm and RMSNorm',
    'LayerNorm 和 RMSNorm 的 out、dx 都是 N×D，dgamma、dbeta 各有 D 个元素（N=5, D=3）',
  ), () => {
    const p = problem(5, 3, 12);
    const ln = layerNorm(p);
    const rms = rmsNorm(p);
    const results: [string, string, unknown][] = [
      ['LayerNorm', 'out', ln.out],
      ['LayerNorm', 'dx', ln.dx],
      ['RMSNorm', 'out', rms.out],
      ['RMSNorm', 'dx', rms.dx],
    ];
    for (const [layer, name, value] of results) expectShape(name, value, 5, 3, layer);
    const vectors: [string, string, unknown][] = [
      ['LayerNorm', 'dgamma', ln.dgamma],
      ['LayerNorm', 'dbeta', ln.dbeta],
      ['RMSNorm', 'dgamma', rms.dgamma],
    ];
    for (const [layer, name, value] of vectors) {
      check(value instanceof Float64Array && value.length === 3, () =>
        say(
          `${name} from ${layer} should be a Float64Array of D = 3 entries (one per column, like gamma), but it is ${describeValue(value)}.`,
          `${layer} 返回的 ${name} 应当是含 D = 3 个元素的 Float64Array（每列一个，与 gamma 相同），但它是 ${describeValue(value)}。`,
        ),
      );
    }
  });

  test(say('x, gamma, beta and dout are not modified, by LayerNorm or RMSNorm', 'LayerNorm 和 RMSNorm 都不修改 x、gamma、beta 和 dout'), () => {
    const p = problem(4, 3, 13);
    const before = { x: snapshot(p.x), gamma: snapshot(p.gamma), beta: snapshot(p.beta), dout: snapshot(p.dout) };
    const ln = layerNormForward(p.x, p.gamma, p.beta);
    for (const [name, value] of [['x', p.x], ['gamma', p.gamma], ['beta', p.beta]] as const) {
      expectUnchanged(name, value, before[name], 'layerNormForward');
    }
    layerNormBackward(p.dout, ln.cache);
    expectUnchanged('dout', p.dout, before.dout, 'layerNormBackward');
    const rms = rmsNormForward(p.x, p.gamma);
    expectUnchanged('x', p.x, before.x, 'rmsNormForward');
    expectUnchanged('gamma', p.gamma, before.gamma, 'rmsNormForward');
    rmsNormBackward(p.dout, rms.cache);
    expectUnchanged('dout', p.dout, before.dout, 'rmsNormBackward');
    expectUnchanged('x', p.x, before.x, 'rmsNormBackward');
  });

  test(say('shapes that do not fit throw an Error naming both shapes', '形状不匹配时抛出 Error，错误信息写出两个形状'), () => {
    const x = normalMatrix(4, 5, createRng(14));
    const five = () => ones(5);
    const seven = ones(7);
    const cases: [string, () => unknown][] = [
      [say('layerNormForward with a 4×5 x and gamma of 7 entries', 'layerNormForward（x 为 4×5，gamma 有 7 个元素）'), () => layerNormForward(x, seven, five())],
      [say('layerNormForward with a 4×5 x and beta of 7 entries', 'layerNormForward（x 为 4×5，beta 有 7 个元素）'), () => layerNormForward(x, five(), seven)],
      [say('rmsNormForward with a 4×5 x and gamma of 7 entries', 'rmsNormForward（x 为 4×5，gamma 有 7 个元素）'), () => rmsNormForward(x, seven)],
    ];
    for (const [what, call] of cases) expectThrowsMentioning(what, call, ['4×5', '7']);
    const dout = normalMatrix(3, 5, createRng(15));
    const ln = layerNormForward(x, five(), five()).cache;
    expectThrowsMentioning(
      say('layerNormBackward with a 3×5 dout after a 4×5 forward pass', 'layerNormBackward（前向传播的 x 为 4×5，dout 却是 3×5）'),
      () => layerNormBackward(dout, ln),
      ['3×5', '4×5'],
    );
    const rms = rmsNormForward(x, five()).cache;
    expectThrowsMentioning(
      say('rmsNormBackward with a 3×5 dout after a 4×5 forward pass', 'rmsNormBackward（前向传播的 x 为 4×5，dout 却是 3×5）'),
      () => rmsNormBackward(dout, rms),
      ['3×5', '4×5'],
    );
  });

  test(say(
    'rows with a large common offset (around 1e4, differing by about 1e-2): out is as accurate as for rows around 0',
    '带很大公共偏移的行（在 1e4 附近，彼此相差约 1e-2）：out 和 0 附近的行一样精确',
  ), () => {
    const rng = createRng(16);
    const small = normalMatrix(3, 6, rng, 0, 0.01);
    const x = matrix(3, 6, small.data.map((value) => 10_000 + value));
    const centred = (i: number) => row(x, i).map((value) => value - 10_000); // exact: x − 1e4 is what was added
    const gamma = normalVector(6, rng, 0, 1.5);
    const beta = normalVector(6, rng);
    const want = Array.from({ length: 3 }, (_, i) => {
      const xs = centred(i);
      const s = 1 / Math.sqrt(variance(xs) + 1e-5);
      return xs.map((value, j) => gamma[j] * (value - mean(xs)) * s + beta[j]);
    });
    withHint(
      TWO_PASSES,
      () => expectMatrixClose(say('LayerNorm out', 'LayerNorm 的 out'), layerNormForward(x, gamma, beta).out, want, { tol: OFFSET_TOLERANCE }),
    );
    const rmsWant = Array.from({ length: 3 }, (_, i) => {
      const xs = row(x, i);
      const r = 1 / Math.sqrt(mean(xs.map((value) => value * value)) + 1e-6);
      return xs.map((value, j) => gamma[j] * value * r);
    });
    expectMatrixClose(say('RMSNorm out', 'RMSNorm 的 out'), rmsNormForward(x, gamma).out, rmsWant, { tol: OFFSET_TOLERANCE });
  });
});

// ---------------------------------------------------------------------------------------

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'ln-4x5-default-eps': 'LayerNorm，N=4, D=5，默认 eps：每一行用它自己的均值和方差归一化',
  'ln-one-row': 'LayerNorm 作用于单独一行（N=1, D=6）：统计量来自这一行，而不是批量',
  'ln-one-feature': 'LayerNorm 只有一个特征（N=3, D=1）：x̂ 为 0，out 等于 beta，dx 为 0',
  'ln-two-features': 'LayerNorm，D=2（N=3）：有偏方差 ÷D 给出 x̂ = ±1，无偏方差 ÷(D−1) 给出 ±0.7071',
  'ln-large-eps': 'LayerNorm，eps = 0.5（N=3, D=4）：eps 在平方根里面，x̂ = (x − μ)/√(σ² + eps)',
  'ln-constant-row': 'LayerNorm 遇到常数行（方差为 0）：这一行的 x̂ 为 0，out 等于 beta，eps 保证结果有限',
  'ln-large-offset': 'LayerNorm 作用于在 1e4 附近、彼此相差约 1e-2 的行（N=3, D=8）：方差不能用 E[x²] − E[x]² 计算',
  'ln-8x16': 'LayerNorm，N=8, D=16：dgamma 和 dbeta 是对全部 8 行的求和',
  'rms-4x5-default-eps': 'RMSNorm，N=4, D=5，默认 eps 1e-6：各行均值不为 0，RMSNorm 保留它',
  'rms-one-row': 'RMSNorm 作用于单独一行（N=1, D=6）',
  'rms-one-feature': 'RMSNorm 只有一个特征（N=3, D=1）：out = γ·x/√(x² + eps)，约等于 γ·sign(x)',
  'rms-two-features': 'RMSNorm，D=2（N=3）：平方的均值是 ÷D',
  'rms-large-eps': 'RMSNorm，eps = 0.5（N=3, D=4）：eps 在平方根里面，x/√(mean(x²) + eps)',
  'rms-large-offset': 'RMSNorm 作用于在 1e4 附近、彼此相差约 1e-2 的行（N=3, D=8）',
  'rms-8x16': 'RMSNorm，N=8, D=16：dgamma 是对全部 8 行的求和',
};

interface LayerNormInput {
  x: number[][];
  gamma: number[];
  beta: number[];
  dout: number[][];
  eps?: number;
}
interface LayerNormExpected {
  out: number[][];
  dx: number[][];
  dgamma: number[];
  dbeta: number[];
}
type RMSNormInput = Omit<LayerNormInput, 'beta'>;
type RMSNormExpected = Omit<LayerNormExpected, 'dbeta'>;


/** Why a fixture case's out matters, by case id: added to the message when out is wrong. */
const OUT_HINTS: Record<string, string> = {
  'ln-one-row': BY_ROWS,
  'ln-one-feature': say(
    'With D = 1 every row is its own mean: x̂ = 0, so out = β (and eps keeps 0/√eps finite).',
    'D = 1 时每一行都等于它自己的均值：x̂ = 0，所以 out = β（eps 保证 0/√eps 是有限的）。',
  ),
  'ln-two-features': say(
    'With D = 2 the biased variance ÷D gives x̂ = ±1 (eps aside); the unbiased ÷(D − 1) gives ±0.7071.',
    'D = 2 时，有偏方差 ÷D 给出 x̂ = ±1（不计 eps）；无偏方差 ÷(D − 1) 给出 ±0.7071。',
  ),
  'ln-large-eps': say('eps goes inside the square root: x̂ = (x − μ)/√(σ² + eps), not (x − μ)/(σ + eps).', 'eps 在平方根里面：x̂ = (x − μ)/√(σ² + eps)，而不是 (x − μ)/(σ + eps)。'),
  'ln-constant-row': say('A constant row has variance 0: x̂ = 0/√eps = 0 there, so that row of out is β.', '常数行的方差为 0：那里 x̂ = 0/√eps = 0，所以 out 的这一行等于 β。'),
  'ln-large-offset': TWO_PASSES,
  'rms-4x5-default-eps': say('RMSNorm divides each row by √(mean(x²) + eps) of the raw row: it does not subtract the mean.', 'RMSNorm 用原始这一行的 √(mean(x²) + eps) 去除每一行：它不减均值。'),
  'rms-large-eps': say('eps goes inside the square root: x/√(mean(x²) + eps).', 'eps 在平方根里面：x/√(mean(x²) + eps)。'),
};
const outHint = (id: string) => (run: () => void) => (id in OUT_HINTS ? withHint(OUT_HINTS[id], run) : run());

const SUMS = say(
  'γ and β are shared by every row, so dgamma and dbeta are sums over the batch (Σₙ), not means.',
  'γ 和 β 被每一行共用，所以 dgamma 和 dbeta 是对批量的求和（Σₙ），而不是均值。',
);

describe('fixtures', () => {
  for (const c of loadFixture<LayerNormInput, LayerNormExpected>('layernorm-backward', 'layernorm').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const { x, gamma, beta, dout, eps } = c.input;
      // eps left out of the fixture is left out here too: it tests your default.
      const { out, cache } = eps === undefined ? layerNormForward(m(x), v(gamma), v(beta)) : layerNormForward(m(x), v(gamma), v(beta), eps);
      const tol = toleranceFor(c.id);
      outHint(c.id)(() => expectMatrixClose('out', out, c.expected.out, { shapeHint: 'N×D', ...tol }));
      const grads = layerNormBackward(m(dout), cache);
      withHint(SUMS, () => {
        expectVectorClose('dbeta', grads.dbeta, c.expected.dbeta, { lengthHint: 'D', ...tol });
        expectVectorClose('dgamma', grads.dgamma, c.expected.dgamma, { lengthHint: 'D', ...tol });
      });
      expectMatrixClose('dx', grads.dx, c.expected.dx, { shapeHint: say('N×D, like x', 'N×D，与 x 相同'), ...tol });
    });
  }

  for (const c of loadFixture<RMSNormInput, RMSNormExpected>('layernorm-backward', 'rmsnorm').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const { x, gamma, dout, eps } = c.input;
      const { out, cache } = eps === undefined ? rmsNormForward(m(x), v(gamma)) : rmsNormForward(m(x), v(gamma), eps);
      const tol = toleranceFor(c.id);
      outHint(c.id)(() => expectMatrixClose('out', out, c.expected.out, { shapeHint: 'N×D', ...tol }));
      const grads = rmsNormBackward(m(dout), cache);
      withHint(SUMS, () => expectVectorClose('dgamma', grads.dgamma, c.expected.dgamma, { lengthHint: 'D', ...tol }));
      expectMatrixClose('dx', grads.dx, c.expected.dx, { shapeHint: say('N×D, like x', 'N×D，与 x 相同'), ...tol });
    });
  }
});

// ---------------------------------------------------------------------------------------

/** Gradient-check inputs: L = Σ out ⊙ dout through your own forward pass. */
function layerNormGradients(p: Problem, eps?: number): { f: () => number; inputs: GradInput[] } {
  const { dx, dgamma, dbeta } = layerNorm(p, eps);
  const forward = () => (eps === undefined ? layerNormForward(p.x, p.gamma, p.beta) : layerNormForward(p.x, p.gamma, p.beta, eps));
  return {
    f: () => projectOnto(forward().out, p.dout),
    inputs: [
      { name: 'dx', value: p.x, analytic: dx },
      { name: 'dgamma', value: p.gamma, analytic: dgamma },
      { name: 'dbeta', value: p.beta, analytic: dbeta },
    ],
  };
}

function rmsNormGradients(p: Problem, eps?: number): { f: () => number; inputs: GradInput[] } {
  const { dx, dgamma } = rmsNorm(p, eps);
  const forward = () => (eps === undefined ? rmsNormForward(p.x, p.gamma) : rmsNormForward(p.x, p.gamma, eps));
  return {
    f: () => projectOnto(forward().out, p.dout),
    inputs: [
      { name: 'dx', value: p.x, analytic: dx },
      { name: 'dgamma', value: p.gamma, analytic: dgamma },
    ],
  };
}

describe('gradient check', () => {
  const cases: [number, number, number | undefined, number][] = [
    [4, 5, undefined, 21],
    [1, 6, undefined, 22],
    [3, 1, undefined, 23],
    [3, 2, undefined, 24],
    [5, 4, 0.1, 25],
  ];
  for (const [n, d, eps, seed] of cases) {
    const label = eps === undefined ? `N=${n}, D=${d}` : `N=${n}, D=${d}, eps = ${eps}`;
    test(say(
      `LayerNorm, ${label}: dx, dgamma and dbeta match finite differences of your forward pass`,
      `LayerNorm，${label}：dx、dgamma 和 dbeta 与你的前向传播的有限差分一致`,
    ), () => {
      const { f, inputs } = layerNormGradients(problem(n, d, seed), eps);
      expectGradientsMatch(say(`LayerNorm, ${label}`, `LayerNorm，${label}`), f, inputs);
    });
    test(say(
      `RMSNorm, ${label}: dx and dgamma match finite differences of your forward pass`,
      `RMSNorm，${label}：dx 和 dgamma 与你的前向传播的有限差分一致`,
    ), () => {
      const { f, inputs } = rmsNormGradients(problem(n, d, seed + 10), eps);
      expectGradientsMatch(say(`RMSNorm, ${label}`, `RMSNorm，${label}`), f, inputs);
    });
  }

  test(say(
    'a batch of 64 rows of width 128 (N=64, D=128): sampled entries of dx, and all of dgamma and dbeta, match finite differences, for both layers',
    '64 行、宽 128 的批量（N=64, D=128）：两个层的 dx 抽样元素和 dgamma、dbeta 的全部元素都与有限差分一致',
  ), () => {
    const ln = layerNormGradients(problem(64, 128, 26));
    ln.inputs[0].entries = sampleEntries(64, 128);
    expectGradientsMatch('LayerNorm, N=64, D=128', ln.f, ln.inputs);
    const rms = rmsNormGradients(problem(64, 128, 27));
    rms.inputs[0].entries = sampleEntries(64, 128);
    expectGradientsMatch('RMSNorm, N=64, D=128', rms.f, rms.inputs);
  });
});

// ---------------------------------------------------------------------------------------

/** A random shape and seed; fast-check shrinks towards small ones. */
const shapes = (minD: number) =>
  fc.record({
    n: fc.integer({ min: 1, max: 6 }),
    d: fc.integer({ min: minD, max: 8 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  });
type Shape = { n: number; d: number; seed: number };
const described = ({ n, d, seed }: Shape): string => say(`a random N=${n}, D=${d} input (seed ${seed})`, `随机的 N=${n}, D=${d} 输入（种子 ${seed}）`);
const build = ({ n, d, seed }: Shape): Problem => problem(n, d, seed);

/** |got| small against the size of the terms that make it. */
const nearZero = (got: number, scale: number): boolean => Math.abs(got) <= 1e-9 * (1 + scale);

/** Per row: a random factor a in [1/20, 20] and a random shift c in [−50, 50]. */
function rowChanges(n: number, seed: number): { a: number[]; c: number[] } {
  const rng = createRng(seed + 7);
  return {
    a: Array.from({ length: n }, () => Math.exp((rng() * 2 - 1) * 3)),
    c: Array.from({ length: n }, () => (rng() * 2 - 1) * 50),
  };
}

describe('properties', () => {
  test(say(
    'LayerNorm with γ = 1, β = 0: every row of out has mean 0 and biased variance σ²/(σ² + eps) ≈ 1',
    'LayerNorm 取 γ = 1、β = 0 时：out 的每一行均值为 0，有偏方差为 σ²/(σ² + eps) ≈ 1',
  ), () => {
    expectProperty('mean(out[n]) = 0, var(out[n]) = σ²/(σ² + eps)', shapes(1), (s) => {
      const p = build(s);
      const { out } = layerNormForward(p.x, ones(s.d), new Float64Array(s.d));
      expectShape('out', out, s.n, s.d, 'layerNormForward');
      for (let i = 0; i < s.n; i++) {
        const xs = row(p.x, i);
        const ys = row(out, i);
        const want = variance(xs) / (variance(xs) + 1e-5);
        check(nearZero(mean(ys), sum(ys.map(Math.abs))), () =>
          say(
            `row ${i} of out has mean ${fmt(mean(ys))}: x̂ must have mean 0 in every row (subtract the row’s own mean).`,
            `out 第 ${i} 行的均值为 ${fmt(mean(ys))}：x̂ 每一行的均值必须为 0（减去这一行自己的均值）。`,
          ),
        );
        check(Math.abs(variance(ys) - want) <= 1e-9, () =>
          say(
            `row ${i} of out has variance ${fmt(variance(ys))} (÷D), but with the row’s biased variance σ² = ${fmt(variance(xs))} ` +
              `it must be σ²/(σ² + eps) = ${fmt(want)}.`,
            `out 第 ${i} 行的方差为 ${fmt(variance(ys))}（÷D），但按这一行的有偏方差 σ² = ${fmt(variance(xs))}，` +
              `它必须是 σ²/(σ² + eps) = ${fmt(want)}。`,
          ),
        );
      }
    }, 100, described);
  });

  test(say('LayerNorm: every row of dx sums to zero (dx ⟂ 1), for any γ and eps', 'LayerNorm：dx 的每一行之和为零（dx ⟂ 1），对任意 γ 和 eps 都成立'), () => {
    expectProperty('Σⱼ dx[n][j] = 0', shapes(1), (s) => {
      const { dx } = layerNorm(build(s));
      expectShape('dx', dx, s.n, s.d, 'layerNormBackward');
      for (let i = 0; i < s.n; i++) {
        const total = sum(row(dx, i));
        check(nearZero(total, sum(row(dx, i).map(Math.abs))), () =>
          say(
            `row ${i} of dx sums to ${fmt(total)}. Adding the same number to every entry of row ${i} of x changes nothing ` +
              '(the row’s mean absorbs it), so the gradient along that shift must be 0: your dx misses the path through the mean μ.',
            `dx 第 ${i} 行之和为 ${fmt(total)}。给 x 第 ${i} 行的每个元素加上同一个数不会改变任何输出` +
              '（这一行的均值把它吸收了），所以沿这个平移方向的梯度必须为 0：你的 dx 漏掉了经过均值 μ 的路径。',
          ),
        );
      }
    }, 100, described);
  });

  test(say(
    'LayerNorm with eps = 0: every row of dx is orthogonal to that row of x̂ (dx ⟂ x̂), for any γ',
    'LayerNorm 取 eps = 0 时：dx 的每一行都与 x̂ 的同一行正交（dx ⟂ x̂），对任意 γ 都成立',
  ), () => {
    expectProperty('⟨dx[n], x̂[n]⟩ = 0', shapes(2), (s) => {
      const p = build(s);
      const { dx } = layerNorm(p, 0);
      expectShape('dx', dx, s.n, s.d, 'layerNormBackward');
      for (let i = 0; i < s.n; i++) {
        const xs = row(p.x, i);
        const sd = Math.sqrt(variance(xs));
        const xhat = xs.map((value) => (value - mean(xs)) / sd);
        const dot = sum(row(dx, i).map((g, j) => g * xhat[j]));
        check(nearZero(dot, sum(row(dx, i).map(Math.abs))), () =>
          say(
            `⟨dx[${i}], x̂[${i}]⟩ = ${fmt(dot)}. With eps = 0, stretching row ${i} of x about its mean (x → μ + a·(x − μ)) ` +
              'changes nothing, so the gradient along x − μ must be 0: your dx misses the path through the variance σ².',
            `⟨dx[${i}], x̂[${i}]⟩ = ${fmt(dot)}。eps = 0 时，把 x 第 ${i} 行绕它的均值拉伸（x → μ + a·(x − μ)）` +
              '不会改变任何输出，所以沿 x − μ 方向的梯度必须为 0：你的 dx 漏掉了经过方差 σ² 的路径。',
          ),
        );
      }
    }, 100, described);
  });

  test(say(
    'LayerNorm: adding a constant to a row of x, or scaling it by a > 0 (and eps by a²), leaves out unchanged',
    'LayerNorm：给 x 的某一行加上常数，或把它乘以 a > 0（同时把 eps 乘以 a²），out 不变',
  ), () => {
    expectProperty('LN(x + c) = LN(x), LN(a·x; a²·eps) = LN(x; eps)', shapes(2), (s) => {
      const p = build(s);
      const { a, c } = rowChanges(s.n, s.seed);
      const base = layerNormForward(p.x, p.gamma, p.beta).out;
      const shifted = matrix(s.n, s.d, p.x.data.map((value, k) => value + c[Math.floor(k / s.d)]));
      withHint(
        say(
          `Each row i was shifted by its own constant c[i] (c[0] = ${fmt(c[0])}); out must not change, since every row is centred by its own mean.`,
          `每一行 i 都加上了它自己的常数 c[i]（c[0] = ${fmt(c[0])}）；out 不应改变，因为每一行都用它自己的均值中心化。`,
        ),
        () => expectMatrixClose(say('out for x + c', 'x + c 的 out'), layerNormForward(shifted, p.gamma, p.beta).out, base),
      );
      // The same a for every row, so one eps fits them all.
      const scaled = matrix(s.n, s.d, p.x.data.map((value) => value * a[0]));
      withHint(
        say(
          `x was multiplied by a = ${fmt(a[0])} and eps by a²: x̂ = (x − μ)/√(σ² + eps) is then exactly the same.`,
          `x 乘以了 a = ${fmt(a[0])}，eps 乘以了 a²：此时 x̂ = (x − μ)/√(σ² + eps) 完全不变。`,
        ),
        () => expectMatrixClose(say('out for a·x with eps·a²', 'a·x、eps·a² 的 out'), layerNormForward(scaled, p.gamma, p.beta, 1e-5 * a[0] ** 2).out, base),
      );
    }, 100, described);
  });

  test(say(
    'RMSNorm: scaling x by a > 0 (and eps by a²) leaves out unchanged',
    'RMSNorm：把 x 乘以 a > 0（同时把 eps 乘以 a²），out 不变',
  ), () => {
    expectProperty('RMS(a·x; a²·eps) = RMS(x; eps)', shapes(1), (s) => {
      const p = build(s);
      const { a } = rowChanges(s.n, s.seed);
      const base = rmsNormForward(p.x, p.gamma).out;
      const scaled = matrix(s.n, s.d, p.x.data.map((value) => value * a[0]));
      withHint(
        say(
          `x was multiplied by a = ${fmt(a[0])} and eps by a²: x/√(mean(x²) + eps) is then exactly the same.`,
          `x 乘以了 a = ${fmt(a[0])}，eps 乘以了 a²：此时 x/√(mean(x²) + eps) 完全不变。`,
        ),
        () => expectMatrixClose(say('out for a·x with eps·a²', 'a·x、eps·a² 的 out'), rmsNormForward(scaled, p.gamma, 1e-6 * a[0] ** 2).out, base),
      );
    }, 100, described);
  });

  test(say(
    'RMSNorm with eps = 0: every row of dx is orthogonal to that row of x (dx ⟂ x), for any γ',
    'RMSNorm 取 eps = 0 时：dx 的每一行都与 x 的同一行正交（dx ⟂ x），对任意 γ 都成立',
  ), () => {
    expectProperty('⟨dx[n], x[n]⟩ = 0', shapes(1), (s) => {
      const p = build(s);
      const { dx } = rmsNorm(p, 0);
      expectShape('dx', dx, s.n, s.d, 'rmsNormBackward');
      for (let i = 0; i < s.n; i++) {
        const xs = row(p.x, i);
        const dot = sum(row(dx, i).map((g, j) => g * xs[j]));
        const scale = sum(row(dx, i).map((g, j) => Math.abs(g * xs[j])));
        check(nearZero(dot, scale), () =>
          say(
            `⟨dx[${i}], x[${i}]⟩ = ${fmt(dot)}. With eps = 0, scaling row ${i} of x changes nothing, so the gradient along x ` +
              'must be 0: your dx misses the path through the rms, √(mean(x²) + eps), which depends on every entry of the row.',
            `⟨dx[${i}], x[${i}]⟩ = ${fmt(dot)}。eps = 0 时，缩放 x 的第 ${i} 行不会改变任何输出，所以沿 x 方向的梯度` +
              '必须为 0：你的 dx 漏掉了经过均方根 √(mean(x²) + eps) 的路径，而它依赖这一行的每个元素。',
          ),
        );
      }
    }, 100, described);
  });

  test(say(
    'dx, dgamma and dbeta match finite differences for random shapes and values, for both layers',
    '对随机的形状和数值，两个层的 dx、dgamma 和 dbeta 都与有限差分一致',
  ), () => {
    const withLayer = fc.record({ shape: shapes(1), layer: fc.constantFrom<'LayerNorm' | 'RMSNorm'>('LayerNorm', 'RMSNorm') });
    expectProperty(say('the gradient check', '梯度检验'), withLayer, ({ shape, layer }) => {
      const p = build(shape);
      const { f, inputs } = layer === 'LayerNorm' ? layerNormGradients(p) : rmsNormGradients(p);
      const result = gradcheck(f, inputs);
      if (!result.passed && result.worst) {
        const w = result.worst;
        fail(say(`${w.name}${w.index} is ${fmt(w.analytic)}, but finite differences give ${fmt(w.numeric)}.`, `${w.name}${w.index} 为 ${fmt(w.analytic)}，但有限差分给出 ${fmt(w.numeric)}。`));
      }
    }, 60, ({ shape, layer }) => say(`${layer}, ${described(shape)}`, `${layer}，${described(shape)}`));
  });
});
