/**
 * Spec for the batchnorm-backward kata. Run it with `npm run grade -- batchnorm`; the grader
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
  expectSampledClose,
  expectThrowsMentioning,
  expectUnchanged,
  expectVectorClose,
  fail,
  GradeFailure,
  fmt,
  gradcheck,
  isNotImplemented,
  loadFixture,
  loadTarget,
  m,
  patternMatrix,
  patternVector,
  projectOnto,
  sampleEntries,
  snapshot,
  v,
  withHint,
  type GradInput,
  describe,
  test,
  type PatternSpec,
  type SampledMatrix,
} from '../../grader/harness/index.ts';

type Impl = typeof import('./batchnorm.ts');
type Options = Parameters<Impl['batchnormForward']>[4];
type State = Parameters<Impl['batchnormForward']>[3];
const impl = await loadTarget<Impl>();
const { batchnormForward, batchnormBackward } = impl;

// ---------------------------------------------------------------------------------------
// Inputs.
// ---------------------------------------------------------------------------------------

/** BatchNorm1d's initial buffers: running mean 0, running variance 1. */
function freshState(d: number): State {
  return { runningMean: new Float64Array(d), runningVar: new Float64Array(d).fill(1) };
}

function copyState(state: State): State {
  return { runningMean: Float64Array.from(state.runningMean), runningVar: Float64Array.from(state.runningVar) };
}

/** A random BatchNorm problem: columns with their own offset and spread, γ of both signs. */
interface Problem {
  x: Matrix;
  gamma: Float64Array;
  beta: Float64Array;
  state: State;
  dout: Matrix;
}

function randomProblem(n: number, d: number, rng: Rng): Problem {
  const x = normalMatrix(n, d, rng);
  const offsets = normalVector(d, rng, 0, 3);
  const spreads = Array.from({ length: d }, () => 0.5 + 2.5 * rng());
  for (let k = 0; k < x.data.length; k++) x.data[k] = offsets[k % d] + spreads[k % d] * x.data[k];
  const state: State = {
    runningMean: normalVector(d, rng),
    runningVar: Float64Array.from({ length: d }, () => 0.5 + 2 * rng()),
  };
  return { x, gamma: normalVector(d, rng, 0, 1.5), beta: normalVector(d, rng), state, dout: normalMatrix(n, d, rng) };
}

/** Forward then backward on a copy of the problem's state. */
function runBoth(p: Problem, options: Options) {
  const forward = batchnormForward(p.x, p.gamma, p.beta, copyState(p.state), options);
  return { ...forward, ...batchnormBackward(p.dout, forward.cache) };
}

const TRAIN: Options = { mode: 'train' };
const EVAL: Options = { mode: 'eval' };

// ---------------------------------------------------------------------------------------

describe('spec', () => {
  test('train mode on the batch [[1], [3]] gives out [[−1], [1]]: normalise with the biased variance ÷N', () => {
    const { out } = batchnormForward(fromRows([[1], [3]]), v([1]), v([0]), freshState(1), { mode: 'train', eps: 0 });
    // μ = 2 and σ² = ((1 − 2)² + (3 − 2)²)/2 = 1, so x̂ = ±1 (÷(N−1) would give ±0.7071).
    expectMatrixClose('out', out, [[-1], [1]], { shapeHint: 'N×D = 2×1' });
  });

  test('train mode on [[1], [3]] from the fresh state, momentum 0.1: runningMean 0.2, runningVar 1.1', () => {
    const state = freshState(1);
    batchnormForward(fromRows([[1], [3]]), v([1]), v([0]), state, { mode: 'train', momentum: 0.1 });
    // runningMean = 0.9·0 + 0.1·2; runningVar = 0.9·1 + 0.1·2, with the unbiased variance 2 = ((−1)² + 1²)/(2 − 1).
    expectVectorClose('state.runningMean', state.runningMean, [0.2]);
    expectVectorClose('state.runningVar', state.runningVar, [1.1]);
  });

  test('train mode updates the running statistics in place, in the same Float64Arrays', () => {
    const state = freshState(2);
    const { runningMean, runningVar } = state;
    batchnormForward(fromRows([[1, 2], [3, 5]]), v([1, 1]), v([0, 0]), state, TRAIN);
    const replaced = [
      state.runningMean !== runningMean ? 'state.runningMean' : '',
      state.runningVar !== runningVar ? 'state.runningVar' : '',
    ].filter(Boolean);
    check(replaced.length === 0, () =>
      `batchnormForward replaced ${replaced.join(' and ')} with a new array. Like PyTorch's buffers, they must be ` +
        'updated in place (state.runningMean[j] = ...): whoever holds the old arrays would never see the update.',
    );
    check(runningMean[0] !== 0 || runningVar[0] !== 1, 'train mode left state.runningMean and state.runningVar at 0 and 1.');
  });

  test('eval mode normalises with the running statistics and leaves them unchanged', () => {
    const state: State = { runningMean: v([1]), runningVar: v([4]) };
    const { out } = batchnormForward(fromRows([[1], [3]]), v([2]), v([0.5]), state, { mode: 'eval', eps: 0 });
    // x̂ = (x − 1)/√4 = [0, 1], so out = 2·x̂ + 0.5. The batch's own statistics would give x̂ = ±1.
    expectMatrixClose('out', out, [[0.5], [2.5]]);
    const exactly = { tol: { rtol: 0, atol: 0 } };
    expectVectorClose('state.runningMean', state.runningMean, [1], exactly);
    expectVectorClose('state.runningVar', state.runningVar, [4], exactly);
  });

  test('momentum defaults to 0.1 and eps to 1e-5', () => {
    const p = randomProblem(5, 3, createRng(11));
    const defaults = copyState(p.state);
    const explicit = copyState(p.state);
    const a = batchnormForward(p.x, p.gamma, p.beta, defaults, { mode: 'train' });
    const b = batchnormForward(p.x, p.gamma, p.beta, explicit, { mode: 'train', momentum: 0.1, eps: 1e-5 });
    expectMatrixClose('out with the default options', a.out, b.out);
    expectVectorClose('state.runningMean with the default momentum', defaults.runningMean, explicit.runningMean);
    expectVectorClose('state.runningVar with the default momentum', defaults.runningVar, explicit.runningVar);
  });

  test('out and dx are N×D, dgamma and dbeta have D entries (N=5, D=3), in both modes', () => {
    const p = randomProblem(5, 3, createRng(12));
    for (const options of [TRAIN, EVAL]) {
      const r = runBoth(p, options);
      const where = `in ${options.mode} mode`;
      for (const [name, value] of [['out', r.out], ['dx', r.dx]] as const) {
        check(isMatrix(value) && value.rows === 5 && value.cols === 3, () => `${name} ${where} should be a 5×3 Matrix, but it is ${describeValue(value)}.`);
      }
      for (const [name, value] of [['dgamma', r.dgamma], ['dbeta', r.dbeta]] as const) {
        check(value instanceof Float64Array && value.length === 3, () => `${name} ${where} should be a Float64Array of D = 3 entries, but it is ${describeValue(value)}.`);
      }
    }
  });

  test('x, gamma, beta and dout are not modified, in either mode', () => {
    for (const options of [TRAIN, EVAL]) {
      const p = randomProblem(4, 3, createRng(13));
      const before = { x: snapshot(p.x), gamma: snapshot(p.gamma), beta: snapshot(p.beta), dout: snapshot(p.dout) };
      const { cache } = batchnormForward(p.x, p.gamma, p.beta, copyState(p.state), options);
      const by = `batchnormForward in ${options.mode} mode`;
      expectUnchanged('x', p.x, before.x, by);
      expectUnchanged('gamma', p.gamma, before.gamma, by);
      expectUnchanged('beta', p.beta, before.beta, by);
      batchnormBackward(p.dout, cache);
      expectUnchanged('dout', p.dout, before.dout, `batchnormBackward in ${options.mode} mode`);
    }
  });

  test('shapes that do not fit throw an Error naming both shapes', () => {
    const x = matrix(4, 5);
    const five = () => new Float64Array(5);
    const seven = new Float64Array(7);
    const cases: [string, () => unknown][] = [
      ['gamma of 7 entries', () => batchnormForward(x, seven, five(), freshState(5), TRAIN)],
      ['beta of 7 entries', () => batchnormForward(x, five(), seven, freshState(5), TRAIN)],
      ['state.runningMean of 7 entries', () => batchnormForward(x, five(), five(), { runningMean: seven, runningVar: five() }, EVAL)],
      ['state.runningVar of 7 entries', () => batchnormForward(x, five(), five(), { runningMean: five(), runningVar: seven }, EVAL)],
    ];
    for (const [what, call] of cases) expectThrowsMentioning(`batchnormForward with a 4×5 x and ${what}`, call, ['4×5', '7']);
    const { cache } = batchnormForward(normalMatrix(4, 5, createRng(14)), five().fill(1), five(), freshState(5), TRAIN);
    expectThrowsMentioning('batchnormBackward with a 3×5 dout after a 4×5 forward pass', () => batchnormBackward(matrix(3, 5), cache), ['3×5', '4×5']);
  });

  test('train mode with a batch of 1 throws (there is no variance to normalise with), eval mode does not', () => {
    const x = fromRows([[0.5, -1, 2]]);
    const params = () => [v([1, 1, 1]), v([0, 0, 0])] as const;
    expectThrowsMentioning('batchnormForward on a 1×3 batch in train mode', () => batchnormForward(x, ...params(), freshState(3), TRAIN), ['1×3']);
    const { out } = batchnormForward(x, ...params(), freshState(3), { mode: 'eval', eps: 0 });
    expectMatrixClose('out in eval mode for a 1×3 batch (fresh state: mean 0, variance 1)', out, [[0.5, -1, 2]]);
  });

  test('batchnormBackwardAlt (optional): if you wrote it, it gives the same gradients as batchnormBackward', () => {
    const alt = (impl as Partial<Impl>).batchnormBackwardAlt;
    for (const [options, n, d] of [[TRAIN, 6, 3], [TRAIN, 2, 4], [EVAL, 5, 2]] as const) {
      const p = randomProblem(n, d, createRng(15 + n));
      const forward = batchnormForward(p.x, p.gamma, p.beta, copyState(p.state), options);
      const want = batchnormBackward(p.dout, forward.cache);
      if (typeof alt !== 'function') return;
      let got: ReturnType<Impl['batchnormBackward']>;
      try {
        got = alt(p.dout, forward.cache);
      } catch (error) {
        if (isNotImplemented(error)) return; // optional: an untouched stub is fine
        throw error;
      }
      const tol = { tol: { rtol: 1e-8, atol: 1e-10 } };
      const where = `batchnormBackwardAlt in ${options.mode} mode (N=${n}, D=${d})`;
      try {
        expectMatrixClose(`dx from ${where}`, got.dx, want.dx, tol);
        expectVectorClose(`dgamma from ${where}`, got.dgamma, want.dgamma, tol);
        expectVectorClose(`dbeta from ${where}`, got.dbeta, want.dbeta, tol);
      } catch (disagreement) {
        // The two disagree: finite differences of the forward pass say which one is wrong.
        if (!(disagreement instanceof GradeFailure)) throw disagreement;
        const agreesWithForward = (g: ReturnType<Impl['batchnormBackward']>): boolean => {
          const f = () => projectOnto(batchnormForward(p.x, p.gamma, p.beta, copyState(p.state), options).out, p.dout);
          try {
            expectGradientsMatch(where, f, [
              { name: 'dx', value: p.x, analytic: g.dx },
              { name: 'dgamma', value: p.gamma, analytic: g.dgamma },
              { name: 'dbeta', value: p.beta, analytic: g.dbeta },
            ]);
            return true;
          } catch {
            return false;
          }
        };
        if (agreesWithForward(got) && !agreesWithForward(want)) {
          fail(
            `batchnormBackward is wrong in ${options.mode} mode (N=${n}, D=${d}): it disagrees with finite differences of your ` +
              'forward pass, while your batchnormBackwardAlt agrees with them. Fix batchnormBackward; the closed form is right.',
          );
        }
        throw disagreement;
      }
    }
  });
});

// ---------------------------------------------------------------------------------------

interface FixtureInput {
  calls: { mode: 'train' | 'eval'; x: number[][] }[];
  gamma: number[];
  beta: number[];
  runningMean: number[];
  runningVar: number[];
  momentum?: number;
  eps?: number;
  dout: number[][];
}

interface FixtureExpected {
  out: number[][];
  runningMean: number[];
  runningVar: number[];
  dx: number[][];
  dgamma: number[];
  dbeta: number[];
}

describe('fixtures', () => {
  for (const name of ['train', 'eval']) {
    for (const c of loadFixture<FixtureInput, FixtureExpected>('batchnorm-backward', name).cases) {
      test(c.description, () => {
        const { calls, gamma, beta, momentum, eps } = c.input;
        const state: State = { runningMean: v(c.input.runningMean), runningVar: v(c.input.runningVar) };
        // Options left out of the fixture are left out here too: they test your defaults.
        const options = (mode: 'train' | 'eval'): Options => ({
          mode,
          ...(momentum === undefined ? {} : { momentum }),
          ...(eps === undefined ? {} : { eps }),
        });
        let last: ReturnType<Impl['batchnormForward']> | undefined;
        for (const call of calls) last = batchnormForward(m(call.x), v(gamma), v(beta), state, options(call.mode));
        if (!last) fail('the fixture has no forward call');
        // With several calls, out and the gradients are the last call's; the state is after all of them.
        expectMatrixClose('out', last.out, c.expected.out);
        expectVectorClose('state.runningMean', state.runningMean, c.expected.runningMean);
        expectVectorClose('state.runningVar', state.runningVar, c.expected.runningVar);
        const grads = batchnormBackward(m(c.input.dout), last.cache);
        expectMatrixClose('dx', grads.dx, c.expected.dx);
        expectVectorClose('dgamma', grads.dgamma, c.expected.dgamma);
        expectVectorClose('dbeta', grads.dbeta, c.expected.dbeta);
      });
    }
  }
});

interface LargeInput {
  calls: { mode: 'train' | 'eval'; x: { pattern: PatternSpec } }[];
  gamma: { pattern: PatternSpec };
  beta: { pattern: PatternSpec };
  runningMean: number[];
  runningVar: number[];
  dout: { pattern: PatternSpec };
}

interface LargeExpected extends Omit<FixtureExpected, 'out' | 'dx'> {
  out: SampledMatrix;
  dx: SampledMatrix;
}

// The sizes and values of real use: batches of 300 and 17 through 128 features, and features
// around 1e4. Per-column results are compared whole, out and dx at sampled entries.
describe('fixtures', () => {
  for (const c of loadFixture<LargeInput, LargeExpected>('batchnorm-backward', 'large').cases) {
    test(c.description, () => {
      const state: State = { runningMean: v(c.input.runningMean), runningVar: v(c.input.runningVar) };
      const gamma = patternVector(c.input.gamma.pattern);
      const beta = patternVector(c.input.beta.pattern);
      let last: ReturnType<Impl['batchnormForward']> | undefined;
      for (const call of c.input.calls) last = batchnormForward(patternMatrix(call.x.pattern), gamma, beta, state, { mode: call.mode });
      if (!last) fail('the fixture has no forward call');
      const n = c.input.calls[c.input.calls.length - 1].x.pattern.rows ?? 0;
      const columns = `Each column's statistics come from all ${n} rows of its batch, computed as Σ(x − μ)²/N after μ (two passes), never as E[x²] − E[x]².`;
      withHint(columns, () => {
        expectSampledClose('out', last.out, c.expected.out, 'N×D');
        expectVectorClose('state.runningMean', state.runningMean, c.expected.runningMean);
        expectVectorClose('state.runningVar', state.runningVar, c.expected.runningVar);
      });
      const grads = batchnormBackward(patternMatrix(c.input.dout.pattern), last.cache);
      withHint(`The sums over the batch in the backward pass run over all ${n} rows.`, () => {
        expectVectorClose('dbeta', grads.dbeta, c.expected.dbeta);
        expectVectorClose('dgamma', grads.dgamma, c.expected.dgamma);
        expectSampledClose('dx', grads.dx, c.expected.dx, 'N×D');
      });
    });
  }
});

// ---------------------------------------------------------------------------------------

/** Gradient-check inputs for dx, dgamma and dbeta of one problem; f runs on a fresh copy of the state. */
function gradientInputs(p: Problem, options: Options): { f: () => number; inputs: GradInput[] } {
  const { dx, dgamma, dbeta } = runBoth(p, options);
  return {
    f: () => projectOnto(batchnormForward(p.x, p.gamma, p.beta, copyState(p.state), options).out, p.dout),
    inputs: [
      { name: 'dx', value: p.x, analytic: dx },
      { name: 'dgamma', value: p.gamma, analytic: dgamma },
      { name: 'dbeta', value: p.beta, analytic: dbeta },
    ],
  };
}

describe('gradient check', () => {
  const cases: [string, number, number, Options, number][] = [
    ['train mode, N=4, D=3', 4, 3, TRAIN, 21],
    ['train mode, a batch of 2 (N=2, D=3)', 2, 3, TRAIN, 22],
    ['train mode, N=9, D=2, eps = 0.1', 9, 2, { mode: 'train', eps: 0.1 }, 23],
    ['eval mode, N=5, D=4', 5, 4, EVAL, 24],
    ['eval mode, a batch of 1 (N=1, D=3)', 1, 3, EVAL, 25],
  ];
  for (const [label, n, d, options, seed] of cases) {
    test(`${label}: dx, dgamma and dbeta match finite differences of your forward pass`, () => {
      const { f, inputs } = gradientInputs(randomProblem(n, d, createRng(seed)), options);
      expectGradientsMatch(label, f, inputs);
    });
  }

  // Each evaluation is one forward pass over 300×8 numbers; ~50 sampled entries of dx (rows 0,
  // 31, 32, 33 and 299 among them) and all of dgamma and dbeta keep it to a few milliseconds.
  test('train mode on a batch of 300 (N=300, D=8): sampled entries of dx, and all of dgamma and dbeta, match finite differences', () => {
    const { f, inputs } = gradientInputs(randomProblem(300, 8, createRng(26)), TRAIN);
    inputs[0].entries = sampleEntries(300, 8);
    expectGradientsMatch('train mode, N=300, D=8', f, inputs);
  });
});

// ---------------------------------------------------------------------------------------

/** A random shape and seed; fast-check shrinks towards small batches. */
const problems = fc.record({
  n: fc.integer({ min: 2, max: 8 }),
  d: fc.integer({ min: 1, max: 5 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type ProblemSpec = { n: number; d: number; seed: number };
const describeProblem = ({ n, d, seed }: ProblemSpec): string => `a random N=${n}, D=${d} batch (seed ${seed})`;
const build = ({ n, d, seed }: ProblemSpec): Problem => randomProblem(n, d, createRng(seed));

function column(a: Matrix, j: number): number[] {
  return Array.from({ length: a.rows }, (_, i) => a.data[i * a.cols + j]);
}
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

describe('properties', () => {
  test('train mode: every column of dx sums to zero over the batch', () => {
    expectProperty('Σₙ dx[n][j] = 0', problems, (spec) => {
      const { dx } = runBoth(build(spec), TRAIN);
      for (let j = 0; j < spec.d; j++) {
        const col = column(dx, j);
        const total = sum(col);
        // Exactly 0 on paper; float64 sums of a few terms of size ~Σ|dx| leave ~1e-15 of it.
        const scale = sum(col.map(Math.abs));
        check(Math.abs(total) <= 1e-9 * (1 + scale), () =>
          `column ${j} of dx sums to ${fmt(total)}. Shifting every x[n][${j}] by the same amount changes nothing ` +
            '(the mean absorbs it), so the total gradient along that shift must be 0.',
        );
      }
    }, 100, describeProblem);
  });

  test('train mode: adding a constant to every row of dout leaves dx unchanged', () => {
    expectProperty('dx(dout + c) = dx(dout)', problems, (spec) => {
      const p = build(spec);
      const shift = normalVector(spec.d, createRng(spec.seed + 1), 0, 3);
      const shifted = matrix(spec.n, spec.d, p.dout.data.map((g, k) => g + shift[k % spec.d]));
      const before = runBoth(p, TRAIN).dx;
      const after = runBoth({ ...p, dout: shifted }, TRAIN).dx;
      for (let k = 0; k < before.data.length; k++) {
        check(Math.abs(after.data[k] - before.data[k]) <= 1e-9 * (1 + Math.abs(before.data[k])), () =>
          `adding c = [${Array.from(shift, fmt).join(', ')}] to every row of dout changed dx[${Math.floor(k / spec.d)}][${k % spec.d}] ` +
            `from ${fmt(before.data[k])} to ${fmt(after.data[k])}. out's columns have a fixed mean β, so an upstream ` +
            'gradient that pushes every row the same way cannot move x.',
        );
      }
    }, 100, describeProblem);
  });

  test('dgamma and dbeta match finite differences for random shapes, in both modes', () => {
    const withMode = fc.record({ spec: problems, mode: fc.constantFrom<'train' | 'eval'>('train', 'eval') });
    expectProperty('dgamma, dbeta = numeric gradients', withMode, ({ spec, mode }) => {
      const { f, inputs } = gradientInputs(build(spec), { mode });
      const result = gradcheck(f, inputs.slice(1));
      if (!result.passed && result.worst) {
        const w = result.worst;
        fail(`${w.name}${w.index} is ${fmt(w.analytic)}, but finite differences give ${fmt(w.numeric)}.`);
      }
    }, 100, ({ spec, mode }) => `${describeProblem(spec)} in ${mode} mode`);
  });

  test('large batches (N from 33 to 300), train mode: dx sums to zero over the batch and dgamma, dbeta are sums over all N rows', () => {
    const large = fc.record({ n: fc.integer({ min: 33, max: 300 }), d: fc.integer({ min: 1, max: 16 }), seed: fc.integer({ min: 1, max: 1_000_000 }) });
    expectProperty('the batch sums at N > 32', large, (spec) => {
      const p = build(spec);
      const { dx, dgamma, dbeta } = runBoth(p, TRAIN);
      check(isMatrix(dx) && dx.rows === spec.n && dx.cols === spec.d, () => `dx should be ${spec.n}×${spec.d}, but it is ${describeValue(dx)}.`);
      // x̂ from the spec's own two-pass statistics: dbeta = Σₙ dout, dgamma = Σₙ dout·x̂, over all N rows.
      for (let j = 0; j < spec.d; j++) {
        const xs = column(p.x, j);
        const mu = sum(xs) / spec.n;
        const s = 1 / Math.sqrt(sum(xs.map((x) => (x - mu) ** 2)) / spec.n + 1e-5);
        const g = column(p.dout, j);
        const wantBeta = sum(g);
        const wantGamma = sum(g.map((gi, i) => gi * (xs[i] - mu) * s));
        const scale = 1 + sum(g.map(Math.abs));
        check(Math.abs(dbeta[j] - wantBeta) <= 1e-9 * scale, () =>
          `dbeta[${j}] is ${fmt(dbeta[j])}, but the sum of column ${j} of dout over all ${spec.n} rows is ${fmt(wantBeta)}.`,
        );
        check(Math.abs(dgamma[j] - wantGamma) <= 1e-9 * scale, () =>
          `dgamma[${j}] is ${fmt(dgamma[j])}, but Σₙ dout[n][${j}]·x̂[n][${j}] over all ${spec.n} rows is ${fmt(wantGamma)}.`,
        );
        const total = sum(column(dx, j));
        check(Math.abs(total) <= 1e-9 * (1 + sum(column(dx, j).map(Math.abs))), () =>
          `column ${j} of dx sums to ${fmt(total)} over the ${spec.n} rows; shifting a whole column of x changes nothing, so it must sum to 0.`,
        );
      }
    }, 15, describeProblem);
  });

  test('train mode: each column of out has mean β and standard deviation |γ|·√(σ²/(σ² + eps))', () => {
    expectProperty('mean(out) = β, std(out) = |γ|·√(σ²/(σ² + eps))', problems, (spec) => {
      const p = build(spec);
      const { out } = batchnormForward(p.x, p.gamma, p.beta, copyState(p.state), TRAIN);
      check(isMatrix(out) && out.rows === spec.n && out.cols === spec.d, () => `out should be ${spec.n}×${spec.d}, but it is ${describeValue(out)}.`);
      for (let j = 0; j < spec.d; j++) {
        const xs = column(p.x, j);
        const ys = column(out, j);
        const mu = sum(xs) / spec.n;
        const variance = sum(xs.map((x) => (x - mu) ** 2)) / spec.n; // biased: ÷N
        const mean = sum(ys) / spec.n;
        const std = Math.sqrt(sum(ys.map((y) => (y - mean) ** 2)) / spec.n);
        const wantStd = Math.abs(p.gamma[j]) * Math.sqrt(variance / (variance + 1e-5));
        check(Math.abs(mean - p.beta[j]) <= 1e-9 * (1 + Math.abs(p.beta[j]) + Math.abs(p.gamma[j])), () =>
          `column ${j} of out has mean ${fmt(mean)}, but β[${j}] = ${fmt(p.beta[j])}: x̂ must have mean 0 in every column.`,
        );
        check(Math.abs(std - wantStd) <= 1e-9 * (1 + wantStd), () =>
          `column ${j} of out has standard deviation ${fmt(std)} (÷N), but |γ[${j}]|·√(σ²/(σ² + eps)) = ${fmt(wantStd)} ` +
            `with the batch's biased variance σ² = ${fmt(variance)}.`,
        );
      }
    }, 100, describeProblem);
  });
});

