/**
 * Spec for the adam kata. Run it with `npm run grade -- adam`; the grader decides which
 * implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import { isMatrix, matrix, paramData, type Param } from '../lib/matrix.ts';
import { createRng, normal } from '../lib/random.ts';
import {
  check,
  describeValue,
  FLOAT64_TOLERANCE,
  expectThrowsMentioning,
  expectProperty,
  fail,
  fmt,
  indexLabel,
  isNotImplemented,
  loadFixture,
  loadTarget,
  snapshot,
  describe,
  test,
} from '../../grader/harness/index.ts';
import { copyParam, expectTrajectory, type TrajectoryExpected, type TrajectoryInput } from '../../grader/harness/optimizer.ts';

type Impl = typeof import('./adam.ts');
type Options = NonNullable<ConstructorParameters<Impl['Adam']>[0]>;
const impl = await loadTarget<Impl>();
const { Adam } = impl;

/**
 * Run `optimizer` for `steps` steps on `params` with the gradients `gradsAt(step)` (fresh
 * arrays each time), and return the parameters after every step, flattened.
 */
function run(optimizer: InstanceType<Impl['Adam']>, params: Param[], gradsAt: (step: number) => Param[], steps: number): Float64Array[][] {
  const trajectory: Float64Array[][] = [];
  for (let s = 0; s < steps; s++) {
    optimizer.step(params, gradsAt(s));
    trajectory.push(params.map((p) => Float64Array.from(paramData(p))));
  }
  return trajectory;
}

/** A fixed, varied gradient for a parameter of `size` entries at step `s` (offset keeps parameters apart). */
function fixedGradient(size: number, s: number, offset: number): Float64Array {
  return Float64Array.from({ length: size }, (_, k) => Math.sin(1.3 * k + 0.7 * s + offset) + 0.2);
}

/**
 * Equal up to float noise. Two NaNs count as equal: these checks compare two runs of the
 * learner's own code, and a NaN in both is for the fixtures to report, not for them.
 */
function same(a: number, b: number): boolean {
  return Object.is(a, b) || Math.abs(a - b) <= 1e-12 * (1 + Math.abs(b));
}

/** The first entry where two trajectories differ by more than float noise, or null. */
function firstDifference(a: Float64Array[], b: Float64Array[]): { step: number; k: number } | null {
  for (let s = 0; s < a.length; s++) {
    for (let k = 0; k < a[s].length; k++) {
      if (!same(a[s][k], b[s][k])) return { step: s, k };
    }
  }
  return null;
}

describe('spec', () => {
  test('new Adam() has a step(params, grads) method', () => {
    const adam = new Adam();
    check(typeof adam.step === 'function', 'new Adam() has no step method. Keep the method named step(params, grads).');
  });

  test('new Adam() uses PyTorch\'s defaults: lr 1e-3, betas 0.9/0.999, eps 1e-8, weightDecay 0', () => {
    const explicit: Options = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
    const start = (): Param[] => [Float64Array.of(0.5, -1, 2)];
    // Gradients near eps on purpose, so a wrong default eps shows too.
    const gradsAt = (s: number): Param[] => [Float64Array.of(1 + s, -3e-8, 2e-8 * (s - 1))];
    const withDefaults = run(new Adam(), start(), gradsAt, 4);
    const withExplicit = run(new Adam(explicit), start(), gradsAt, 4);
    const d = firstDifference(withDefaults.map((ps) => ps[0]), withExplicit.map((ps) => ps[0]));
    if (d) {
      fail(
        `new Adam() and new Adam(${JSON.stringify(explicit)}) should behave the same, but after step ${d.step + 1} ` +
          `p[${d.k}] is ${fmt(withDefaults[d.step][0][d.k])} with the defaults and ${fmt(withExplicit[d.step][0][d.k])} with them written out. ` +
          'Check the default of every option.',
      );
    }
  });

  test('lr is a public field: new Adam().lr is 1e-3, new Adam({ lr: 0.05 }).lr is 0.05, and writing it changes the next step', () => {
    for (const [label, options, want] of [['new Adam()', {}, 1e-3], ['new Adam({ lr: 0.05 })', { lr: 0.05 }, 0.05]] as const) {
      const lr: unknown = new Adam(options).lr;
      check(lr === want, () =>
        `${label}.lr is ${describeValue(lr)}, expected ${want}. Keep the learning rate in a public field named lr, like ` +
          "PyTorch's param_groups[0]['lr']: the MNIST trainer and any schedule read and write it between steps.",
      );
    }
    // Every first step of Adam moves a coordinate by lr·g/(|g| + eps) ≈ lr; the second too when g repeats.
    const adam = new Adam({ lr: 0.05 });
    const p = Float64Array.of(0);
    adam.step([p], [Float64Array.of(1)]);
    const first = p[0];
    adam.lr = 0.5;
    adam.step([p], [Float64Array.of(1)]);
    const moved = p[0] - first;
    check(Math.abs(moved + 0.5) <= 1e-6, () =>
      `with lr 0.05 and gradient 1 the first step moved p to ${fmt(first)}; after optimizer.lr = 0.5 the second step (gradient 1 ` +
        `again, so m̂ = v̂ = 1) should move it by about −0.5, but it moved by ${fmt(moved)}. ` +
        (Math.abs(moved + 0.05) <= 1e-6 ? 'That is the old lr: step must read this.lr every time, not a copy taken in the constructor.' : ''),
    );
  });

  test('step updates the parameters in place', () => {
    const w = matrix(2, 2, Float64Array.of(1, 2, 3, 4));
    const b = Float64Array.of(-1, 1);
    const wData = w.data;
    new Adam({ lr: 0.1 }).step([w, b], [matrix(2, 2, Float64Array.of(1, -1, 1, -1)), Float64Array.of(1, 1)]);
    check(w.data === wData, 'step replaced the matrix\'s data array; write the new values into params[i] itself (paramData(p)[k] -= …).');
    check(w.data[0] !== 1 && b[0] !== -1, () =>
      `after one step with lr 0.1, params[0][0][0] is still ${fmt(w.data[0])} and params[1][0] still ${fmt(b[0])}: ` +
        'step must change the numbers of params in place (it returns nothing).',
    );
  });

  test('each parameter has its own m and v, and t advances once per step, not per parameter', () => {
    // Adam on [W, b] must move W exactly as Adam on [W] alone, and b as Adam on [b] alone.
    const w = matrix(2, 3, Float64Array.of(0.1, -0.2, 0.3, 0.4, -0.5, 0.6));
    const b = Float64Array.of(1, -1, 0.5, 2);
    const gradsAt = (s: number): Param[] => [matrix(2, 3, fixedGradient(6, s, 0)), fixedGradient(4, s, 2)];
    const steps = 4;
    const together = run(new Adam({ lr: 0.05 }), [copyParam(w), copyParam(b)], gradsAt, steps);
    const alone = [
      run(new Adam({ lr: 0.05 }), [copyParam(w)], (s) => [gradsAt(s)[0]], steps),
      run(new Adam({ lr: 0.05 }), [copyParam(b)], (s) => [gradsAt(s)[1]], steps),
    ];
    for (const i of [0, 1]) {
      const d = firstDifference(together.map((ps) => ps[i]), alone[i].map((ps) => ps[0]));
      if (d) {
        const cols = i === 0 ? w.cols : undefined;
        fail(
          `step([W, b], [dW, db]) should update ${i === 0 ? 'W' : 'b'} exactly as Adam on ${i === 0 ? '[W]' : '[b]'} alone does, ` +
            `but after step ${d.step + 1} ${i === 0 ? 'W' : 'b'}${indexLabel(d.k, cols)} is ${fmt(together[d.step][i][d.k])} instead of ` +
            `${fmt(alone[i][d.step][0][d.k])}. Keep one m and one v per position in params, and increment t once per call of step.`,
        );
      }
    }
  });

  test('two optimizers do not share their state', () => {
    const gradsAt = (s: number): Param[] => [fixedGradient(3, s, 1)];
    const expected = run(new Adam({ lr: 0.1 }), [Float64Array.of(1, 2, 3)], gradsAt, 3);
    const a = new Adam({ lr: 0.1 });
    const other = new Adam({ lr: 0.1 });
    const p = Float64Array.of(1, 2, 3);
    for (let s = 0; s < 3; s++) {
      other.step([Float64Array.of(5, 5, 5)], [Float64Array.of(-9, 9, 1)]); // a second optimizer stepping in between
      a.step([p], gradsAt(s));
      const want = expected[s][0];
      for (let k = 0; k < 3; k++) {
        check(same(p[k], want[k]), () =>
          `with a second Adam stepping in between, after step ${s + 1} p[${k}] is ${fmt(p[k])} instead of ${fmt(want[k])}. ` +
            'Keep m, v and t in fields of the instance, not in module-level variables.',
        );
      }
    }
  });

  test('params and grads that do not line up throw an Error naming the sizes', () => {
    const adam = new Adam();
    expectThrowsMentioning('step([W, b], [dW]) (2 params, 1 grad)', () => adam.step([matrix(2, 2), new Float64Array(2)], [matrix(2, 2)]), ['2', '1']);
    expectThrowsMentioning(
      'step with params[2] of 5 entries and grads[2] of 7',
      () => new Adam().step([new Float64Array(3), matrix(1, 4), new Float64Array(5)], [new Float64Array(3), matrix(1, 4), new Float64Array(7)]),
      ['2', '5', '7'],
    );
  });

  test('hyperparameters out of range throw an Error naming the option, as in PyTorch', () => {
    const bad: [string, Options, string][] = [
      ['{ lr: -0.001 }', { lr: -0.001 }, 'lr'],
      ['{ lr: NaN }', { lr: NaN }, 'lr'],
      ['{ beta1: 1 }', { beta1: 1 }, 'beta1'],
      ['{ beta1: -0.1 }', { beta1: -0.1 }, 'beta1'],
      ['{ beta2: 1 }', { beta2: 1 }, 'beta2'],
      ['{ beta2: 1.5 }', { beta2: 1.5 }, 'beta2'],
      ['{ eps: -1e-8 }', { eps: -1e-8 }, 'eps'],
      ['{ weightDecay: -0.01 }', { weightDecay: -0.01 }, 'weightDecay'],
    ];
    for (const [label, options, name] of bad) expectThrowsMentioning(`new Adam(${label})`, () => new Adam(options), [name]);
    // The ends of the ranges PyTorch accepts: 0 ≤ lr, 0 ≤ β < 1, 0 ≤ eps, 0 ≤ weightDecay.
    const edges: [string, Options][] = [
      ['{ lr: 0 }', { lr: 0 }],
      ['{ beta1: 0 }', { beta1: 0 }],
      ['{ beta2: 0 }', { beta2: 0 }],
      ['{ eps: 0 }', { eps: 0 }],
      ['{ weightDecay: 0 }', { weightDecay: 0 }],
    ];
    for (const [label, options] of edges) {
      try {
        new Adam(options);
      } catch (error) {
        if (isNotImplemented(error)) throw error;
        fail(`new Adam(${label}) threw "${(error as Error).message}", but PyTorch accepts it: lr, eps and weightDecay may be 0, and each beta may be in [0, 1).`);
      }
    }
  });
});

/** Said after a fixture fails on a step whose lr was changed by the schedule. */
const SCHEDULE_HINT =
  'The schedule changed optimizer.lr before this step, as a learning-rate scheduler (or the MNIST trainer, for its last ' +
  'epochs) writes param_groups[0][\'lr\'] in PyTorch. step must use this.lr as it is now: read it at every step (the ' +
  'bias-corrected step size lr/(1 − β1ᵗ) too), never a copy taken in the constructor.';

describe('fixtures', () => {
  const trajectories = loadFixture<TrajectoryInput<Options>, TrajectoryExpected>('adam', 'trajectories');
  for (const c of trajectories.cases) {
    test(c.description, () => expectTrajectory(new Adam(c.input.options), c.input, c.expected, FLOAT64_TOLERANCE, SCHEDULE_HINT));
  }
});

/** Gradients with |g| in [0.1, 1] times 10^exponent, with random signs, on top of random parameters. */
const entries = fc.array(
  fc.record({
    p: fc.double({ min: -1, max: 1, noNaN: true }),
    magnitude: fc.double({ min: 0.1, max: 1, noNaN: true }),
    negative: fc.boolean(),
  }),
  { minLength: 1, maxLength: 6 },
);

describe('properties', () => {
  test('the first step moves every coordinate by lr·|g|/(|g| + eps), against the gradient, whatever its scale', () => {
    const input = fc.record({ lr: fc.double({ min: 1e-4, max: 0.1, noNaN: true }), exponent: fc.integer({ min: -6, max: 6 }), entries });
    expectProperty('|Δp| = lr·|g|/(|g| + eps) on the first step', input, ({ lr, exponent, entries: es }) => {
      const eps = 1e-8;
      const p = Float64Array.from(es, (e) => e.p);
      const g = Float64Array.from(es, (e) => (e.negative ? -1 : 1) * e.magnitude * 10 ** exponent);
      new Adam({ lr, eps }).step([p], [Float64Array.from(g)]);
      for (let k = 0; k < p.length; k++) {
        const moved = p[k] - es[k].p;
        // m̂ = g and v̂ = g² after one step, whatever the betas: the step is lr·g/(|g| + eps).
        const want = (-lr * g[k]) / (Math.abs(g[k]) + eps);
        check(Math.abs(moved - want) <= 1e-6 * Math.abs(want), () =>
          `with lr ${fmt(lr)} and g[${k}] = ${fmt(g[k])}, the first step moved p[${k}] by ${fmt(moved)}, expected ${fmt(want)} ` +
            '(after one step m̂ = g and v̂ = g², so the step is lr·g/(|g| + eps) ≈ lr).',
        );
      }
    });
  });

  test('multiplying every gradient by c > 0 leaves the trajectory unchanged (when |g| ≫ eps)', () => {
    const input = fc.record({
      c: fc.double({ min: -1, max: 4, noNaN: true }).map((e) => 10 ** e),
      steps: fc.array(entries, { minLength: 5, maxLength: 5 }),
    });
    expectProperty('Adam is invariant to the gradient\'s scale', input, ({ c, steps }) => {
      const lr = 0.01;
      const size = Math.min(...steps.map((s) => s.length));
      const gradAt = (s: number, scale: number): Param[] => [
        Float64Array.from({ length: size }, (_, k) => scale * (steps[s][k].negative ? -1 : 1) * steps[s][k].magnitude),
      ];
      const start = Float64Array.from({ length: size }, (_, k) => steps[0][k].p);
      const plain = run(new Adam({ lr }), [Float64Array.from(start)], (s) => gradAt(s, 1), 5);
      const scaled = run(new Adam({ lr }), [Float64Array.from(start)], (s) => gradAt(s, c), 5);
      for (let s = 0; s < 5; s++) {
        for (let k = 0; k < size; k++) {
          // |g| ≥ 1e-2 here, so eps changes a step by at most ~1e-6 of lr.
          const [a, b] = [plain[s][0][k], scaled[s][0][k]];
          check(Math.abs(a - b) <= 1e-5 * lr, () =>
            `after step ${s + 1}, p[${k}] is ${fmt(a)} with gradients g but ${fmt(b)} with ${fmt(c)}·g. ` +
              'm̂/√v̂ is scale-free: a factor c in g appears in m̂ and in √v̂ and cancels.',
          );
        }
      }
    });
  });

  test('grads are never modified (with or without weight decay)', () => {
    const input = fc.record({
      rows: fc.integer({ min: 1, max: 4 }),
      cols: fc.integer({ min: 1, max: 4 }),
      weightDecay: fc.constantFrom(0, 0.1),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    });
    expectProperty('step leaves grads untouched', input, ({ rows, cols, weightDecay, seed }) => {
      const rng = createRng(seed);
      const random = (n: number): Float64Array => Float64Array.from({ length: n }, () => normal(rng));
      const params: Param[] = [matrix(rows, cols, random(rows * cols)), random(cols)];
      const adam = new Adam({ lr: 0.01, weightDecay });
      for (let s = 0; s < 3; s++) {
        const grads: Param[] = [matrix(rows, cols, random(rows * cols)), random(cols)];
        const before = grads.map(snapshot);
        adam.step(params, grads);
        grads.forEach((g, i) => {
          const now = paramData(g);
          for (let k = 0; k < now.length; k++) {
            check(Object.is(now[k], before[i][k]), () =>
              `step ${s + 1} (weightDecay ${weightDecay}) changed grads[${i}]${indexLabel(k, isMatrix(g) ? g.cols : undefined)} ` +
                `from ${fmt(before[i][k])} to ${fmt(now[k])}. The gradients belong to the caller: keep g + weightDecay·p in a local variable.`,
            );
          }
        });
      }
    });
  });
});

describe('convergence', () => {
  test('Adam finds the minimum of a random convex quadratic', () => {
    // f(x) = ½ (x − c)ᵀ A (x − c) over x = [W (3×4), b (4)], with A = BᵀB/n + 0.1·I positive definite.
    expectProperty('Adam converges on ½ (x − c)ᵀ A (x − c)', fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
      const rng = createRng(seed);
      const w = matrix(3, 4);
      const b = new Float64Array(4);
      const n = w.data.length + b.length;
      const bMatrix = Float64Array.from({ length: n * n }, () => normal(rng));
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let r = 0; r < n; r++) s += bMatrix[r * n + i] * bMatrix[r * n + j];
          a[i * n + j] = s / n + (i === j ? 0.1 : 0);
        }
      }
      const target = Float64Array.from({ length: n }, () => normal(rng));
      const x = (): Float64Array => Float64Array.of(...w.data, ...b);
      const gradientAndLoss = (dw: Float64Array, db: Float64Array): number => {
        const diff = x().map((value, i) => value - target[i]);
        let loss = 0;
        for (let i = 0; i < n; i++) {
          let g = 0;
          for (let j = 0; j < n; j++) g += a[i * n + j] * diff[j];
          loss += 0.5 * diff[i] * g;
          if (i < dw.length) dw[i] = g;
          else db[i - dw.length] = g;
        }
        return loss;
      };
      const dw = matrix(3, 4);
      const db = new Float64Array(4);
      const adam = new Adam({ lr: 0.05 });
      const initial = gradientAndLoss(dw.data, db);
      let loss = initial;
      for (let s = 0; s < 1000; s++) {
        adam.step([w, b], [dw, db]);
        loss = gradientAndLoss(dw.data, db);
      }
      check(Number.isFinite(loss), `after 1000 steps with lr 0.05 the loss is ${fmt(loss)} (it started at ${fmt(initial)}).`);
      check(loss <= 1e-10 * initial, () =>
        `after 1000 steps with lr 0.05 the loss is ${fmt(loss)}, still more than 1e-10 of its start ${fmt(initial)}.`,
      );
    }, 10, (seed) => `the quadratic drawn from seed ${seed}`);
  });
});
