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
  say,
  snapshot,
  describe,
  test,
} from '../../grader/harness/index.ts';
import {
  copyParam,
  expectTrajectory,
  firstDifference,
  fixedGradient,
  runSteps as run,
  sameUpToNoise as same,
  type TrajectoryExpected,
  type TrajectoryInput,
} from '../../grader/harness/optimizer.ts';
import { localize } from '../../grader/i18n/language.ts';

type Impl = typeof import('./adam.ts');
type Options = NonNullable<ConstructorParameters<Impl['Adam']>[0]>;
const impl = await loadTarget<Impl>();
const { Adam } = impl;

describe('spec', () => {
  test(say('new Adam() has a step(params, grads) method', 'new Adam() 有 step(params, grads) 方法'), () => {
    const adam = new Adam();
    check(
      typeof adam.step === 'function',
      say('new Adam() has no step method. Keep the method named step(params, grads).', 'new Adam() 没有 step 方法。方法名要保持为 step(params, grads)。'),
    );
  });

  test(say('new Adam() uses PyTorch\'s defaults: lr 1e-3, betas 0.9/0.999, eps 1e-8, weightDecay 0', 'new Adam() 使用 PyTorch 的默认值：lr 1e-3，betas 0.9/0.999，eps 1e-8，weightDecay 0'), () => {
    const explicit: Options = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
    const start = (): Param[] => [Float64Array.of(0.5, -1, 2)];
    // Gradients near eps on purpose, so a wrong default eps shows too.
    const gradsAt = (s: number): Param[] => [Float64Array.of(1 + s, -3e-8, 2e-8 * (s - 1))];
    const withDefaults = run(new Adam(), start(), gradsAt, 4);
    const withExplicit = run(new Adam(explicit), start(), gradsAt, 4);
    const d = firstDifference(withDefaults.map((ps) => ps[0]), withExplicit.map((ps) => ps[0]));
    if (d) {
      fail(
        say(
          `new Adam() and new Adam(${JSON.stringify(explicit)}) should behave the same, but after step ${d.step + 1} ` +
            `p[${d.k}] is ${fmt(withDefaults[d.step][0][d.k])} with the defaults and ${fmt(withExplicit[d.step][0][d.k])} with them written out. ` +
            'Check the default of every option.',
          `new Adam() 和 new Adam(${JSON.stringify(explicit)}) 的行为应当相同，但第 ${d.step + 1} 步之后，` +
            `p[${d.k}] 用默认值时是 ${fmt(withDefaults[d.step][0][d.k])}，把默认值显式写出时是 ${fmt(withExplicit[d.step][0][d.k])}。` +
            '检查每个选项的默认值。',
        ),
      );
    }
  });

  test(
    say(
      'lr is a public field: new Adam().lr is 1e-3, new Adam({ lr: 0.05 }).lr is 0.05, and writing it changes the next step',
      'lr 是公开字段：new Adam().lr 为 1e-3，new Adam({ lr: 0.05 }).lr 为 0.05，改写它会改变下一步',
    ),
    () => {
      for (const [label, options, want] of [['new Adam()', {}, 1e-3], ['new Adam({ lr: 0.05 })', { lr: 0.05 }, 0.05]] as const) {
        const lr: unknown = new Adam(options).lr;
        check(lr === want, () =>
          say(
            `${label}.lr is ${describeValue(lr)}, expected ${want}. Keep the learning rate in a public field named lr, like ` +
              "PyTorch's param_groups[0]['lr']: the MNIST trainer and any schedule read and write it between steps.",
            `${label}.lr 是 ${describeValue(lr)}，应为 ${want}。把学习率保存在名为 lr 的公开字段里，` +
              "就像 PyTorch 的 param_groups[0]['lr']：MNIST 训练器和任何学习率调度都会在两步之间读写它。",
          ),
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
        say(
          `with lr 0.05 and gradient 1 the first step moved p to ${fmt(first)}; after optimizer.lr = 0.5 the second step (gradient 1 ` +
            `again, so m̂ = v̂ = 1) should move it by about −0.5, but it moved by ${fmt(moved)}. `,
          `lr 为 0.05、梯度为 1 时，第一步把 p 移到了 ${fmt(first)}；设 optimizer.lr = 0.5 之后，第二步（梯度仍为 1，` +
            `所以 m̂ = v̂ = 1）应当让它移动约 −0.5，实际移动了 ${fmt(moved)}。`,
        ) +
          (Math.abs(moved + 0.05) <= 1e-6
            ? say(
                'That is the old lr: step must read this.lr every time, not a copy taken in the constructor.',
                '这是按旧的 lr 走的一步：step 每次都必须读取 this.lr，而不是构造函数中复制下来的值。',
              )
            : ''),
      );
    },
  );

  test(say('step updates the parameters in place', 'step 原地更新参数'), () => {
    const w = matrix(2, 2, Float64Array.of(1, 2, 3, 4));
    const b = Float64Array.of(-1, 1);
    const wData = w.data;
    new Adam({ lr: 0.1 }).step([w, b], [matrix(2, 2, Float64Array.of(1, -1, 1, -1)), Float64Array.of(1, 1)]);
    check(
      w.data === wData,
      say(
        'step replaced the matrix\'s data array; write the new values into params[i] itself (paramData(p)[k] -= …).',
        'step 替换了矩阵的 data 数组；应当把新值写进 params[i] 本身（paramData(p)[k] -= …）。',
      ),
    );
    check(w.data[0] !== 1 && b[0] !== -1, () =>
      say(
        `after one step with lr 0.1, params[0][0][0] is still ${fmt(w.data[0])} and params[1][0] still ${fmt(b[0])}: ` +
          'step must change the numbers of params in place (it returns nothing).',
        `用 lr 0.1 走了一步之后，params[0][0][0] 仍是 ${fmt(w.data[0])}，params[1][0] 仍是 ${fmt(b[0])}：` +
          'step 必须原地修改 params 中的数值（它没有返回值）。',
      ),
    );
  });

  test(say('each parameter has its own m and v, and t advances once per step, not per parameter', '每个参数有自己的 m 和 v；t 每一步增加一次，而不是每个参数增加一次'), () => {
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
          say(
            `step([W, b], [dW, db]) should update ${i === 0 ? 'W' : 'b'} exactly as Adam on ${i === 0 ? '[W]' : '[b]'} alone does, ` +
              `but after step ${d.step + 1} ${i === 0 ? 'W' : 'b'}${indexLabel(d.k, cols)} is ${fmt(together[d.step][i][d.k])} instead of ` +
              `${fmt(alone[i][d.step][0][d.k])}. Keep one m and one v per position in params, and increment t once per call of step.`,
            `step([W, b], [dW, db]) 对 ${i === 0 ? 'W' : 'b'} 的更新应当与只对 ${i === 0 ? '[W]' : '[b]'} 运行 Adam 时完全相同，` +
              `但第 ${d.step + 1} 步之后 ${i === 0 ? 'W' : 'b'}${indexLabel(d.k, cols)} 是 ${fmt(together[d.step][i][d.k])}，而不是 ` +
              `${fmt(alone[i][d.step][0][d.k])}。params 中每个位置各保留一个 m 和一个 v，每次调用 step 时 t 只自增一次。`,
          ),
        );
      }
    }
  });

  test(say('two optimizers do not share their state', '两个优化器互不共享状态'), () => {
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
          say(
            `with a second Adam stepping in between, after step ${s + 1} p[${k}] is ${fmt(p[k])} instead of ${fmt(want[k])}. ` +
              'Keep m, v and t in fields of the instance, not in module-level variables.',
            `另一个 Adam 在中间穿插着走步时，第 ${s + 1} 步之后 p[${k}] 是 ${fmt(p[k])}，而不是 ${fmt(want[k])}。` +
              '把 m、v 和 t 保存在实例的字段里，不要放在模块级变量中。',
          ),
        );
      }
    }
  });

  test(say('params and grads that do not line up throw an Error naming the sizes', 'params 与 grads 对不上时抛出 Error，并指明两边的大小'), () => {
    const adam = new Adam();
    expectThrowsMentioning(
      say('step([W, b], [dW]) (2 params, 1 grad)', 'step([W, b], [dW])（2 个参数，1 个梯度）'),
      () => adam.step([matrix(2, 2), new Float64Array(2)], [matrix(2, 2)]),
      ['2', '1'],
    );
    expectThrowsMentioning(
      say('step with params[2] of 5 entries and grads[2] of 7', '用 5 个元素的 params[2] 和 7 个元素的 grads[2] 调用 step'),
      () => new Adam().step([new Float64Array(3), matrix(1, 4), new Float64Array(5)], [new Float64Array(3), matrix(1, 4), new Float64Array(7)]),
      ['2', '5', '7'],
    );
  });

  test(say('hyperparameters out of range throw an Error naming the option, as in PyTorch', '超参数超出范围时抛出 Error 并指明是哪个选项，与 PyTorch 一致'), () => {
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
        fail(
          say(
            `new Adam(${label}) threw "${(error as Error).message}", but PyTorch accepts it: lr, eps and weightDecay may be 0, and each beta may be in [0, 1).`,
            `new Adam(${label}) 抛出了“${(error as Error).message}”，但 PyTorch 接受这个值：lr、eps 和 weightDecay 可以为 0，每个 beta 可以取 [0, 1) 中的值。`,
          ),
        );
      }
    }
  });
});

/** Said after a fixture fails on a step whose lr was changed by the schedule. */
const SCHEDULE_HINT = say(
  'The schedule changed optimizer.lr before this step, as a learning-rate scheduler (or the MNIST trainer, for its last ' +
    'epochs) writes param_groups[0][\'lr\'] in PyTorch. step must use this.lr as it is now: read it at every step (the ' +
    'bias-corrected step size lr/(1 − β1ᵗ) too), never a copy taken in the constructor.',
  "这一步之前，调度修改了 optimizer.lr，就像 PyTorch 里学习率调度器（或 MNIST 训练器在最后几轮）写入 param_groups[0]['lr'] 那样。" +
    'step 必须使用 this.lr 当前的值：每一步都重新读取它（经过偏差修正的步长 lr/(1 − β1ᵗ) 也一样），绝不能用构造函数中复制下来的值。',
);

/** The fixture cases' names in Chinese, by case id (the English names are the fixture's descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  defaults: '默认值（lr 1e-3，betas 0.9/0.999，eps 1e-8），一个 3×4 矩阵和一个 4 维向量，6 步',
  'eps-scale-gradients': '梯度在 1e-8 附近，与 eps 一样小：eps 加在 √v̂ 上，在平方根之外',
  betas: 'betas 0.8/0.99，lr 0.01，eps 1e-6，10 步：m̂ 除以 1 − β1ᵗ，v̂ 除以 1 − β2ᵗ',
  'weight-decay': 'weightDecay 0.1 是加到梯度上的 L2 项（不是 AdamW 的解耦权重衰减），lr 0.01，6 步',
  'three-params': '三个大小不同的参数（4×3、3、3×2），各有自己的 m 和 v，整个优化器只有一个步数，weightDecay 0.01，8 步',
  'large-gradients': '梯度的量级为 1e6：每一步仍然让每个坐标移动大约 lr',
  'tiny-gradients': '梯度的量级为 1e-12，远小于 eps：步长缩小到大约 lr·|g|/eps，lr 1',
  'zero-gradient': '梯度始终为 0 的参数保持不动（m = v = 0，且 0/(0 + eps) = 0）',
  'long-run': '25 步，lr 0.05：1 − 0.999ᵗ 仍然远未接近 1，所以步数自始至终都有影响',
  'beta1-zero': 'beta1 = 0（没有动量：m̂ 就是当前的梯度），beta2 0.9，6 步',
  'schedule-drop': '默认值，之后 optimizer.lr = 1e-3 走 4 步，再用 1e-4 走 4 步：即 MNIST 训练器把学习率降到 lr/10 的做法',
  'schedule-before-first-step':
    '构造时 lr 为 0.1，之后每一步依次设 optimizer.lr = 0.01, 0.02, 0.05, 0.05, 0.02, 0.005，weightDecay 0.05：每一步的 lr 就是紧挨着它之前设置的值',
};

describe('fixtures', () => {
  const trajectories = loadFixture<TrajectoryInput<Options>, TrajectoryExpected>('adam', 'trajectories');
  for (const c of trajectories.cases) {
    const name = localize({ en: c.description, 'zh-CN': FIXTURE_NAMES_ZH[c.id] ?? c.description });
    test(name, () => expectTrajectory(new Adam(c.input.options), c.input, c.expected, FLOAT64_TOLERANCE, SCHEDULE_HINT));
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
  test(
    say(
      'the first step moves every coordinate by lr·|g|/(|g| + eps), against the gradient, whatever its scale',
      '无论梯度的尺度如何，第一步都让每个坐标逆着梯度移动 lr·|g|/(|g| + eps)',
    ),
    () => {
      const input = fc.record({ lr: fc.double({ min: 1e-4, max: 0.1, noNaN: true }), exponent: fc.integer({ min: -6, max: 6 }), entries });
      expectProperty(say('|Δp| = lr·|g|/(|g| + eps) on the first step', '第一步的 |Δp| = lr·|g|/(|g| + eps)'), input, ({ lr, exponent, entries: es }) => {
        const eps = 1e-8;
        const p = Float64Array.from(es, (e) => e.p);
        const g = Float64Array.from(es, (e) => (e.negative ? -1 : 1) * e.magnitude * 10 ** exponent);
        new Adam({ lr, eps }).step([p], [Float64Array.from(g)]);
        for (let k = 0; k < p.length; k++) {
          const moved = p[k] - es[k].p;
          // m̂ = g and v̂ = g² after one step, whatever the betas: the step is lr·g/(|g| + eps).
          const want = (-lr * g[k]) / (Math.abs(g[k]) + eps);
          check(Math.abs(moved - want) <= 1e-6 * Math.abs(want), () =>
            say(
              `with lr ${fmt(lr)} and g[${k}] = ${fmt(g[k])}, the first step moved p[${k}] by ${fmt(moved)}, expected ${fmt(want)} ` +
                '(after one step m̂ = g and v̂ = g², so the step is lr·g/(|g| + eps) ≈ lr).',
              `lr 为 ${fmt(lr)}、g[${k}] = ${fmt(g[k])} 时，第一步让 p[${k}] 移动了 ${fmt(moved)}，应为 ${fmt(want)}` +
                '（走一步之后 m̂ = g，v̂ = g²，所以步长是 lr·g/(|g| + eps) ≈ lr）。',
            ),
          );
        }
      });
    },
  );

  test(say('multiplying every gradient by c > 0 leaves the trajectory unchanged (when |g| ≫ eps)', '把每个梯度都乘以 c > 0，轨迹不变（当 |g| ≫ eps 时）'), () => {
    const input = fc.record({
      c: fc.double({ min: -1, max: 4, noNaN: true }).map((e) => 10 ** e),
      steps: fc.array(entries, { minLength: 5, maxLength: 5 }),
    });
    expectProperty(say('Adam is invariant to the gradient\'s scale', 'Adam 对梯度的尺度保持不变'), input, ({ c, steps }) => {
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
            say(
              `after step ${s + 1}, p[${k}] is ${fmt(a)} with gradients g but ${fmt(b)} with ${fmt(c)}·g. ` +
                'm̂/√v̂ is scale-free: a factor c in g appears in m̂ and in √v̂ and cancels.',
              `第 ${s + 1} 步之后，梯度为 g 时 p[${k}] 是 ${fmt(a)}，梯度为 ${fmt(c)}·g 时却是 ${fmt(b)}。` +
                'm̂/√v̂ 与尺度无关：g 中的因子 c 同时出现在 m̂ 和 √v̂ 中，会相互抵消。',
            ),
          );
        }
      }
    });
  });

  test(say('grads are never modified (with or without weight decay)', '无论有没有权重衰减，grads 都不被修改'), () => {
    const input = fc.record({
      rows: fc.integer({ min: 1, max: 4 }),
      cols: fc.integer({ min: 1, max: 4 }),
      weightDecay: fc.constantFrom(0, 0.1),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    });
    expectProperty(say('step leaves grads untouched', 'step 不改动 grads'), input, ({ rows, cols, weightDecay, seed }) => {
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
              say(
                `step ${s + 1} (weightDecay ${weightDecay}) changed grads[${i}]${indexLabel(k, isMatrix(g) ? g.cols : undefined)} ` +
                  `from ${fmt(before[i][k])} to ${fmt(now[k])}. The gradients belong to the caller: keep g + weightDecay·p in a local variable.`,
                `第 ${s + 1} 步（weightDecay ${weightDecay}）把 grads[${i}]${indexLabel(k, isMatrix(g) ? g.cols : undefined)} ` +
                  `从 ${fmt(before[i][k])} 改成了 ${fmt(now[k])}。梯度属于调用方：把 g + weightDecay·p 保存在局部变量里。`,
              ),
            );
          }
        });
      }
    });
  });
});

describe('convergence', () => {
  test(say('Adam finds the minimum of a random convex quadratic', 'Adam 找到随机凸二次函数的最小值'), () => {
    // f(x) = ½ (x − c)ᵀ A (x − c) over x = [W (3×4), b (4)], with A = BᵀB/n + 0.1·I positive definite.
    expectProperty(say('Adam converges on ½ (x − c)ᵀ A (x − c)', 'Adam 在 ½ (x − c)ᵀ A (x − c) 上收敛'), fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
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
      check(
        Number.isFinite(loss),
        say(
          `after 1000 steps with lr 0.05 the loss is ${fmt(loss)} (it started at ${fmt(initial)}).`,
          `lr 为 0.05 时走了 1000 步之后，损失是 ${fmt(loss)}（起始时为 ${fmt(initial)}）。`,
        ),
      );
      check(loss <= 1e-10 * initial, () =>
        say(
          `after 1000 steps with lr 0.05 the loss is ${fmt(loss)}, still more than 1e-10 of its start ${fmt(initial)}.`,
          `lr 为 0.05 时走了 1000 步之后，损失是 ${fmt(loss)}，仍大于起始值 ${fmt(initial)} 的 1e-10 倍。`,
        ),
      );
    }, 10, (seed) => say(`the quadratic drawn from seed ${seed}`, `由种子 ${seed} 生成的二次函数`));
  });
});
