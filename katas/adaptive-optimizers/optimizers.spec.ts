/**
 * Spec for the adaptive-optimizers kata. Run it with `npm run grade -- adaptive-optimizers`;
 * the grader decides which implementation `loadTarget` loads (yours by default).
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

type Impl = typeof import('./optimizers.ts');
const impl = await loadTarget<Impl>();
const { Adagrad, RMSprop, AdamW } = impl;

/** What every optimizer of the kata is: a public lr and step(params, grads). */
interface Optimizer {
  lr: number;
  step(params: Param[], grads: Param[]): void;
}
type Options = Record<string, number>;
type Name = 'Adagrad' | 'RMSprop' | 'AdamW';

/** The three classes, and what the checks need to know of each. */
interface Kind {
  name: Name;
  create(options?: Options): Optimizer;
  /** PyTorch's defaults, written out. */
  defaults: Options;
  /** Options under which step's move is proportional to lr (no decay moves p on its own). */
  plain: Options;
  /** Options that exercise all of the optimizer's state (momentum for RMSprop). */
  full: Options;
  /** The bad options and the name each error must mention; then the edges PyTorch accepts. */
  bad: [Options, string][];
  edges: Options[];
}

const KINDS: Kind[] = [
  {
    name: 'Adagrad',
    create: (o = {}) => new Adagrad(o),
    defaults: { lr: 1e-2, eps: 1e-10, weightDecay: 0 },
    plain: { lr: 0.05 },
    full: { lr: 0.1, weightDecay: 0.05 },
    bad: [
      [{ lr: -0.01 }, 'lr'],
      [{ lr: NaN }, 'lr'],
      [{ eps: -1e-10 }, 'eps'],
      [{ weightDecay: -0.1 }, 'weightDecay'],
    ],
    edges: [{ lr: 0 }, { eps: 0 }, { weightDecay: 0 }],
  },
  {
    name: 'RMSprop',
    create: (o = {}) => new RMSprop(o),
    defaults: { lr: 1e-2, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0 },
    plain: { lr: 0.05 },
    full: { lr: 0.01, alpha: 0.9, weightDecay: 0.05, momentum: 0.9 },
    bad: [
      [{ lr: -0.01 }, 'lr'],
      [{ lr: NaN }, 'lr'],
      [{ alpha: -0.5 }, 'alpha'],
      [{ eps: -1e-8 }, 'eps'],
      [{ weightDecay: -0.1 }, 'weightDecay'],
      [{ momentum: -0.9 }, 'momentum'],
    ],
    edges: [{ lr: 0 }, { alpha: 0 }, { eps: 0 }, { weightDecay: 0 }, { momentum: 0 }],
  },
  {
    name: 'AdamW',
    create: (o = {}) => new AdamW(o),
    defaults: { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-2 },
    plain: { lr: 0.05, weightDecay: 0 },
    full: { lr: 0.05, beta1: 0.8, beta2: 0.99, weightDecay: 0.1 },
    bad: [
      [{ lr: -0.001 }, 'lr'],
      [{ lr: NaN }, 'lr'],
      [{ beta1: 1 }, 'beta1'],
      [{ beta1: -0.1 }, 'beta1'],
      [{ beta2: 1 }, 'beta2'],
      [{ beta2: 1.5 }, 'beta2'],
      [{ eps: -1e-8 }, 'eps'],
      [{ weightDecay: -0.01 }, 'weightDecay'],
    ],
    edges: [{ lr: 0 }, { beta1: 0 }, { beta2: 0 }, { eps: 0 }, { weightDecay: 0 }],
  },
];

const show = (options: Options): string => JSON.stringify(options).replace(/null/g, 'NaN');

describe('spec', () => {
  test(say('new Adagrad(), new RMSprop() and new AdamW() each have a step(params, grads) method', 'new Adagrad()、new RMSprop() 和 new AdamW() 都有 step(params, grads) 方法'), () => {
    for (const kind of KINDS) {
      const optimizer = kind.create();
      check(
        typeof optimizer.step === 'function',
        say(
          `new ${kind.name}() has no step method. Keep the method named step(params, grads).`,
          `new ${kind.name}() 没有 step 方法。方法名要保持为 step(params, grads)。`,
        ),
      );
    }
  });

  test(
    say(
      "the defaults are PyTorch's: Adagrad lr 1e-2, eps 1e-10; RMSprop lr 1e-2, alpha 0.99, eps 1e-8; AdamW lr 1e-3, betas 0.9/0.999, eps 1e-8, weightDecay 1e-2",
      '默认值与 PyTorch 一致：Adagrad 为 lr 1e-2、eps 1e-10；RMSprop 为 lr 1e-2、alpha 0.99、eps 1e-8；AdamW 为 lr 1e-3、betas 0.9/0.999、eps 1e-8、weightDecay 1e-2',
    ),
    () => {
      const start = (): Param[] => [Float64Array.of(0.5, -1, 2, 0.3)];
      // Gradients near both eps values on purpose, so a wrong default eps shows too.
      const gradsAt = (s: number): Param[] => [Float64Array.of(1 + s, -3e-8, 2e-10 * (s - 1.5), 5e-9)];
      for (const kind of KINDS) {
        const withDefaults = run(kind.create(), start(), gradsAt, 4);
        const withExplicit = run(kind.create(kind.defaults), start(), gradsAt, 4);
        const d = firstDifference(withDefaults.map((ps) => ps[0]), withExplicit.map((ps) => ps[0]));
        if (d) {
          fail(
            say(
              `new ${kind.name}() and new ${kind.name}(${show(kind.defaults)}) should behave the same, but after step ${d.step + 1} ` +
                `p[${d.k}] is ${fmt(withDefaults[d.step][0][d.k])} with the defaults and ${fmt(withExplicit[d.step][0][d.k])} with them written out. ` +
                'Check the default of every option.',
              `new ${kind.name}() 和 new ${kind.name}(${show(kind.defaults)}) 的行为应当相同，但第 ${d.step + 1} 步之后，` +
                `p[${d.k}] 用默认值时是 ${fmt(withDefaults[d.step][0][d.k])}，把默认值显式写出时是 ${fmt(withExplicit[d.step][0][d.k])}。` +
                '检查每个选项的默认值。',
            ),
          );
        }
      }
    },
  );

  test(
    say(
      'lr is a public field: it reads back the default and the given value, and writing it changes the next step',
      'lr 是公开字段：读出来是默认值或传入的值，改写它会改变下一步',
    ),
    () => {
      for (const kind of KINDS) {
        for (const [options, want] of [[{}, kind.defaults.lr], [{ lr: 0.05 }, 0.05]] as const) {
          const label = `new ${kind.name}(${Object.keys(options).length ? show(options) : ''})`;
          const lr: unknown = kind.create(options).lr;
          check(lr === want, () =>
            say(
              `${label}.lr is ${describeValue(lr)}, expected ${want}. Keep the learning rate in a public field named lr, like ` +
                "PyTorch's param_groups[0]['lr']: the trainer and any schedule read and write it between steps.",
              `${label}.lr 是 ${describeValue(lr)}，应为 ${want}。把学习率保存在名为 lr 的公开字段里，` +
                "就像 PyTorch 的 param_groups[0]['lr']：训练器和任何学习率调度都会在两步之间读写它。",
            ),
          );
        }
        // Two runs from the same state: the second step's move is proportional to lr.
        const moves = [0.05, 0.5].map((secondLr) => {
          const optimizer = kind.create(kind.plain);
          const p = Float64Array.of(0.2);
          optimizer.step([p], [Float64Array.of(1)]);
          const before = p[0];
          optimizer.lr = secondLr;
          optimizer.step([p], [Float64Array.of(0.5)]);
          return p[0] - before;
        });
        const [kept, written] = moves;
        check(Math.abs(written - 10 * kept) <= 1e-9 * Math.abs(10 * kept), () =>
          say(
            `${kind.name} with lr 0.05: after optimizer.lr = 0.5 the second step should move p ten times as far as with lr left at 0.05 ` +
              `(${fmt(10 * kept)}), but it moved it by ${fmt(written)}. `,
            `lr 为 0.05 的 ${kind.name}：设 optimizer.lr = 0.5 之后，第二步让 p 移动的距离应当是 lr 保持 0.05 时的十倍` +
              `（${fmt(10 * kept)}），实际移动了 ${fmt(written)}。`,
          ) +
            (same(written, kept)
              ? say(
                  'That is the old lr: step must read this.lr every time, not a copy taken in the constructor.',
                  '这是按旧的 lr 走的一步：step 每次都必须读取 this.lr，而不是构造函数中复制下来的值。',
                )
              : ''),
        );
      }
    },
  );

  test(say('step updates the parameters in place', 'step 原地更新参数'), () => {
    for (const kind of KINDS) {
      const w = matrix(2, 2, Float64Array.of(1, 2, 3, 4));
      const b = Float64Array.of(-1, 1);
      const wData = w.data;
      kind.create(kind.full).step([w, b], [matrix(2, 2, Float64Array.of(1, -1, 1, -1)), Float64Array.of(1, 1)]);
      check(
        w.data === wData,
        say(
          `${kind.name}.step replaced W.data with a new array. Write into the parameter's own numbers (p[k] -= …): the caller keeps a reference to W.data.`,
          `${kind.name}.step 把 W.data 换成了一个新数组。要写进参数自己的数值（p[k] -= …）：调用方持有的是 W.data 的引用。`,
        ),
      );
      check(
        w.data[0] !== 1 && b[0] !== -1,
        say(
          `${kind.name}.step with gradient 1 left W[0][0] = ${fmt(w.data[0])} and b[0] = ${fmt(b[0])} where they were. Update params in place: reassigning a local p = p - … moves nothing the caller sees.`,
          `梯度为 1 时，${kind.name}.step 之后 W[0][0] = ${fmt(w.data[0])}、b[0] = ${fmt(b[0])} 仍在原处。要原地更新 params：给局部变量重新赋值 p = p - … 不会移动调用方看到的任何东西。`,
        ),
      );
    }
  });

  test(say('each parameter has its own state; AdamW counts one step per call of step', '每个参数都有自己的状态；AdamW 每调用一次 step 只计一步'), () => {
    for (const kind of KINDS) {
      // The optimizer on [W, b] must move W exactly as on [W] alone, and b as on [b] alone.
      const w = matrix(2, 3, Float64Array.of(0.1, -0.2, 0.3, 0.4, -0.5, 0.6));
      const b = Float64Array.of(1, -1, 0.5, 2);
      const gradsAt = (s: number): Param[] => [matrix(2, 3, fixedGradient(6, s, 0)), fixedGradient(4, s, 2)];
      const steps = 4;
      const together = run(kind.create(kind.full), [copyParam(w), copyParam(b)], gradsAt, steps);
      const alone = [
        run(kind.create(kind.full), [copyParam(w)], (s) => [gradsAt(s)[0]], steps),
        run(kind.create(kind.full), [copyParam(b)], (s) => [gradsAt(s)[1]], steps),
      ];
      for (const i of [0, 1]) {
        const d = firstDifference(together.map((ps) => ps[i]), alone[i].map((ps) => ps[0]));
        if (d) {
          const cols = i === 0 ? w.cols : undefined;
          const which = i === 0 ? 'W' : 'b';
          fail(
            say(
              `${kind.name}.step([W, b], [dW, db]) should update ${which} exactly as ${kind.name} on [${which}] alone does, ` +
                `but after step ${d.step + 1} ${which}${indexLabel(d.k, cols)} is ${fmt(together[d.step][i][d.k])} instead of ` +
                `${fmt(alone[i][d.step][0][d.k])}. Keep the state (sum, v, buf, m) per position in params, and count AdamW's t once per call of step.`,
              `${kind.name}.step([W, b], [dW, db]) 对 ${which} 的更新应当与只对 [${which}] 运行 ${kind.name} 时完全相同，` +
                `但第 ${d.step + 1} 步之后 ${which}${indexLabel(d.k, cols)} 是 ${fmt(together[d.step][i][d.k])}，而不是 ` +
                `${fmt(alone[i][d.step][0][d.k])}。状态（sum、v、buf、m）要按 params 中的位置各存一份，AdamW 的 t 每次调用 step 只自增一次。`,
            ),
          );
        }
      }
    }
  });

  test(say('params and grads that do not line up throw an Error naming the sizes', 'params 与 grads 对不上时抛出 Error，并指明两边的大小'), () => {
    for (const kind of KINDS) {
      expectThrowsMentioning(
        say(`${kind.name}: step([W, b], [dW]) (2 params, 1 grad)`, `${kind.name}：step([W, b], [dW])（2 个参数，1 个梯度）`),
        () => kind.create().step([matrix(2, 2), new Float64Array(2)], [matrix(2, 2)]),
        ['2', '1'],
      );
      expectThrowsMentioning(
        say(`${kind.name}: step with params[2] of 5 entries and grads[2] of 7`, `${kind.name}：用 5 个元素的 params[2] 和 7 个元素的 grads[2] 调用 step`),
        () => kind.create().step([new Float64Array(3), matrix(1, 4), new Float64Array(5)], [new Float64Array(3), matrix(1, 4), new Float64Array(7)]),
        ['2', '5', '7'],
      );
    }
  });

  test(say('hyperparameters out of range throw an Error naming the option, as in PyTorch', '超参数超出范围时抛出 Error 并指明是哪个选项，与 PyTorch 一致'), () => {
    for (const kind of KINDS) {
      for (const [options, name] of kind.bad) expectThrowsMentioning(`new ${kind.name}(${show(options)})`, () => kind.create(options), [name]);
      for (const options of kind.edges) {
        try {
          kind.create(options);
        } catch (error) {
          if (isNotImplemented(error)) throw error;
          fail(
            say(
              `new ${kind.name}(${show(options)}) threw "${(error as Error).message}", but PyTorch accepts it: lr, eps, weightDecay, alpha and momentum may be 0, and each beta may be in [0, 1).`,
              `new ${kind.name}(${show(options)}) 抛出了“${(error as Error).message}”，但 PyTorch 接受这个值：lr、eps、weightDecay、alpha 和 momentum 可以为 0，每个 beta 可以取 [0, 1) 中的值。`,
            ),
          );
        }
      }
    }
  });
});

/** Said after a fixture fails on a step whose lr was changed by the schedule. */
const SCHEDULE_HINT = say(
  "The schedule changed optimizer.lr before this step, as a learning-rate scheduler writes param_groups[0]['lr'] in PyTorch. " +
    "step must use this.lr as it is now: read it at every step (AdamW's decay factor 1 − lr·weightDecay and its step size " +
    'lr/(1 − β1ᵗ) too), never a copy taken in the constructor.',
  "这一步之前，调度修改了 optimizer.lr，就像 PyTorch 里学习率调度器写入 param_groups[0]['lr'] 那样。" +
    'step 必须使用 this.lr 当前的值：每一步都重新读取它（AdamW 的衰减因子 1 − lr·weightDecay 和步长 lr/(1 − β1ᵗ) 也一样），绝不能用构造函数中复制下来的值。',
);

/** The fixture cases' names in Chinese, by case id (the English names are the fixture's descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'adagrad-defaults': 'Adagrad，默认值（lr 1e-2，eps 1e-10），一个 3×4 矩阵和一个 4 维向量，6 步',
  'adagrad-eps-scale-gradients': 'Adagrad，梯度在 1e-8 附近（远大于 eps = 1e-10，远小于 √eps = 1e-5）：eps 加在 √sum 上，在平方根之外',
  'adagrad-weight-decay': 'Adagrad，weightDecay 0.1 是加到梯度上的 L2 项，lr 0.1，eps 1e-6，6 步',
  'adagrad-repeated-gradient': 'Adagrad，同一个梯度重复 8 次：sum 每步增加 g²，所以步长按 lr/√t 缩小',
  'adagrad-schedule': 'Adagrad，构造时 lr 为 0.5，之后每一步依次设 optimizer.lr = 0.1, 0.1, 0.05, 0.2, 0.01：每一步的 lr 就是紧挨着它之前设置的值',
  'rmsprop-defaults': 'RMSprop，默认值（lr 1e-2，alpha 0.99，eps 1e-8，无动量），一个 3×4 矩阵和一个 4 维向量，6 步',
  'rmsprop-alpha': 'RMSprop，alpha 0.9，lr 0.01，8 步：v ← α·v + (1 − α)·g²，α 乘的是旧的 v',
  'rmsprop-eps-scale-gradients': 'RMSprop，梯度在 1e-8 附近，与 eps 一样小：eps 加在 √v 上，在平方根之外',
  'rmsprop-momentum': 'RMSprop，momentum 0.9，alpha 0.95，lr 0.01，8 步：buf ← μ·buf + g/(√v + eps)，p ← p − lr·buf',
  'rmsprop-weight-decay': 'RMSprop，weightDecay 0.2 是加到梯度上的 L2 项，momentum 0.5，lr 0.02，6 步',
  'rmsprop-schedule': 'RMSprop，momentum 0.8，构造时 lr 为 0.1，之后每一步依次设 optimizer.lr = 0.01, 0.02, 0.02, 0.005, 0.001',
  'adamw-defaults': 'AdamW，默认值（lr 1e-3，betas 0.9/0.999，eps 1e-8，weightDecay 1e-2），一个 3×4 矩阵和一个 4 维向量，6 步',
  'adamw-decoupled-decay': 'AdamW，lr 0.1，weightDecay 0.5，6 步：先做 p ← p·(1 − lr·λ)，在矩估计之外，再做不含 L2 的 Adam',
  'adamw-eps-scale-gradients': 'AdamW，梯度在 1e-8 附近，与 eps 一样小：eps 加在 √v̂ 上，在平方根之外',
  'adamw-betas': 'AdamW，betas 0.8/0.99，lr 0.05，weightDecay 0.1，10 步：m̂ 除以 1 − β1ᵗ，v̂ 除以 1 − β2ᵗ',
  'adamw-no-decay': 'weightDecay 为 0 的 AdamW 就是 Adam：三个参数（4×3、3、3×2），8 步',
  'adamw-schedule':
    'AdamW，weightDecay 0.2，构造时 lr 为 0.1，之后每一步依次设 optimizer.lr = 0.01, 0.05, 0.05, 0.2, 0.02, 0.005：衰减也要用新的 lr',
};

describe('fixtures', () => {
  const files: [string, Kind][] = [['adagrad', KINDS[0]], ['rmsprop', KINDS[1]], ['adamw', KINDS[2]]];
  for (const [file, kind] of files) {
    const trajectories = loadFixture<TrajectoryInput<Options>, TrajectoryExpected>('adaptive-optimizers', file);
    for (const c of trajectories.cases) {
      const name = localize({ en: c.description, 'zh-CN': FIXTURE_NAMES_ZH[c.id] ?? c.description });
      test(name, () => expectTrajectory(kind.create(c.input.options), c.input, c.expected, FLOAT64_TOLERANCE, SCHEDULE_HINT));
    }
  }
});

/** Parameters in [−1, 1] and gradients with |g| in [0.1, 1] times 10^exponent, with random signs. */
const entries = fc.array(
  fc.record({
    p: fc.double({ min: -1, max: 1, noNaN: true }),
    magnitude: fc.double({ min: 0.1, max: 1, noNaN: true }),
    negative: fc.boolean(),
  }),
  { minLength: 1, maxLength: 6 },
);

/** One step of Adam as torch.optim.Adam takes it (no weight decay): the yardstick for AdamW with weightDecay 0. */
function adamSteps(start: Float64Array, grads: Float64Array[], lr: number, beta1: number, beta2: number, eps: number): Float64Array[] {
  const p = Float64Array.from(start);
  const m = new Float64Array(p.length);
  const v = new Float64Array(p.length);
  return grads.map((g, s) => {
    const t = s + 1;
    for (let k = 0; k < p.length; k++) {
      m[k] = beta1 * m[k] + (1 - beta1) * g[k];
      v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
      p[k] -= (lr * (m[k] / (1 - beta1 ** t))) / (Math.sqrt(v[k] / (1 - beta2 ** t)) + eps);
    }
    return Float64Array.from(p);
  });
}

describe('properties', () => {
  test(
    say(
      "Adagrad: with the same gradient every step, each step is smaller than the one before: the t-th moves p by lr·|g|/(√t·|g| + eps)",
      'Adagrad：每一步的梯度都相同时，每一步都比上一步小：第 t 步让 p 移动 lr·|g|/(√t·|g| + eps)',
    ),
    () => {
      const input = fc.record({ lr: fc.double({ min: 1e-3, max: 0.5, noNaN: true }), exponent: fc.integer({ min: -4, max: 3 }), entries });
      expectProperty(say("Adagrad's steps shrink like 1/√t", 'Adagrad 的步长按 1/√t 缩小'), input, ({ lr, exponent, entries: es }) => {
        const eps = 1e-10;
        const p = Float64Array.from(es, (e) => e.p);
        const g = Float64Array.from(es, (e) => (e.negative ? -1 : 1) * e.magnitude * 10 ** exponent);
        const adagrad = new Adagrad({ lr, eps });
        let previous = Infinity;
        for (let t = 1; t <= 6; t++) {
          const before = Float64Array.from(p);
          adagrad.step([p], [Float64Array.from(g)]);
          for (let k = 0; k < p.length; k++) {
            const moved = p[k] - before[k];
            const want = (-lr * g[k]) / (Math.sqrt(t) * Math.abs(g[k]) + eps);
            const stuck = t > 1 && Math.abs(moved) >= previous * (1 - 1e-12);
            check(Math.abs(moved - want) <= 1e-9 * Math.abs(want), () =>
              say(
                `with lr ${fmt(lr)} and the gradient g[${k}] = ${fmt(g[k])} at every step, step ${t} moved p[${k}] by ${fmt(moved)}, expected ${fmt(want)}: ` +
                  'after t equal gradients sum = t·g², so the step is lr·g/(√t·|g| + eps).',
                `lr 为 ${fmt(lr)}、每一步的梯度都是 g[${k}] = ${fmt(g[k])} 时，第 ${t} 步让 p[${k}] 移动了 ${fmt(moved)}，应为 ${fmt(want)}：` +
                  't 个相同的梯度之后 sum = t·g²，所以步长是 lr·g/(√t·|g| + eps)。',
              ) +
                (stuck && k === 0
                  ? say(' It did not shrink: sum must keep every g² of the past steps.', '步长没有缩小：sum 必须保留之前每一步的 g²。')
                  : ''),
            );
          }
          previous = Math.abs(p[0] - before[0]);
        }
      });
    },
  );

  test(
    say(
      'RMSprop: with the same gradient every step, the t-th step is lr·|g|/(√(1 − αᵗ)·|g| + eps): it starts at lr/√(1 − α) and falls towards lr',
      'RMSprop：每一步的梯度都相同时，第 t 步为 lr·|g|/(√(1 − αᵗ)·|g| + eps)：从 lr/√(1 − α) 开始，逐步降向 lr',
    ),
    () => {
      const input = fc.record({
        lr: fc.double({ min: 1e-4, max: 0.1, noNaN: true }),
        alpha: fc.double({ min: 0.8, max: 0.999, noNaN: true }),
        exponent: fc.integer({ min: -4, max: 3 }),
        entries,
      });
      expectProperty(say('RMSprop, no bias correction: v = (1 − αᵗ)·g²', 'RMSprop 没有偏差修正：v = (1 − αᵗ)·g²'), input, ({ lr, alpha, exponent, entries: es }) => {
        const eps = 1e-8;
        const p = Float64Array.from(es, (e) => e.p);
        const g = Float64Array.from(es, (e) => (e.negative ? -1 : 1) * e.magnitude * 10 ** exponent);
        const rmsprop = new RMSprop({ lr, alpha, eps });
        for (let t = 1; t <= 6; t++) {
          const before = Float64Array.from(p);
          rmsprop.step([p], [Float64Array.from(g)]);
          for (let k = 0; k < p.length; k++) {
            const moved = p[k] - before[k];
            const want = (-lr * g[k]) / (Math.sqrt(1 - alpha ** t) * Math.abs(g[k]) + eps);
            check(Math.abs(moved - want) <= 1e-9 * Math.abs(want), () =>
              say(
                `with lr ${fmt(lr)}, alpha ${fmt(alpha)} and the gradient g[${k}] = ${fmt(g[k])} at every step, step ${t} moved p[${k}] by ${fmt(moved)}, ` +
                  `expected ${fmt(want)}: from v = 0, t equal gradients give v = (1 − αᵗ)·g², since α weighs the old v and 1 − α the new g².`,
                `lr 为 ${fmt(lr)}、alpha 为 ${fmt(alpha)}、每一步的梯度都是 g[${k}] = ${fmt(g[k])} 时，第 ${t} 步让 p[${k}] 移动了 ${fmt(moved)}，` +
                  `应为 ${fmt(want)}：从 v = 0 开始，t 个相同的梯度得到 v = (1 − αᵗ)·g²，因为 α 乘的是旧的 v，1 − α 乘的是新的 g²。`,
              ),
            );
          }
        }
      });
    },
  );

  test(say('AdamW with weightDecay 0 is Adam', 'weightDecay 为 0 的 AdamW 就是 Adam'), () => {
    const input = fc.record({
      lr: fc.double({ min: 1e-4, max: 0.1, noNaN: true }),
      beta1: fc.double({ min: 0, max: 0.95, noNaN: true }),
      beta2: fc.double({ min: 0.9, max: 0.9999, noNaN: true }),
      steps: fc.array(entries, { minLength: 5, maxLength: 5 }),
    });
    expectProperty(say('AdamW(weightDecay 0) follows torch.optim.Adam', 'AdamW（weightDecay 0）与 torch.optim.Adam 的轨迹相同'), input, ({ lr, beta1, beta2, steps }) => {
      const eps = 1e-8;
      const size = Math.min(...steps.map((s) => s.length));
      const grads = steps.map((es) => Float64Array.from({ length: size }, (_, k) => (es[k].negative ? -1 : 1) * es[k].magnitude));
      const start = Float64Array.from({ length: size }, (_, k) => steps[0][k].p);
      const want = adamSteps(start, grads, lr, beta1, beta2, eps);
      const got = run(new AdamW({ lr, beta1, beta2, eps, weightDecay: 0 }), [Float64Array.from(start)], (s) => [Float64Array.from(grads[s])], 5);
      const d = firstDifference(got.map((ps) => ps[0]), want);
      if (d && Math.abs(got[d.step][0][d.k] - want[d.step][d.k]) > 1e-10 * (1 + Math.abs(want[d.step][d.k]))) {
        fail(
          say(
            `with weightDecay 0, lr ${fmt(lr)}, betas ${fmt(beta1)}/${fmt(beta2)}, after step ${d.step + 1} p[${d.k}] is ${fmt(got[d.step][0][d.k])}, ` +
              `but Adam gives ${fmt(want[d.step][d.k])}. Without decay AdamW is exactly Adam: m and v of g, bias-corrected with t counted from 1, ` +
              'and p ← p − lr·m̂/(√v̂ + eps).',
            `weightDecay 为 0、lr 为 ${fmt(lr)}、betas 为 ${fmt(beta1)}/${fmt(beta2)} 时，第 ${d.step + 1} 步之后 p[${d.k}] 是 ${fmt(got[d.step][0][d.k])}，` +
              `而 Adam 给出的是 ${fmt(want[d.step][d.k])}。没有衰减时 AdamW 就是 Adam：对 g 求 m 和 v，用从 1 开始计数的 t 做偏差修正，` +
              '再做 p ← p − lr·m̂/(√v̂ + eps)。',
          ),
        );
      }
    });
  });

  test(
    say(
      'AdamW with zero gradients only decays: after t steps p is p₀·(1 − lr·weightDecay)ᵗ',
      '梯度全为 0 时 AdamW 只做衰减：t 步之后 p 为 p₀·(1 − lr·weightDecay)ᵗ',
    ),
    () => {
      const input = fc.record({
        lr: fc.double({ min: 1e-3, max: 0.2, noNaN: true }),
        weightDecay: fc.double({ min: 0.01, max: 1, noNaN: true }),
        // Parameters of size 0.5 to 2, so a decay that is off shows at every scale.
        start: fc.array(fc.tuple(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 6 }),
      });
      expectProperty(say('decoupled decay, nothing else', '只有解耦权重衰减'), input, ({ lr, weightDecay, start }) => {
        const p0 = Float64Array.from(start, ([size, negative]) => (negative ? -size : size));
        const p = Float64Array.from(p0);
        const adamw = new AdamW({ lr, weightDecay });
        for (let t = 1; t <= 4; t++) {
          adamw.step([p], [new Float64Array(p.length)]);
          for (let k = 0; k < p.length; k++) {
            const want = p0[k] * (1 - lr * weightDecay) ** t;
            check(Math.abs(p[k] - want) <= 1e-12 * Math.abs(want), () =>
              say(
                `with lr ${fmt(lr)}, weightDecay ${fmt(weightDecay)} and zero gradients, after step ${t} p[${k}] is ${fmt(p[k])}, expected ` +
                  `${fmt(want)} = ${fmt(p0[k])}·(1 − lr·weightDecay)^${t}. AdamW's decay multiplies p by 1 − lr·weightDecay and never enters g, m or v ` +
                  '(with g = 0, m = v = 0 and the Adam step is 0).',
                `lr 为 ${fmt(lr)}、weightDecay 为 ${fmt(weightDecay)}、梯度全为 0 时，第 ${t} 步之后 p[${k}] 是 ${fmt(p[k])}，应为 ` +
                  `${fmt(want)} = ${fmt(p0[k])}·(1 − lr·weightDecay)^${t}。AdamW 的衰减是把 p 乘以 1 − lr·weightDecay，绝不进入 g、m 或 v` +
                  '（g = 0 时 m = v = 0，Adam 这一步为 0）。',
              ),
            );
          }
        }
      });
    },
  );

  test(say('zero gradients with weightDecay 0 leave the parameters exactly where they are', '梯度为 0 且 weightDecay 为 0 时，参数原封不动'), () => {
    const input = fc.record({ which: fc.integer({ min: 0, max: 2 }), lr: fc.double({ min: 1e-4, max: 1, noNaN: true }), momentum: fc.constantFrom(0, 0.9), entries });
    expectProperty(say('0/(0 + eps) = 0: nothing moves', '0/(0 + eps) = 0：什么都不动'), input, ({ which, lr, momentum, entries: es }) => {
      const kind = KINDS[which];
      const options: Options = { lr, weightDecay: 0, ...(kind.name === 'RMSprop' ? { momentum } : {}) };
      const p0 = Float64Array.from(es, (e) => e.p);
      const p = Float64Array.from(p0);
      const optimizer = kind.create(options);
      for (let t = 1; t <= 3; t++) {
        optimizer.step([p], [new Float64Array(p.length)]);
        for (let k = 0; k < p.length; k++) {
          check(p[k] === p0[k], () =>
            say(
              `new ${kind.name}(${show(options)}) with zero gradients moved p[${k}] from ${fmt(p0[k])} to ${fmt(p[k])} by step ${t}. ` +
                'With g = 0 and no decay every step is 0/(0 + eps) = 0: check that the state starts at 0 and that eps keeps the division finite.',
              `new ${kind.name}(${show(options)}) 在梯度全为 0 时，到第 ${t} 步把 p[${k}] 从 ${fmt(p0[k])} 移到了 ${fmt(p[k])}。` +
                '当 g = 0 且没有衰减时，每一步都是 0/(0 + eps) = 0：检查状态是否从 0 开始，以及 eps 是否让除法保持有限。',
            ),
          );
        }
      }
    });
  });

  test(say('two optimizers share no state', '两个优化器互不共享状态'), () => {
    const input = fc.record({ which: fc.integer({ min: 0, max: 2 }), seed: fc.integer({ min: 0, max: 1_000_000 }) });
    expectProperty(say('a second optimizer stepping in between changes nothing', '另一个优化器在中间穿插着走步，不改变任何结果'), input, ({ which, seed }) => {
      const kind = KINDS[which];
      const rng = createRng(seed);
      const grads = Array.from({ length: 3 }, () => Float64Array.from({ length: 3 }, () => normal(rng)));
      const expected = run(kind.create(kind.full), [Float64Array.of(1, 2, 3)], (s) => [Float64Array.from(grads[s])], 3);
      const a = kind.create(kind.full);
      const other = kind.create(kind.full);
      const p = Float64Array.of(1, 2, 3);
      for (let s = 0; s < 3; s++) {
        other.step([Float64Array.of(5, 5, 5)], [Float64Array.of(-9, 9, 1)]);
        a.step([p], [Float64Array.from(grads[s])]);
        for (let k = 0; k < 3; k++) {
          const want = expected[s][0][k];
          check(same(p[k], want), () =>
            say(
              `with a second ${kind.name} stepping in between, after step ${s + 1} p[${k}] is ${fmt(p[k])} instead of ${fmt(want)}. ` +
                'Keep the state (and the step count) in fields of the instance, not in module-level variables.',
              `另一个 ${kind.name} 在中间穿插着走步时，第 ${s + 1} 步之后 p[${k}] 是 ${fmt(p[k])}，而不是 ${fmt(want)}。` +
                '把状态（以及步数）保存在实例的字段里，不要放在模块级变量中。',
            ),
          );
        }
      }
    });
  });

  test(say('grads are never modified (with weight decay too)', '即使有权重衰减，grads 也从不被修改'), () => {
    const input = fc.record({
      which: fc.integer({ min: 0, max: 2 }),
      rows: fc.integer({ min: 1, max: 4 }),
      cols: fc.integer({ min: 1, max: 4 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    });
    expectProperty(say('step leaves grads untouched', 'step 不改动 grads'), input, ({ which, rows, cols, seed }) => {
      const kind = KINDS[which];
      const rng = createRng(seed);
      const random = (n: number): Float64Array => Float64Array.from({ length: n }, () => normal(rng));
      const params: Param[] = [matrix(rows, cols, random(rows * cols)), random(cols)];
      const optimizer = kind.create(kind.full);
      for (let s = 0; s < 3; s++) {
        const grads: Param[] = [matrix(rows, cols, random(rows * cols)), random(cols)];
        const before = grads.map(snapshot);
        optimizer.step(params, grads);
        grads.forEach((g, i) => {
          const now = paramData(g);
          for (let k = 0; k < now.length; k++) {
            check(Object.is(now[k], before[i][k]), () =>
              say(
                `${kind.name} step ${s + 1} (${show(kind.full)}) changed grads[${i}]${indexLabel(k, isMatrix(g) ? g.cols : undefined)} ` +
                  `from ${fmt(before[i][k])} to ${fmt(now[k])}. The gradients belong to the caller: keep g + weightDecay·p in a local variable.`,
                `${kind.name} 的第 ${s + 1} 步（${show(kind.full)}）把 grads[${i}]${indexLabel(k, isMatrix(g) ? g.cols : undefined)} ` +
                  `从 ${fmt(before[i][k])} 改成了 ${fmt(now[k])}。梯度属于调用方：把 g + weightDecay·p 保存在局部变量里。`,
              ),
            );
          }
        });
      }
    });
  });
});

/**
 * f(x) = ½ (x − c)ᵀ A (x − c) over x = [W (3×4), b (4)], with A = BᵀB/n + 0.1·I positive
 * definite, drawn from `seed`. Returns the loss at the start and after `steps` steps of `optimizer`,
 * with `optimizer.lr = schedule(s)` before step s when a schedule is given.
 */
function minimise(seed: number, optimizer: Optimizer, steps: number, schedule?: (s: number) => number): { initial: number; loss: number } {
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
  const dw = matrix(3, 4);
  const db = new Float64Array(4);
  const gradientAndLoss = (): number => {
    const x = Float64Array.of(...w.data, ...b);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let g = 0;
      for (let j = 0; j < n; j++) g += a[i * n + j] * (x[j] - target[j]);
      loss += 0.5 * (x[i] - target[i]) * g;
      if (i < dw.data.length) dw.data[i] = g;
      else db[i - dw.data.length] = g;
    }
    return loss;
  };
  const initial = gradientAndLoss();
  let loss = initial;
  for (let s = 0; s < steps; s++) {
    if (schedule) optimizer.lr = schedule(s);
    optimizer.step([w, b], [dw, db]);
    loss = gradientAndLoss();
  }
  return { initial, loss };
}

describe('convergence', () => {
  const cases: { kind: Kind; options: Options; steps: number; schedule?: (s: number) => number; bar: number; what: string; whatZh: string }[] = [
    { kind: KINDS[0], options: { lr: 0.5 }, steps: 1000, bar: 1e-10, what: 'lr 0.5', whatZh: 'lr 0.5' },
    {
      kind: KINDS[1],
      options: { lr: 0.01, momentum: 0.9 },
      steps: 1000,
      schedule: (s) => 0.01 * 0.995 ** s,
      bar: 1e-10,
      what: 'momentum 0.9, lr 0.01·0.995ˢ',
      whatZh: 'momentum 0.9，lr 0.01·0.995ˢ',
    },
    { kind: KINDS[2], options: { lr: 0.05 }, steps: 1000, bar: 1e-4, what: 'lr 0.05, weightDecay 1e-2', whatZh: 'lr 0.05，weightDecay 1e-2' },
  ];
  for (const { kind, options, steps, schedule, bar, what, whatZh } of cases) {
    const label = localize({ en: what, 'zh-CN': whatZh });
    test(
      say(`${kind.name} (${label}) finds the minimum of a random convex quadratic`, `${kind.name}（${label}）找到随机凸二次函数的最小值`),
      () => {
        expectProperty(
          say(`${kind.name} converges on ½ (x − c)ᵀ A (x − c)`, `${kind.name} 在 ½ (x − c)ᵀ A (x − c) 上收敛`),
          fc.integer({ min: 0, max: 1_000_000 }),
          (seed) => {
            const { initial, loss } = minimise(seed, kind.create(options), steps, schedule);
            check(
              Number.isFinite(loss),
              say(
                `after ${steps} steps of ${kind.name} (${label}) the loss is ${fmt(loss)} (it started at ${fmt(initial)}).`,
                `${kind.name}（${label}）走了 ${steps} 步之后，损失是 ${fmt(loss)}（起始时为 ${fmt(initial)}）。`,
              ),
            );
            check(loss <= bar * initial, () =>
              say(
                `after ${steps} steps of ${kind.name} (${label}) the loss is ${fmt(loss)}, still more than ${bar} of its start ${fmt(initial)}.`,
                `${kind.name}（${label}）走了 ${steps} 步之后，损失是 ${fmt(loss)}，仍大于起始值 ${fmt(initial)} 的 ${bar} 倍。`,
              ),
            );
          },
          10,
          (seed) => say(`the quadratic drawn from seed ${seed}`, `由种子 ${seed} 生成的二次函数`),
        );
      },
    );
  }
});
