/**
 * Spec for the momentum kata. Run it with `npm run grade -- momentum`; the grader decides
 * which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import { isMatrix, matrix, paramData, type Param } from '../lib/matrix.ts';
import { createRng, normalMatrix, normalVector, randomInt, type Rng } from '../lib/random.ts';
import {
  check,
  describeValue,
  expectProperty,
  expectThrowsMentioning,
  fail,
  fmt,
  fmtPair,
  loadFixture,
  loadTarget,
  say,
  type Tolerance,
  describe,
  test,
} from '../../grader/harness/index.ts';
import { copyParam, expectTrajectory, type TrajectoryExpected, type TrajectoryInput } from '../../grader/harness/optimizer.ts';
import { localize } from '../../grader/i18n/language.ts';

type Impl = typeof import('./momentum.ts');
const impl = await loadTarget<Impl>();
const { SGDMomentum } = impl;
type Options = ConstructorParameters<typeof SGDMomentum>[0];

/**
 * PyTorch and a correct TypeScript update do the same few float64 operations per entry per
 * step, so they agree to a few ulps; 1e-10 leaves a wide margin and every catalogued mistake
 * is off by more than 1e-3.
 */
const TRAJECTORY: Tolerance = { rtol: 1e-10, atol: 1e-12 };

/** "momentum 0.9, Nesterov, lr 0.1": options as the messages write them. */
function describeOptions(o: Options): string {
  const words = [`momentum ${o.momentum}`];
  if (o.nesterov) words.push('Nesterov');
  if (o.weightDecay) words.push(`weightDecay ${o.weightDecay}`);
  words.push(`lr ${o.lr}`);
  return words.join(say(', ', '、'));
}

/**
 * Step a one-entry parameter through `grads` and require it to follow `path` exactly (the
 * numbers are chosen to be exact in binary). `why` says how the path is computed.
 */
function expectPath(options: Options, start: number, grads: number[], path: number[], why: string): void {
  const p = Float64Array.of(start);
  const optimizer = new SGDMomentum(options);
  for (let s = 0; s < grads.length; s++) {
    optimizer.step([p], [Float64Array.of(grads[s])]);
    check(Math.abs(p[0] - path[s]) <= 1e-12, () =>
      say(
        `with ${describeOptions(options)}, p = ${start} and gradients ${grads.join(', ')}, p should go ` +
          `${[start, ...path].join(' → ')} (${why}); after step ${s + 1} it is ${fmt(p[0])}`,
        `在 ${describeOptions(options)}、p = ${start}、各步梯度为 ${grads.join(', ')} 时，p 应当依次为 ` +
          `${[start, ...path].join(' → ')}（${why}）；第 ${s + 1} 步之后它是 ${fmt(p[0])}`,
      ) + (s > 0 ? say(` instead of ${path[s]}.`, `，而不是 ${path[s]}。`) : say(`, expected ${path[s]}.`, `，应为 ${path[s]}。`)),
    );
  }
}

describe('spec', () => {
  test(say('step updates the parameters in place: the same matrix and vector objects change', 'step 原地更新参数：同一个矩阵对象和向量对象里的数值发生变化'), () => {
    const w = matrix(1, 2, Float64Array.of(1, 2));
    const wData = w.data;
    const b = Float64Array.of(3);
    const params: Param[] = [w, b];
    new SGDMomentum({ lr: 0.1, momentum: 0.9 }).step(params, [matrix(1, 2, Float64Array.of(1, 1)), Float64Array.of(1)]);
    check(
      params[0] === w && params[1] === b,
      say(
        'step replaced entries of the params array; write the new values into the parameters themselves.',
        'step 替换了 params 数组中的元素；应当把新值写进参数本身。',
      ),
    );
    check(
      w.data === wData,
      say(
        'step gave params[0] a new data array; write into params[0].data instead (paramData(p) gives it to you).',
        'step 给 params[0] 换了一个新的 data 数组；应当写入 params[0].data（paramData(p) 返回的就是它）。',
      ),
    );
    check(wData[0] !== 1 && b[0] !== 3, () =>
      say(
        `after one step with gradient 1 the parameters did not move (params[0] = [${fmt(wData[0])}, ${fmt(wData[1])}], params[1] = [${fmt(b[0])}]). ` +
          'step must change the numbers inside params, not a copy of them.',
        `用梯度 1 走了一步，参数却没有动（params[0] = [${fmt(wData[0])}, ${fmt(wData[1])}]，params[1] = [${fmt(b[0])}]）。` +
          'step 必须修改 params 里面的数值，而不是它们的副本。',
      ),
    );
  });

  test(say('the first step from rest is p − lr·g (the velocity starts at 0)', '从静止开始的第一步是 p − lr·g（速度从 0 开始）'), () => {
    expectPath({ lr: 0.5, momentum: 0.9 }, 1, [0.5], [0.75], say('v = 0.9·0 + 0.5 = 0.5, p = 1 − 0.5·0.5', 'v = 0.9·0 + 0.5 = 0.5，p = 1 − 0.5·0.5'));
  });

  test(say('the velocity is kept between steps: a constant gradient makes the steps grow', '速度在两步之间保留下来：恒定的梯度让步长越来越大'), () => {
    expectPath({ lr: 1, momentum: 0.5 }, 0, [1, 1, 1], [-1, -2.5, -4.25], say('velocities 1, 1.5, 1.75', '速度依次为 1、1.5、1.75'));
  });

  test(say("Nesterov's step is lr·(g + μ·v), with v already updated", 'Nesterov 的步长是 lr·(g + μ·v)，其中 v 是已经更新过的速度'), () => {
    expectPath(
      { lr: 1, momentum: 0.5, nesterov: true },
      0,
      [1, 1],
      [-1.5, -3.25],
      say('v = 1, step 1 + 0.5·1; v = 1.5, step 1 + 0.5·1.5', 'v = 1，步长 1 + 0.5·1；v = 1.5，步长 1 + 0.5·1.5'),
    );
  });

  test(say('weight decay adds λ·p to the gradient, and the velocity carries it', '权重衰减把 λ·p 加到梯度上，再由速度带着它'), () => {
    expectPath(
      { lr: 1, momentum: 0.5, weightDecay: 0.5 },
      2,
      [0, 0],
      [1, 0],
      say(
        'g = 0 + 0.5·2 = 1, v = 1; then g = 0 + 0.5·1 = 0.5, v = 0.5·1 + 0.5 = 1',
        'g = 0 + 0.5·2 = 1，v = 1；然后 g = 0 + 0.5·1 = 0.5，v = 0.5·1 + 0.5 = 1',
      ),
    );
  });

  test(say('grads are not modified, even with weight decay and Nesterov', '即使开启权重衰减和 Nesterov，grads 也不被修改'), () => {
    const params: Param[] = [matrix(2, 2, Float64Array.of(1, -2, 3, 0.5)), Float64Array.of(4, -1)];
    const grads: Param[] = [matrix(2, 2, Float64Array.of(0.1, 0.2, -0.3, 0.4)), Float64Array.of(-1, 2)];
    const before = grads.map((g) => Float64Array.from(paramData(g)));
    const optimizer = new SGDMomentum({ lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.5 });
    optimizer.step(params, grads);
    optimizer.step(params, grads);
    for (let i = 0; i < grads.length; i++) {
      const now = paramData(grads[i]);
      for (let k = 0; k < now.length; k++) {
        check(Object.is(now[k], before[i][k]), () =>
          say(
            `step modified grads[${i}]: entry ${k} was ${fmt(before[i][k])} and is now ${fmt(now[k])}. ` +
              'The caller still owns its gradients; keep g = grad + weightDecay·p in a local variable.',
            `step 修改了 grads[${i}]：第 ${k} 个元素原来是 ${fmt(before[i][k])}，现在是 ${fmt(now[k])}。` +
              '梯度仍归调用方所有；把 g = grad + weightDecay·p 保存在局部变量里。',
          ),
        );
      }
    }
  });

  test(say('the constructor rejects bad options with an Error naming the option', '构造函数拒绝非法的选项，抛出的 Error 要指明是哪个选项'), () => {
    const bad: [Options, string][] = [
      [{ lr: -0.1, momentum: 0.9 }, 'lr'],
      [{ lr: NaN, momentum: 0.9 }, 'lr'],
      [{ lr: 0.1, momentum: -0.5 }, 'momentum'],
      [{ lr: 0.1, momentum: 0.9, weightDecay: -1 }, 'weightDecay'],
      [{ lr: 0.1, momentum: 0, nesterov: true }, 'nesterov'],
    ];
    for (const [options, name] of bad) {
      const written = Object.entries(options).map(([key, value]) => `${key}: ${String(value)}`).join(', ');
      expectThrowsMentioning(`new SGDMomentum({ ${written} })`, () => new SGDMomentum(options), [name]);
    }
  });

  test(
    say(
      'lr is a public field: new SGDMomentum({ lr: 0.25, … }).lr is 0.25, and writing it changes the next step',
      'lr 是公开字段：new SGDMomentum({ lr: 0.25, … }).lr 为 0.25，改写它会改变下一步',
    ),
    () => {
      const optimizer = new SGDMomentum({ lr: 0.25, momentum: 0.5 });
      const lr: unknown = optimizer.lr;
      check(lr === 0.25, () =>
        say(
          `new SGDMomentum({ lr: 0.25, momentum: 0.5 }).lr is ${describeValue(lr)}. Keep the learning rate in a public field named lr, ` +
            "like PyTorch's param_groups[0]['lr']: the MNIST trainer and any schedule read and write it between steps.",
          `new SGDMomentum({ lr: 0.25, momentum: 0.5 }).lr 是 ${describeValue(lr)}。把学习率保存在名为 lr 的公开字段里，` +
            "就像 PyTorch 的 param_groups[0]['lr']：MNIST 训练器和任何学习率调度都会在两步之间读写它。",
        ),
      );
      // p = 0, g = 1: v = 1 and p = −0.25; then lr = 1, g = 1: v = 1.5 and p = −0.25 − 1.5 = −1.75.
      const p = Float64Array.of(0);
      optimizer.step([p], [Float64Array.of(1)]);
      optimizer.lr = 1;
      optimizer.step([p], [Float64Array.of(1)]);
      check(Math.abs(p[0] + 1.75) <= 1e-12, () =>
        say(
          `with lr 0.25, momentum 0.5, p = 0 and gradient 1, then optimizer.lr = 1 and gradient 1 again, p should go 0 → −0.25 → −1.75 ` +
            `(v = 1, then v = 1.5 and the whole step is 1·1.5); it ended at ${fmt(p[0])}. `,
          `以 lr 0.25、momentum 0.5、p = 0、梯度 1 走一步，再设 optimizer.lr = 1、梯度仍为 1 走一步，p 应当依次为 0 → −0.25 → −1.75` +
            `（v = 1，然后 v = 1.5，整步为 1·1.5）；实际最终为 ${fmt(p[0])}。`,
        ) +
          (Math.abs(p[0] + 0.625) <= 1e-12
            ? say(
                'That is the step at the old lr 0.25: step must read this.lr every time, not a copy taken in the constructor.',
                '这正是按旧的 lr 0.25 走的一步：step 每次都必须读取 this.lr，而不是构造函数中复制下来的值。',
              )
            : Math.abs(p[0] + 1.375) <= 1e-12
              ? say(
                  "That is CS231n's form, v ← μ·v − lr·g, p ← p + v, where the velocity remembers the old lr: keep lr out of v.",
                  '这是 CS231n 的写法 v ← μ·v − lr·g、p ← p + v，速度里记住了旧的 lr：不要把 lr 放进 v。',
                )
              : say('The new lr must apply to the whole step, p ← p − lr·v.', '新的 lr 必须作用于整个步长：p ← p − lr·v。')),
      );
    },
  );

  test(say('two optimizers do not share their velocities', '两个优化器互不共享速度'), () => {
    // Alone: p = 0 with gradient 1 twice, lr 1, momentum 0.5, goes 0 → −1 → −2.5.
    const a = new SGDMomentum({ lr: 1, momentum: 0.5 });
    const other = new SGDMomentum({ lr: 1, momentum: 0.5 });
    const p = Float64Array.of(0);
    const q = Float64Array.of(0);
    const want = [-1, -2.5];
    for (let s = 0; s < 2; s++) {
      other.step([q], [Float64Array.of(-7)]); // a second optimizer stepping in between
      a.step([p], [Float64Array.of(1)]);
      check(Math.abs(p[0] - want[s]) <= 1e-12, () =>
        say(
          `with a second SGDMomentum stepping in between, after step ${s + 1} p is ${fmt(p[0])} instead of ${want[s]} ` +
            '(lr 1, momentum 0.5, gradient 1 every step). Keep the velocities in fields of the instance, not in module-level variables.',
          `另一个 SGDMomentum 在中间穿插着走步时，第 ${s + 1} 步之后 p 是 ${fmt(p[0])}，而不是 ${want[s]}` +
            '（lr 1，momentum 0.5，每一步梯度都是 1）。把速度保存在实例的字段里，不要放在模块级变量中。',
        ),
      );
    }
  });

  test(say('lr 0, momentum 0 and weightDecay 0 are allowed', '允许 lr 0、momentum 0 和 weightDecay 0'), () => {
    const p = Float64Array.of(1);
    new SGDMomentum({ lr: 0, momentum: 0, weightDecay: 0 }).step([p], [Float64Array.of(5)]);
    check(p[0] === 1, () => say(`with lr 0 the parameter must not move, but 1 became ${fmt(p[0])}.`, `lr 为 0 时参数不应移动，但 1 变成了 ${fmt(p[0])}。`));
  });

  test(say('step rejects params and grads that do not pair up, naming the sizes', 'params 与 grads 对不上时，step 抛出错误并指明两边的大小'), () => {
    const fresh = (): InstanceType<typeof SGDMomentum> => new SGDMomentum({ lr: 0.1, momentum: 0.9 });
    const vectors = (...sizes: number[]): Param[] => sizes.map((n) => new Float64Array(n));
    expectThrowsMentioning(say('step with 2 params and 3 grads', '用 2 个参数和 3 个梯度调用 step'), () => fresh().step(vectors(1, 1), vectors(1, 1, 1)), [
      '2',
      '3',
    ]);
    expectThrowsMentioning(
      say('step with params[2] of 4 entries and grads[2] of 3 entries', '用 4 个元素的 params[2] 和 3 个元素的 grads[2] 调用 step'),
      () => fresh().step(vectors(5, 1, 4), vectors(5, 1, 3)),
      ['2', '4', '3'],
    );
    expectThrowsMentioning(
      say('step with a 2×3 params[0] and a 2×2 grads[0]', '用 2×3 的 params[0] 和 2×2 的 grads[0] 调用 step'),
      () => fresh().step([matrix(2, 3)], [matrix(2, 2)]),
      ['0', '2×3', '2×2'],
    );
  });
});

// ---------------------------------------------------------------------------------------
// Fixtures: whole trajectories from torch.optim.SGD, with the gradient of every step given.
// ---------------------------------------------------------------------------------------

/**
 * Said after a fixture fails on a step whose lr was changed by the schedule: `lr` is public so
 * that a schedule can set it between steps, and PyTorch's v holds no lr.
 */
const SCHEDULE_HINT = say(
  'The schedule changed optimizer.lr before this step, as a learning-rate scheduler (or the MNIST trainer, for its last ' +
    'epochs) writes param_groups[0][\'lr\'] in PyTorch. step must read this.lr every time, not a copy taken in the ' +
    'constructor, and the velocity must not contain lr: with v ← μ·v + g and p ← p − lr·v the new lr scales the whole ' +
    'step at once, while a velocity that stores −lr·g (CS231n\'s v ← μ·v − lr·g, p ← p + v) keeps moving at the old rate.',
  "这一步之前，调度修改了 optimizer.lr，就像 PyTorch 里学习率调度器（或 MNIST 训练器在最后几轮）写入 param_groups[0]['lr'] 那样。" +
    'step 每次都必须读取 this.lr，而不是构造函数中复制下来的值；速度里也不能含有 lr：按 v ← μ·v + g、p ← p − lr·v，' +
    '新的 lr 会一次性缩放整个步长，而保存了 −lr·g 的速度（CS231n 的 v ← μ·v − lr·g、p ← p + v）会继续按旧的速率移动。',
);

/** The fixture cases' names in Chinese, by case id (the English names are the fixture's descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  classic: 'momentum 0.9，lr 0.1：一个 3×2 矩阵和一个 4 维向量，共 5 步（速度从一步延续到下一步）',
  'classic-three-params': 'momentum 0.5，lr 0.05：一个 2×3 矩阵、一个 2 维向量和一个 1×4 矩阵，共 5 步（每个参数有自己的速度）',
  nesterov: 'momentum 0.9，Nesterov，lr 0.05：一个 3×2 矩阵和一个 4 维向量，共 5 步（Nesterov 的前瞻 g + μ·v）',
  'weight-decay': 'momentum 0.9，weightDecay 0.1，lr 0.1：一个 3×2 矩阵和一个 4 维向量，共 5 步（权重衰减在更新速度之前加到梯度上）',
  'nesterov-weight-decay': 'momentum 0.8，Nesterov，weightDecay 0.2，lr 0.05：一个 2×2 矩阵和一个 3 维向量，共 5 步（两个选项同时开启）',
  'plain-sgd': 'momentum 0，lr 0.1：一个 3×2 矩阵和一个 4 维向量，共 4 步（momentum 为 0 就是普通 SGD）',
  'plain-sgd-weight-decay': 'momentum 0，weightDecay 0.3，lr 0.1：一个 3×2 矩阵和一个 4 维向量，共 4 步（带 L2 权重衰减的普通 SGD）',
  'constant-gradient': 'momentum 0.9，lr 0.1：一个 2×3 矩阵和一个 3 维向量，共 6 步（每一步的梯度都相同：步长按 1 + μ + μ² + … 增长）',
  quadratic: 'momentum 0.9，lr 0.1：一个 3×2 矩阵和一个 3 维向量，共 8 步（沿途的梯度来自一个最小二乘损失，由 autograd 算出）',
  'schedule-drop':
    'momentum 0.9，lr 0.1，之后每一步依次设 optimizer.lr = 0.1, 0.1, 0.1, 0.01, 0.01, 0.01：一个 3×2 矩阵和一个 4 维向量（新的 lr 立即作用于整个步长，连同速度在内）',
  'schedule-warmup-nesterov':
    'momentum 0.9，Nesterov，lr 0.1，之后每一步依次设 optimizer.lr = 0, 0.025, 0.05, 0.1, 0.1, 0.05：一个 2×3 矩阵和一个 3 维向量（从 lr 0 开始预热：即使 lr 为 0，速度也在累积）',
  'schedule-weight-decay':
    'momentum 0.8，weightDecay 0.1，lr 0.2，之后每一步依次设 optimizer.lr = 0.2, 0.15, 0.1, 0.05, 0.02, 0.01：一个 3×2 矩阵和一个 4 维向量（权重衰减加上逐步下降的 lr）',
  'schedule-nesterov-weight-decay':
    'momentum 0.9，Nesterov，weightDecay 0.05，lr 0.5，之后每一步依次设 optimizer.lr = 0.05, 0.05, 0.2, 0.2, 0.005, 0.005：一个 2×2 矩阵和一个 3 维向量（Nesterov、权重衰减，并且在第一步之前就改了 lr）',
};

describe('fixtures', () => {
  const trajectories = loadFixture<TrajectoryInput<Options>, TrajectoryExpected>('momentum', 'trajectories');
  for (const c of trajectories.cases) {
    const name = localize({ en: c.description, 'zh-CN': FIXTURE_NAMES_ZH[c.id] ?? c.description });
    test(name, () => expectTrajectory(new SGDMomentum(c.input.options), c.input, c.expected, TRAJECTORY, SCHEDULE_HINT));
  }
});

// ---------------------------------------------------------------------------------------
// Properties: random options and shapes. Inputs are drawn from a seed, so a counterexample
// prints as a handful of numbers. Ranges stay away from 0 so that a wrong update is wrong by
// a visible amount, and fast-check's shrinking cannot hide it in round-off.
// ---------------------------------------------------------------------------------------

/** A weight matrix and a bias vector of random shapes, with entries drawn from N(0, 1). */
function randomParams(rng: Rng): Param[] {
  const cols = 1 + randomInt(rng, 4);
  return [normalMatrix(1 + randomInt(rng, 3), cols, rng), normalVector(cols, rng)];
}

/** Gradients shaped like `params`, drawn from N(0, 1). */
function randomGrads(params: readonly Param[], rng: Rng): Param[] {
  return params.map((p) => (isMatrix(p) ? normalMatrix(p.rows, p.cols, rng) : normalVector(p.length, rng)));
}

const anyLr = fc.double({ min: 0.01, max: 1, noNaN: true });
const anyMomentum = fc.double({ min: 0.1, max: 0.99, noNaN: true });
const anyOptions = fc.record({
  lr: anyLr,
  momentum: anyMomentum,
  nesterov: fc.boolean(),
  weightDecay: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 0.5, noNaN: true })),
});

/**
 * Two computations of the same float64 quantity agree to ~1e-15 relative; `size` is the
 * magnitude of the numbers they were computed from (a displacement p_after − p_before loses
 * digits relative to |p|, not to the displacement).
 */
function agrees(got: number, want: number, size = 0): boolean {
  return Math.abs(got - want) <= 1e-9 * Math.abs(want) + 1e-13 * Math.max(1, size);
}

/** "1.12733, expected 1.12741": two numbers with enough digits to see that they differ. */
function versus(got: number, want: number): string {
  const [g, w] = fmtPair(got, want);
  return say(`${g}, expected ${w}`, `${g}，应为 ${w}`);
}

describe('properties', () => {
  test(say('momentum 0 is plain SGD: every step is p ← p − lr·g', 'momentum 为 0 就是普通 SGD：每一步都是 p ← p − lr·g'), () => {
    const arbitrary = fc.record({ seed: fc.nat(), lr: anyLr, steps: fc.integer({ min: 1, max: 4 }) });
    expectProperty(say('momentum 0 is plain SGD', 'momentum 为 0 就是普通 SGD'), arbitrary, ({ seed, lr, steps }) => {
      const rng = createRng(seed);
      const params = randomParams(rng);
      const optimizer = new SGDMomentum({ lr, momentum: 0 });
      for (let s = 1; s <= steps; s++) {
        const grads = randomGrads(params, rng);
        const expected = params.map((p, i) => paramData(p).map((x, k) => x - lr * paramData(grads[i])[k]));
        optimizer.step(params, grads);
        params.forEach((p, i) => {
          const got = paramData(p);
          expected[i].forEach((want, k) =>
            check(agrees(got[k], want, 1), () =>
              say(
                `after step ${s}, params[${i}] entry ${k} is ${versus(got[k], want)} (p − lr·g)`,
                `第 ${s} 步之后，params[${i}] 的第 ${k} 个元素是 ${versus(got[k], want)}（p − lr·g）`,
              ),
            ),
          );
        });
      }
    });
  });

  test(say('a constant gradient g builds the velocity v_k = g·(1 − μᵏ)/(1 − μ)', '恒定的梯度 g 累积出的速度为 v_k = g·(1 − μᵏ)/(1 − μ)'), () => {
    const arbitrary = fc.record({
      lr: anyLr,
      momentum: anyMomentum,
      nesterov: fc.boolean(),
      g: fc.oneof(fc.double({ min: 0.1, max: 2, noNaN: true }), fc.double({ min: -2, max: -0.1, noNaN: true })),
      steps: fc.integer({ min: 2, max: 8 }),
    });
    expectProperty('v_k = g·(1 − μᵏ)/(1 − μ)', arbitrary, ({ lr, momentum: mu, nesterov, g, steps }) => {
      const p = Float64Array.of(0);
      const optimizer = new SGDMomentum({ lr, momentum: mu, nesterov });
      for (let k = 1; k <= steps; k++) {
        const before = p[0];
        optimizer.step([p], [Float64Array.of(g)]);
        const velocity = (g * (1 - mu ** k)) / (1 - mu);
        const want = -lr * (nesterov ? g + mu * velocity : velocity);
        const moved = p[0] - before;
        check(agrees(moved, want, Math.abs(p[0])), () =>
          say(
            `step ${k} moved p by ${versus(moved, want)}: with v_${k} = ${fmt(velocity)} the step is ` +
              `${nesterov ? '−lr·(g + μ·v)' : '−lr·v'}`,
            `第 ${k} 步让 p 移动了 ${versus(moved, want)}：v_${k} = ${fmt(velocity)} 时，这一步应为 ` +
              `${nesterov ? '−lr·(g + μ·v)' : '−lr·v'}`,
          ),
        );
      }
    });
  });

  test(
    say(
      'each parameter keeps its own velocity: stepping [W, b] together equals stepping W and b apart',
      '每个参数有自己的速度：对 [W, b] 一起走步，与对 W 和 b 分别走步的结果相同',
    ),
    () => {
      const arbitrary = fc.record({ seed: fc.nat(), options: anyOptions, steps: fc.integer({ min: 2, max: 4 }) });
      expectProperty(say('one velocity per parameter', '每个参数一个速度'), arbitrary, ({ seed, options, steps }) => {
        const rng = createRng(seed);
        const together = randomParams(rng);
        const apart = together.map(copyParam);
        const joint = new SGDMomentum(options);
        const separate = apart.map(() => new SGDMomentum(options));
        for (let s = 1; s <= steps; s++) {
          const grads = randomGrads(together, rng);
          // Each run gets its own copy of the gradients: this property is about velocities only.
          const gradsApart = grads.map(copyParam);
          joint.step(together, grads);
          separate.forEach((optimizer, i) => optimizer.step([apart[i]], [gradsApart[i]]));
          together.forEach((p, i) => {
            const got = paramData(p);
            const want = paramData(apart[i]);
            for (let k = 0; k < got.length; k++) {
              check(agrees(got[k], want[k], 1), () =>
                say(
                  `after step ${s}, params[${i}] entry ${k} stepped together with the other parameter is ${versus(got[k], want[k])} ` +
                    '(its value when stepped alone)',
                  `第 ${s} 步之后，与另一个参数一起走步的 params[${i}] 的第 ${k} 个元素是 ${versus(got[k], want[k])}` +
                    '（即它单独走步时的值）',
                ),
              );
            }
          });
        }
      });
    },
  );

  test(say('grads are never modified', 'grads 从不被修改'), () => {
    const arbitrary = fc.record({ seed: fc.nat(), options: anyOptions });
    expectProperty(say('grads are not modified', 'grads 不被修改'), arbitrary, ({ seed, options }) => {
      const rng = createRng(seed);
      const params = randomParams(rng);
      const grads = randomGrads(params, rng);
      const before = grads.map((g) => Float64Array.from(paramData(g)));
      const optimizer = new SGDMomentum(options);
      optimizer.step(params, grads);
      optimizer.step(params, grads);
      grads.forEach((g, i) =>
        paramData(g).forEach((x, k) =>
          check(Object.is(x, before[i][k]), () =>
            say(
              `grads[${i}] entry ${k} changed from ${fmt(before[i][k])} to ${fmt(x)}`,
              `grads[${i}] 的第 ${k} 个元素从 ${fmt(before[i][k])} 变成了 ${fmt(x)}`,
            ),
          ),
        ),
      );
    });
  });
});

// ---------------------------------------------------------------------------------------
// Convergence: momentum must actually minimise something.
// ---------------------------------------------------------------------------------------

/** A = MᵀM + ½I: symmetric positive definite, so f(p) = ½pᵀAp − bᵀp has one minimum, A⁻¹b. */
function spd(mEntries: number[], d: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = i === j ? 0.5 : 0;
      for (let r = 0; r < d; r++) s += mEntries[r * d + i] * mEntries[r * d + j];
      a[i * d + j] = s;
    }
  }
  return a;
}

/** ∇f(p) = A·p − b, plus λ·p for weight decay (which minimises f + ½λ‖p‖² instead of f). */
function quadraticGradient(a: Float64Array, b: number[], p: Float64Array, lambda: number): Float64Array {
  const d = b.length;
  const g = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let s = -b[i] + lambda * p[i];
    for (let j = 0; j < d; j++) s += a[i * d + j] * p[j];
    g[i] = s;
  }
  return g;
}

const maxAbs = (x: Float64Array): number => x.reduce((acc, y) => Math.max(acc, Math.abs(y)), 0);

describe('convergence', () => {
  const STEPS = 600;
  const bEntry = fc.oneof(fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: -3, max: -0.5, noNaN: true }));
  const quadratic = fc.integer({ min: 2, max: 5 }).chain((d) =>
    fc.record({
      mEntries: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: d * d, maxLength: d * d }),
      b: fc.array(bEntry, { minLength: d, maxLength: d }),
      nesterov: fc.boolean(),
      weightDecay: fc.constantFrom(0, 0.1),
    }),
  );

  test(
    say(
      `momentum 0.9 reaches the minimum of a random convex quadratic ½pᵀAp − bᵀp within ${STEPS} steps`,
      `momentum 0.9 在 ${STEPS} 步之内到达随机凸二次函数 ½pᵀAp − bᵀp 的最小值`,
    ),
    () => {
      const describeQuadratic = ({ b, nesterov, weightDecay }: { b: number[]; nesterov: boolean; weightDecay: number }): string => {
        const options = ['momentum 0.9', ...(nesterov ? ['Nesterov'] : []), ...(weightDecay ? [`weightDecay ${weightDecay}`] : [])].join(say(', ', '、'));
        return say(`a ${b.length}-dimensional quadratic with ${options}`, `一个 ${b.length} 维的二次函数，使用 ${options}`);
      };
      expectProperty(say('converges on ½pᵀAp − bᵀp', '在 ½pᵀAp − bᵀp 上收敛'), quadratic, ({ mEntries, b, nesterov, weightDecay }) => {
        const d = b.length;
        const a = spd(mEntries, d);
        // lr = 1/trace(A + λI) ≤ 1/λmax: every mode is stable (momentum 0.9 allows up to 3.8/λmax)
        // and, as λmin ≥ ½, every mode shrinks by at least √0.9 per step: 600 steps give ~1e-14.
        let trace = weightDecay * d;
        for (let i = 0; i < d; i++) trace += a[i * d + i];
        const lr = 1 / trace;
        const p = new Float64Array(d);
        const initial = maxAbs(quadraticGradient(a, b, p, weightDecay));
        const optimizer = new SGDMomentum({ lr, momentum: 0.9, nesterov, weightDecay });
        for (let s = 0; s < STEPS; s++) optimizer.step([p], [quadraticGradient(a, b, p, 0)]);
        const remaining = maxAbs(quadraticGradient(a, b, p, weightDecay));
        const where = say(`after ${STEPS} steps with lr ${fmt(lr)}`, `lr 为 ${fmt(lr)} 时走了 ${STEPS} 步之后`);
        if (!Number.isFinite(remaining) || remaining > initial) {
          fail(
            say(
              `${where} the gradient grew from ${fmt(initial)} to ${fmt(remaining)}: the steps go uphill or overshoot.`,
              `${where}，梯度从 ${fmt(initial)} 增大到了 ${fmt(remaining)}：更新在往上坡走，或者步子太大、越过了最小值。`,
            ),
          );
        }
        check(remaining <= 1e-8 * initial, () =>
          say(
            `${where} the largest entry of the gradient (with weight decay) is still ${fmt(remaining)} (it started at ${fmt(initial)}): ` +
              'the optimizer settles somewhere that is not the minimum.',
            `${where}，梯度（含权重衰减）中绝对值最大的元素仍是 ${fmt(remaining)}（起始时为 ${fmt(initial)}）：` +
              '优化器停在了一个不是最小值的地方。',
          ),
        );
      }, 30, describeQuadratic);
    },
  );
});
