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
  fixtureCaseName,
  loadFixture,
  loadTarget,
  m,
  patternMatrix,
  patternVector,
  projectOnto,
  sampleEntries,
  say,
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
const { batchnormForward, batchnormBackward, createBatchNorm } = impl;

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

/** The mode in running text: `in ${modeWord(mode)} mode`, `${modeWord(mode)}模式下`. */
const modeWord = (mode: 'train' | 'eval'): string => (mode === 'train' ? say('train', '训练') : say('eval', '评估'));

// ---------------------------------------------------------------------------------------

/** A vector for a message: its entries, or what it is when it is not a Float64Array. */
const entries = (value: unknown): string =>
  value instanceof Float64Array ? `[${Array.from(value.subarray(0, 6), fmt).join(', ')}${value.length > 6 ? ', …' : ''}]` : describeValue(value);

/** The four arrays of createBatchNorm's result by name, each checked to be a Float64Array of `d` entries. */
function createdArrays(d: number): [string, Float64Array][] {
  const made: unknown = createBatchNorm(d);
  const layer = (made ?? {}) as { gamma?: unknown; beta?: unknown; state?: { runningMean?: unknown; runningVar?: unknown } };
  const arrays: [string, unknown][] = [
    ['gamma', layer.gamma],
    ['beta', layer.beta],
    ['state.runningMean', layer.state?.runningMean],
    ['state.runningVar', layer.state?.runningVar],
  ];
  for (const [name, value] of arrays) {
    check(value instanceof Float64Array && value.length === d, () =>
      say(
        `createBatchNorm(${d}).${name} should be a Float64Array of D = ${d} entries, but it is ${describeValue(value)}.`,
        `createBatchNorm(${d}).${name} 应当是含 D = ${d} 个元素的 Float64Array，但它是 ${describeValue(value)}。`,
      ),
    );
  }
  return arrays as [string, Float64Array][];
}

describe('spec', () => {
  test(say('createBatchNorm(3) starts as torch.nn.BatchNorm1d(3): γ = 1, β = 0, running mean 0, running variance 1', 'createBatchNorm(3) 与刚构造的 torch.nn.BatchNorm1d(3) 一致：γ = 1，β = 0，滑动均值 0，滑动方差 1'), () => {
    const [[, gamma], [, beta], [, runningMean], [, runningVar]] = createdArrays(3);
    check(gamma.every((g) => g === 1), () =>
      say(
        `createBatchNorm(3).gamma is ${entries(gamma)}, but a fresh BatchNorm1d has γ = 1 in every entry (its weight starts as ones), ` +
          'so the layer starts as plain standardisation, out = x̂. Random γ (np.random.randn) flips, blows up or silences features before training has begun.',
        `createBatchNorm(3).gamma 为 ${entries(gamma)}，但刚构造的 BatchNorm1d 每个 γ 都是 1（weight 初始化为全 1），` +
          '所以这一层一开始就是单纯的标准化，out = x̂。随机的 γ（np.random.randn）在训练开始之前就会把特征翻转、放大或压没。',
      ),
    );
    check(beta.every((b) => b === 0), () =>
      say(
        `createBatchNorm(3).beta is ${entries(beta)}, but a fresh BatchNorm1d has β = 0 in every entry (its bias starts as zeros): ` +
          'no shift until training asks for one.',
        `createBatchNorm(3).beta 为 ${entries(beta)}，但刚构造的 BatchNorm1d 每个 β 都是 0（bias 初始化为全 0）：` +
          '训练要求之前不做任何平移。',
      ),
    );
    check(runningMean.every((v) => v === 0), () =>
      say(
        `createBatchNorm(3).state.runningMean is ${entries(runningMean)}, but BatchNorm1d starts its running mean at 0.`,
        `createBatchNorm(3).state.runningMean 为 ${entries(runningMean)}，但 BatchNorm1d 的滑动均值从 0 开始。`,
      ),
    );
    check(runningVar.every((v) => v === 1), () =>
      say(
        `createBatchNorm(3).state.runningVar is ${entries(runningVar)}, but BatchNorm1d starts its running variance at 1, ` +
          'so that eval mode before any training passes x through.',
        `createBatchNorm(3).state.runningVar 为 ${entries(runningVar)}，但 BatchNorm1d 的滑动方差从 1 开始，` +
          '这样训练之前的评估模式会原样输出 x。',
      ) +
        (runningVar.every((v) => v === 0)
          ? say(' From 0, eval mode divides by √eps ≈ 0.003 and multiplies x by about 316.', '从 0 开始的话，评估模式要除以 √eps ≈ 0.003，相当于把 x 放大约 316 倍。')
          : ''),
    );
  });

  test(say('createBatchNorm makes four separate new arrays on every call', 'createBatchNorm 每次调用都创建四个互不相干的新数组'), () => {
    const first = createdArrays(3).map(([name, array]) => [say(`the first layer's ${name}`, `第一个层的 ${name}`), array] as const);
    const second = createdArrays(3).map(([name, array]) => [say(`a second createBatchNorm(3)'s ${name}`, `第二次 createBatchNorm(3) 的 ${name}`), array] as const);
    const all = [...first, ...second];
    // Write a different number into each array in turn; an array that shows a later number shares memory with that one.
    all.forEach(([, array], i) => array.fill(100 + i));
    for (let i = 0; i < all.length; i++) {
      const [name, array] = all[i];
      const shown = array[0] - 100;
      if (shown === i) continue;
      const other = all[shown]?.[0] ?? '?';
      const sameLayer = (i < 4) === (shown < 4);
      fail(
        sameLayer
          ? say(
              `writing into ${other} changed ${name}: the two are one array. γ, β, the running mean and the running variance are ` +
                'four different quantities, even where they start at the same value: give each its own new Float64Array.',
              `写入 ${other} 时 ${name} 也变了：它们是同一个数组。γ、β、滑动均值和滑动方差是四个不同的量，` +
                '即使初始值相同也是如此：每个都要用自己的新 Float64Array。',
            )
          : say(
              `writing into ${other} changed ${name}: two calls returned the same array. Every call must make new arrays, ` +
                'as every torch.nn.BatchNorm1d(3) has its own parameters; otherwise training one layer trains the other.',
              `写入 ${other} 时 ${name} 也变了：两次调用返回了同一个数组。每次调用都必须创建新数组，` +
                '就像每个 torch.nn.BatchNorm1d(3) 都有自己的参数一样；否则训练一个层就等于训练了另一个。',
            ),
      );
    }
  });

  test(say('createBatchNorm throws an Error naming the value when features is not a positive integer', 'features 不是正整数时，createBatchNorm 抛出写明该值的 Error'), () => {
    for (const features of [0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectThrowsMentioning(`createBatchNorm(${String(features)})`, () => createBatchNorm(features), [String(features)]);
    }
  });

  test(say('train mode on the batch [[1], [3]] gives out [[−1], [1]]: normalise with the biased variance ÷N', '训练模式下，批量 [[1], [3]] 的 out 为 [[−1], [1]]：用有偏方差（÷N）归一化'), () => {
    const { out } = batchnormForward(fromRows([[1], [3]]), v([1]), v([0]), freshState(1), { mode: 'train', eps: 0 });
    // μ = 2 and σ² = ((1 − 2)² + (3 − 2)²)/2 = 1, so x̂ = ±1 (÷(N−1) would give ±0.7071).
    expectMatrixClose('out', out, [[-1], [1]], { shapeHint: 'N×D = 2×1' });
  });

  test(say('train mode on [[1], [3]] from the fresh state, momentum 0.1: runningMean 0.2, runningVar 1.1', '训练模式，从初始状态出发，动量 0.1，批量 [[1], [3]]：runningMean 为 0.2，runningVar 为 1.1'), () => {
    const state = freshState(1);
    batchnormForward(fromRows([[1], [3]]), v([1]), v([0]), state, { mode: 'train', momentum: 0.1 });
    // runningMean = 0.9·0 + 0.1·2; runningVar = 0.9·1 + 0.1·2, with the unbiased variance 2 = ((−1)² + 1²)/(2 − 1).
    expectVectorClose('state.runningMean', state.runningMean, [0.2]);
    expectVectorClose('state.runningVar', state.runningVar, [1.1]);
  });

  test(say('train mode updates the running statistics in place, in the same Float64Arrays', '训练模式原地更新滑动统计量，写进原来的那两个 Float64Array'), () => {
    const state = freshState(2);
    const { runningMean, runningVar } = state;
    batchnormForward(fromRows([[1, 2], [3, 5]]), v([1, 1]), v([0, 0]), state, TRAIN);
    const replaced = [
      state.runningMean !== runningMean ? 'state.runningMean' : '',
      state.runningVar !== runningVar ? 'state.runningVar' : '',
    ].filter(Boolean);
    const names = replaced.join(say(' and ', ' 和 '));
    check(replaced.length === 0, () =>
      say(
        `batchnormForward replaced ${names} with a new array. Like PyTorch's buffers, they must be ` +
          'updated in place (state.runningMean[j] = ...): whoever holds the old arrays would never see the update.',
        `batchnormForward 用新数组替换了 ${names}。它们和 PyTorch 的 buffer 一样，必须原地更新` +
          '（state.runningMean[j] = ...）：否则持有旧数组的代码永远看不到这次更新。',
      ),
    );
    check(runningMean[0] !== 0 || runningVar[0] !== 1, () =>
      say('train mode left state.runningMean and state.runningVar at 0 and 1.', '训练模式没有更新 state.runningMean 和 state.runningVar：它们仍是 0 和 1。'),
    );
  });

  test(say('eval mode normalises with the running statistics and leaves them unchanged', '评估模式用滑动统计量归一化，并且不改变它们'), () => {
    const state: State = { runningMean: v([1]), runningVar: v([4]) };
    const { out } = batchnormForward(fromRows([[1], [3]]), v([2]), v([0.5]), state, { mode: 'eval', eps: 0 });
    // x̂ = (x − 1)/√4 = [0, 1], so out = 2·x̂ + 0.5. The batch's own statistics would give x̂ = ±1.
    expectMatrixClose('out', out, [[0.5], [2.5]]);
    const exactly = { tol: { rtol: 0, atol: 0 } };
    expectVectorClose('state.runningMean', state.runningMean, [1], exactly);
    expectVectorClose('state.runningVar', state.runningVar, [4], exactly);
  });

  test(say('momentum defaults to 0.1 and eps to 1e-5', 'momentum 默认为 0.1，eps 默认为 1e-5'), () => {
    const p = randomProblem(5, 3, createRng(11));
    const defaults = copyState(p.state);
    const explicit = copyState(p.state);
    const a = batchnormForward(p.x, p.gamma, p.beta, defaults, { mode: 'train' });
    const b = batchnormForward(p.x, p.gamma, p.beta, explicit, { mode: 'train', momentum: 0.1, eps: 1e-5 });
    expectMatrixClose(say('out with the default options', '默认选项下的 out'), a.out, b.out);
    expectVectorClose(say('state.runningMean with the default momentum', '默认动量下的 state.runningMean'), defaults.runningMean, explicit.runningMean);
    expectVectorClose(say('state.runningVar with the default momentum', '默认动量下的 state.runningVar'), defaults.runningVar, explicit.runningVar);
  });

  test(say('out and dx are N×D, dgamma and dbeta have D entries (N=5, D=3), in both modes', '两种模式下，out 和 dx 都是 N×D，dgamma 和 dbeta 各有 D 个元素（N=5, D=3）'), () => {
    const p = randomProblem(5, 3, createRng(12));
    for (const options of [TRAIN, EVAL]) {
      const r = runBoth(p, options);
      const mode = modeWord(options.mode);
      for (const [name, value] of [['out', r.out], ['dx', r.dx]] as const) {
        check(isMatrix(value) && value.rows === 5 && value.cols === 3, () =>
          say(
            `${name} in ${mode} mode should be a 5×3 Matrix, but it is ${describeValue(value)}.`,
            `${mode}模式下，${name} 应当是 5×3 的 Matrix，但它是 ${describeValue(value)}。`,
          ),
        );
      }
      for (const [name, value] of [['dgamma', r.dgamma], ['dbeta', r.dbeta]] as const) {
        check(value instanceof Float64Array && value.length === 3, () =>
          say(
            `${name} in ${mode} mode should be a Float64Array of D = 3 entries, but it is ${describeValue(value)}.`,
            `${mode}模式下，${name} 应当是含 D = 3 个元素的 Float64Array，但它是 ${describeValue(value)}。`,
          ),
        );
      }
    }
  });

  test(say('x, gamma, beta and dout are not modified, in either mode', '两种模式下都不修改 x、gamma、beta 和 dout'), () => {
    for (const options of [TRAIN, EVAL]) {
      const p = randomProblem(4, 3, createRng(13));
      const before = { x: snapshot(p.x), gamma: snapshot(p.gamma), beta: snapshot(p.beta), dout: snapshot(p.dout) };
      const { cache } = batchnormForward(p.x, p.gamma, p.beta, copyState(p.state), options);
      const mode = modeWord(options.mode);
      const by = say(`batchnormForward in ${mode} mode`, `${mode}模式下的 batchnormForward`);
      expectUnchanged('x', p.x, before.x, by);
      expectUnchanged('gamma', p.gamma, before.gamma, by);
      expectUnchanged('beta', p.beta, before.beta, by);
      batchnormBackward(p.dout, cache);
      expectUnchanged('dout', p.dout, before.dout, say(`batchnormBackward in ${mode} mode`, `${mode}模式下的 batchnormBackward`));
    }
  });

  test(say('shapes that do not fit throw an Error naming both shapes', '形状不匹配时抛出 Error，错误信息写出两个形状'), () => {
    const x = matrix(4, 5);
    const five = () => new Float64Array(5);
    const seven = new Float64Array(7);
    const cases: [string, () => unknown][] = [
      [say('gamma of 7 entries', 'gamma 有 7 个元素'), () => batchnormForward(x, seven, five(), freshState(5), TRAIN)],
      [say('beta of 7 entries', 'beta 有 7 个元素'), () => batchnormForward(x, five(), seven, freshState(5), TRAIN)],
      [say('state.runningMean of 7 entries', 'state.runningMean 有 7 个元素'), () => batchnormForward(x, five(), five(), { runningMean: seven, runningVar: five() }, EVAL)],
      [say('state.runningVar of 7 entries', 'state.runningVar 有 7 个元素'), () => batchnormForward(x, five(), five(), { runningMean: five(), runningVar: seven }, EVAL)],
    ];
    for (const [what, call] of cases) {
      expectThrowsMentioning(say(`batchnormForward with a 4×5 x and ${what}`, `batchnormForward（x 为 4×5，${what}）`), call, ['4×5', '7']);
    }
    const { cache } = batchnormForward(normalMatrix(4, 5, createRng(14)), five().fill(1), five(), freshState(5), TRAIN);
    expectThrowsMentioning(say('batchnormBackward with a 3×5 dout after a 4×5 forward pass', 'batchnormBackward（前向传播的 x 为 4×5，dout 却是 3×5）'), () => batchnormBackward(matrix(3, 5), cache), ['3×5', '4×5']);
  });

  test(say('train mode with a batch of 1 throws (there is no variance to normalise with), eval mode does not', '训练模式下批量为 1 时抛出错误（没有方差可以用来归一化），评估模式下不抛出'), () => {
    const x = fromRows([[0.5, -1, 2]]);
    const params = () => [v([1, 1, 1]), v([0, 0, 0])] as const;
    expectThrowsMentioning(say('batchnormForward on a 1×3 batch in train mode', 'batchnormForward（训练模式，1×3 的批量）'), () => batchnormForward(x, ...params(), freshState(3), TRAIN), ['1×3']);
    const { out } = batchnormForward(x, ...params(), freshState(3), { mode: 'eval', eps: 0 });
    expectMatrixClose(say('out in eval mode for a 1×3 batch (fresh state: mean 0, variance 1)', '评估模式下 1×3 批量的 out（初始状态：均值 0，方差 1）'), out, [[0.5, -1, 2]]);
  });

  test(say('batchnormBackwardAlt (optional): if you wrote it, it gives the same gradients as batchnormBackward', 'batchnormBackwardAlt（可选）：如果你写了它，它给出的梯度与 batchnormBackward 相同'), () => {
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
      const mode = modeWord(options.mode);
      const where = say(`batchnormBackwardAlt in ${mode} mode (N=${n}, D=${d})`, `${mode}模式下（N=${n}, D=${d}）的 batchnormBackwardAlt`);
      try {
        expectMatrixClose(say(`dx from ${where}`, `${where} 给出的 dx`), got.dx, want.dx, tol);
        expectVectorClose(say(`dgamma from ${where}`, `${where} 给出的 dgamma`), got.dgamma, want.dgamma, tol);
        expectVectorClose(say(`dbeta from ${where}`, `${where} 给出的 dbeta`), got.dbeta, want.dbeta, tol);
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
            say(
              `batchnormBackward is wrong in ${mode} mode (N=${n}, D=${d}): it disagrees with finite differences of your ` +
                'forward pass, while your batchnormBackwardAlt agrees with them. Fix batchnormBackward; the closed form is right.',
              `${mode}模式下（N=${n}, D=${d}）batchnormBackward 是错的：它与你的前向传播的有限差分不一致，` +
                '而你的 batchnormBackwardAlt 与之一致。请修正 batchnormBackward，闭式表达式是对的。',
            ),
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

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'train-4x3-defaults': '训练模式，N=4, D=3，默认的 momentum 和 eps，初始状态：输出、滑动统计量和梯度',
  'train-batch-of-two': '训练模式，批量为 2（N=2, D=3）：归一化用 ÷N = 2，更新滑动方差用 ÷(N−1) = 1',
  'train-five-calls-momentum-0.1': '训练模式，连续五个批量（N=6, D=4），默认动量 0.1：五次调用之后的滑动统计量',
  'train-three-calls-momentum-0.3': '训练模式，从非默认状态出发，连续三个批量（N=5, D=2），动量 0.3：running ← 0.7·running + 0.3·batch',
  'train-large-eps': '训练模式，eps = 0.5（N=5, D=3）：eps 在平方根里面，x̂ = (x − μ)/√(σ² + eps)',
  'train-constant-column': '训练模式，有一列是常数（方差为 0）：这一列的 x̂ 为 0，out 为 beta，eps 保证所有结果都是有限值',
  'eval-4x3': '评估模式，N=4, D=3：用滑动统计量归一化，并且不改变它们',
  'eval-after-three-training-batches': '先训练三个批量（N=8, D=4），再用它们留下的滑动统计量，在评估模式下处理一个 5 行的新批量',
  'eval-batch-of-one': '评估模式，批量为 1（N=1, D=3）：允许，因为没有任何量是从批量算出的',
  'eval-large-eps-momentum-0.3': '评估模式，eps = 0.5，动量 0.3（N=3, D=3）：x̂ = (x − 滑动均值)/√(滑动方差 + eps)；评估模式下动量不起作用',
  'train-300x128': '训练模式，批量为 300，128 个特征（MNIST 隐藏层的宽度）：统计量覆盖全部 300 行',
  'train-300-then-partial-17': '先一个 300 行的批量，再一个 17 行的不完整批量（D=128）：两次之后的滑动统计量，以及 17 行那一批的梯度',
  'eval-300-after-training': '先训练两个 300 行的批量，再用它们留下的滑动统计量，在评估模式下处理另外 300 行（D=128）',
  'batchnorm1d-4': '刚构造的 torch.nn.BatchNorm1d(4)：weight、bias、running_mean、running_var',
  'fresh-eval-5x4': '刚构造的 BatchNorm1d(4) 在评估模式下处理 5×4 的批量：还没训练，out = x/√(1 + eps)',
  'fresh-train-then-eval': '刚构造的 BatchNorm1d(3)：先训练一个批量（N=6），再在评估模式下处理 4 行新数据',
  'large-offset-300': '特征值在 1e4 附近、彼此相差约 1e-2（N=300, D=4）：方差不能用 E[x²] − E[x]² 计算',
};

describe('fixtures', () => {
  for (const name of ['train', 'eval']) {
    for (const c of loadFixture<FixtureInput, FixtureExpected>('batchnorm-backward', name).cases) {
      test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
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
        if (!last) fail(say('the fixture has no forward call', '该 fixture 中没有前向传播调用'));
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

interface FreshInput {
  features: number;
  calls: { mode: 'train' | 'eval'; x: number[][] }[];
}

interface FreshExpected {
  gamma: number[];
  beta: number[];
  runningMean: number[];
  runningVar: number[];
  out?: number[][];
}

// A layer made by createBatchNorm against a freshly constructed torch.nn.BatchNorm1d, before
// and after a few forward calls.
describe('fixtures', () => {
  for (const c of loadFixture<FreshInput, FreshExpected>('batchnorm-backward', 'fresh').cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const made = createBatchNorm(c.input.features);
      const layer = made ?? { gamma: undefined, beta: undefined, state: undefined };
      let out: Matrix | undefined;
      for (const call of c.input.calls) out = batchnormForward(m(call.x), layer.gamma, layer.beta, layer.state, { mode: call.mode }).out;
      const what = `createBatchNorm(${c.input.features})`;
      if (out && c.expected.out) expectMatrixClose('out', out, c.expected.out);
      const exactly = { tol: { rtol: 0, atol: 0 } };
      const tol = c.input.calls.length === 0 ? exactly : undefined;
      expectVectorClose(`${what}.gamma`, layer.gamma, c.expected.gamma, tol);
      expectVectorClose(`${what}.beta`, layer.beta, c.expected.beta, tol);
      expectVectorClose(`${what}.state.runningMean`, layer.state?.runningMean, c.expected.runningMean, tol);
      expectVectorClose(`${what}.state.runningVar`, layer.state?.runningVar, c.expected.runningVar, tol);
    });
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
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const state: State = { runningMean: v(c.input.runningMean), runningVar: v(c.input.runningVar) };
      const gamma = patternVector(c.input.gamma.pattern);
      const beta = patternVector(c.input.beta.pattern);
      let last: ReturnType<Impl['batchnormForward']> | undefined;
      for (const call of c.input.calls) last = batchnormForward(patternMatrix(call.x.pattern), gamma, beta, state, { mode: call.mode });
      if (!last) fail(say('the fixture has no forward call', '该 fixture 中没有前向传播调用'));
      const n = c.input.calls[c.input.calls.length - 1].x.pattern.rows ?? 0;
      const columns = say(
        `Each column's statistics come from all ${n} rows of its batch, computed as Σ(x − μ)²/N after μ (two passes), never as E[x²] − E[x]².`,
        `每一列的统计量都来自该批量的全部 ${n} 行：先求 μ，再求 Σ(x − μ)²/N（两遍扫描），不能用 E[x²] − E[x]²。`,
      );
      withHint(columns, () => {
        expectSampledClose('out', last.out, c.expected.out, 'N×D');
        expectVectorClose('state.runningMean', state.runningMean, c.expected.runningMean);
        expectVectorClose('state.runningVar', state.runningVar, c.expected.runningVar);
      });
      const grads = batchnormBackward(patternMatrix(c.input.dout.pattern), last.cache);
      withHint(say(`The sums over the batch in the backward pass run over all ${n} rows.`, `反向传播中对批量的求和要覆盖全部 ${n} 行。`), () => {
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
    [say('train mode, N=4, D=3', '训练模式，N=4, D=3'), 4, 3, TRAIN, 21],
    [say('train mode, a batch of 2 (N=2, D=3)', '训练模式，批量为 2（N=2, D=3）'), 2, 3, TRAIN, 22],
    [say('train mode, N=9, D=2, eps = 0.1', '训练模式，N=9, D=2, eps = 0.1'), 9, 2, { mode: 'train', eps: 0.1 }, 23],
    [say('eval mode, N=5, D=4', '评估模式，N=5, D=4'), 5, 4, EVAL, 24],
    [say('eval mode, a batch of 1 (N=1, D=3)', '评估模式，批量为 1（N=1, D=3）'), 1, 3, EVAL, 25],
  ];
  for (const [label, n, d, options, seed] of cases) {
    test(say(`${label}: dx, dgamma and dbeta match finite differences of your forward pass`, `${label}：dx、dgamma 和 dbeta 与你的前向传播的有限差分一致`), () => {
      const { f, inputs } = gradientInputs(randomProblem(n, d, createRng(seed)), options);
      expectGradientsMatch(label, f, inputs);
    });
  }

  // Each evaluation is one forward pass over 300×8 numbers; ~50 sampled entries of dx (rows 0,
  // 31, 32, 33 and 299 among them) and all of dgamma and dbeta keep it to a few milliseconds.
  test(say('train mode on a batch of 300 (N=300, D=8): sampled entries of dx, and all of dgamma and dbeta, match finite differences', '训练模式，批量为 300（N=300, D=8）：dx 的抽样元素和 dgamma、dbeta 的全部元素都与有限差分一致'), () => {
    const { f, inputs } = gradientInputs(randomProblem(300, 8, createRng(26)), TRAIN);
    inputs[0].entries = sampleEntries(300, 8);
    expectGradientsMatch(say('train mode, N=300, D=8', '训练模式，N=300, D=8'), f, inputs);
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
const describeProblem = ({ n, d, seed }: ProblemSpec): string => say(`a random N=${n}, D=${d} batch (seed ${seed})`, `随机的 N=${n}, D=${d} 批量（种子 ${seed}）`);
const build = ({ n, d, seed }: ProblemSpec): Problem => randomProblem(n, d, createRng(seed));

function column(a: Matrix, j: number): number[] {
  return Array.from({ length: a.rows }, (_, i) => a.data[i * a.cols + j]);
}
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

describe('properties', () => {
  test(say('train mode: every column of dx sums to zero over the batch', '训练模式：dx 的每一列对批量求和都为零'), () => {
    expectProperty('Σₙ dx[n][j] = 0', problems, (spec) => {
      const { dx } = runBoth(build(spec), TRAIN);
      for (let j = 0; j < spec.d; j++) {
        const col = column(dx, j);
        const total = sum(col);
        // Exactly 0 on paper; float64 sums of a few terms of size ~Σ|dx| leave ~1e-15 of it.
        const scale = sum(col.map(Math.abs));
        check(Math.abs(total) <= 1e-9 * (1 + scale), () =>
          say(
            `column ${j} of dx sums to ${fmt(total)}. Shifting every x[n][${j}] by the same amount changes nothing ` +
              '(the mean absorbs it), so the total gradient along that shift must be 0.',
            `dx 第 ${j} 列之和为 ${fmt(total)}。把所有 x[n][${j}] 平移同一个量不会改变任何输出` +
              '（均值把它吸收了），所以沿这个平移方向的梯度之和必须为 0。',
          ),
        );
      }
    }, 100, describeProblem);
  });

  test(say('train mode: adding a constant to every row of dout leaves dx unchanged', '训练模式：给 dout 的每一行加上同一个常数，dx 不变'), () => {
    expectProperty('dx(dout + c) = dx(dout)', problems, (spec) => {
      const p = build(spec);
      const shift = normalVector(spec.d, createRng(spec.seed + 1), 0, 3);
      const shifted = matrix(spec.n, spec.d, p.dout.data.map((g, k) => g + shift[k % spec.d]));
      const before = runBoth(p, TRAIN).dx;
      const after = runBoth({ ...p, dout: shifted }, TRAIN).dx;
      for (let k = 0; k < before.data.length; k++) {
        check(Math.abs(after.data[k] - before.data[k]) <= 1e-9 * (1 + Math.abs(before.data[k])), () =>
          say(
            `adding c = [${Array.from(shift, fmt).join(', ')}] to every row of dout changed dx[${Math.floor(k / spec.d)}][${k % spec.d}] ` +
              `from ${fmt(before.data[k])} to ${fmt(after.data[k])}. out's columns have a fixed mean β, so an upstream ` +
              'gradient that pushes every row the same way cannot move x.',
            `给 dout 的每一行加上 c = [${Array.from(shift, fmt).join(', ')}] 后，dx[${Math.floor(k / spec.d)}][${k % spec.d}] ` +
              `从 ${fmt(before.data[k])} 变成了 ${fmt(after.data[k])}。out 每一列的均值固定为 β，` +
              '所以把每一行往同一方向推的上游梯度不可能改变 x。',
          ),
        );
      }
    }, 100, describeProblem);
  });

  test(say('dgamma and dbeta match finite differences for random shapes, in both modes', '两种模式下，随机形状的 dgamma 和 dbeta 都与有限差分一致'), () => {
    const withMode = fc.record({ spec: problems, mode: fc.constantFrom<'train' | 'eval'>('train', 'eval') });
    expectProperty(say('dgamma, dbeta = numeric gradients', 'dgamma, dbeta = 数值梯度'), withMode, ({ spec, mode }) => {
      const { f, inputs } = gradientInputs(build(spec), { mode });
      const result = gradcheck(f, inputs.slice(1));
      if (!result.passed && result.worst) {
        const w = result.worst;
        fail(say(`${w.name}${w.index} is ${fmt(w.analytic)}, but finite differences give ${fmt(w.numeric)}.`, `${w.name}${w.index} 为 ${fmt(w.analytic)}，但有限差分给出 ${fmt(w.numeric)}。`));
      }
    }, 100, ({ spec, mode }) => say(`${describeProblem(spec)} in ${modeWord(mode)} mode`, `${describeProblem(spec)}，${modeWord(mode)}模式`));
  });

  test(say('large batches (N from 33 to 300), train mode: dx sums to zero over the batch and dgamma, dbeta are sums over all N rows', '大批量（N 从 33 到 300），训练模式：dx 对批量求和为零，dgamma、dbeta 是对全部 N 行的求和'), () => {
    const large = fc.record({ n: fc.integer({ min: 33, max: 300 }), d: fc.integer({ min: 1, max: 16 }), seed: fc.integer({ min: 1, max: 1_000_000 }) });
    expectProperty(say('the batch sums at N > 32', 'N > 32 时对批量的求和'), large, (spec) => {
      const p = build(spec);
      const { dx, dgamma, dbeta } = runBoth(p, TRAIN);
      check(isMatrix(dx) && dx.rows === spec.n && dx.cols === spec.d, () =>
        say(`dx should be ${spec.n}×${spec.d}, but it is ${describeValue(dx)}.`, `dx 应当是 ${spec.n}×${spec.d}，但它是 ${describeValue(dx)}。`),
      );
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
          say(
            `dbeta[${j}] is ${fmt(dbeta[j])}, but the sum of column ${j} of dout over all ${spec.n} rows is ${fmt(wantBeta)}.`,
            `dbeta[${j}] 为 ${fmt(dbeta[j])}，但 dout 第 ${j} 列在全部 ${spec.n} 行上的和为 ${fmt(wantBeta)}。`,
          ),
        );
        check(Math.abs(dgamma[j] - wantGamma) <= 1e-9 * scale, () =>
          say(
            `dgamma[${j}] is ${fmt(dgamma[j])}, but Σₙ dout[n][${j}]·x̂[n][${j}] over all ${spec.n} rows is ${fmt(wantGamma)}.`,
            `dgamma[${j}] 为 ${fmt(dgamma[j])}，但在全部 ${spec.n} 行上 Σₙ dout[n][${j}]·x̂[n][${j}] 为 ${fmt(wantGamma)}。`,
          ),
        );
        const total = sum(column(dx, j));
        check(Math.abs(total) <= 1e-9 * (1 + sum(column(dx, j).map(Math.abs))), () =>
          say(
            `column ${j} of dx sums to ${fmt(total)} over the ${spec.n} rows; shifting a whole column of x changes nothing, so it must sum to 0.`,
            `dx 第 ${j} 列在 ${spec.n} 行上的和为 ${fmt(total)}；把 x 的一整列平移不会改变任何输出，所以这个和必须为 0。`,
          ),
        );
      }
    }, 15, describeProblem);
  });

  test(say('train mode: each column of out has mean β and standard deviation |γ|·√(σ²/(σ² + eps))', '训练模式：out 每一列的均值为 β，标准差为 |γ|·√(σ²/(σ² + eps))'), () => {
    expectProperty('mean(out) = β, std(out) = |γ|·√(σ²/(σ² + eps))', problems, (spec) => {
      const p = build(spec);
      const { out } = batchnormForward(p.x, p.gamma, p.beta, copyState(p.state), TRAIN);
      check(isMatrix(out) && out.rows === spec.n && out.cols === spec.d, () =>
        say(`out should be ${spec.n}×${spec.d}, but it is ${describeValue(out)}.`, `out 应当是 ${spec.n}×${spec.d}，但它是 ${describeValue(out)}。`),
      );
      for (let j = 0; j < spec.d; j++) {
        const xs = column(p.x, j);
        const ys = column(out, j);
        const mu = sum(xs) / spec.n;
        const variance = sum(xs.map((x) => (x - mu) ** 2)) / spec.n; // biased: ÷N
        const mean = sum(ys) / spec.n;
        const std = Math.sqrt(sum(ys.map((y) => (y - mean) ** 2)) / spec.n);
        const wantStd = Math.abs(p.gamma[j]) * Math.sqrt(variance / (variance + 1e-5));
        check(Math.abs(mean - p.beta[j]) <= 1e-9 * (1 + Math.abs(p.beta[j]) + Math.abs(p.gamma[j])), () =>
          say(
            `column ${j} of out has mean ${fmt(mean)}, but β[${j}] = ${fmt(p.beta[j])}: x̂ must have mean 0 in every column.`,
            `out 第 ${j} 列的均值为 ${fmt(mean)}，但 β[${j}] = ${fmt(p.beta[j])}：x̂ 每一列的均值必须为 0。`,
          ),
        );
        check(Math.abs(std - wantStd) <= 1e-9 * (1 + wantStd), () =>
          say(
            `column ${j} of out has standard deviation ${fmt(std)} (÷N), but |γ[${j}]|·√(σ²/(σ² + eps)) = ${fmt(wantStd)} ` +
              `with the batch's biased variance σ² = ${fmt(variance)}.`,
            `out 第 ${j} 列的标准差为 ${fmt(std)}（÷N），但用该批量的有偏方差 σ² = ${fmt(variance)} ` +
              `算出的 |γ[${j}]|·√(σ²/(σ² + eps)) = ${fmt(wantStd)}。`,
          ),
        );
      }
    }, 100, describeProblem);
  });
});

