/**
 * Spec for the lr-schedules kata. Run it with `npm run grade -- lr-schedules`; the grader
 * decides which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import {
  check,
  describeValue,
  expectProperty,
  fail,
  fmt,
  fmtPair,
  isNotImplemented,
  loadFixture,
  loadTarget,
  say,
  type Tolerance,
  describe,
  test,
} from '../../grader/harness/index.ts';
import { localize } from '../../grader/i18n/language.ts';

type Impl = typeof import('./schedules.ts');
const impl = await loadTarget<Impl>();
const { stepLR, exponentialLR, cosineAnnealingLR, warmupCosine } = impl;

type Name = 'stepLR' | 'exponentialLR' | 'cosineAnnealingLR' | 'warmupCosine';
type AnyOptions = Record<string, number>;
const call = (name: Name, t: number, options: AnyOptions): unknown => (impl[name] as unknown as (t: number, o: AnyOptions) => unknown)(t, options);

/**
 * A schedule is a few float64 operations (a power, a cosine), so PyTorch and a correct
 * TypeScript version agree to a few ulps; every catalogued mistake is off by more than 1e-3.
 */
const CLOSE: Tolerance = { rtol: 1e-12, atol: 1e-15 };
const isClose = (got: number, want: number, tol: Tolerance = CLOSE): boolean => Math.abs(got - want) <= tol.atol + tol.rtol * Math.abs(want);

/** `{ lr: 0.1, stepSize: 3 }`, as the messages write options. */
const written = (options: object): string =>
  `{ ${Object.entries(options)
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(', ')} }`;

/** `stepLR(3, { lr: 0.1, stepSize: 3 })`. */
const callText = (name: Name, t: number, options: object): string => `${name}(${t}, ${written(options)})`;

/** The result must be a finite number; returns it. */
function expectNumber(text: string, got: unknown): number {
  if (typeof got !== 'number') {
    fail(say(`${text} should return a number (the learning rate), but it returned ${describeValue(got)}.`, `${text} 应当返回一个数（学习率），但它返回了 ${describeValue(got)}。`));
  }
  check(Number.isFinite(got), () => say(`${text} is ${fmt(got)}; a learning rate is a finite number.`, `${text} 是 ${fmt(got)}；学习率应当是有限的数。`));
  return got;
}

/**
 * One learning rate against its value: `why` says how the value is computed, `diagnose` (given
 * what came out) may add the likely cause.
 */
function expectLr(name: Name, t: number, options: AnyOptions, want: number, why: string, diagnose?: (got: number) => string): void {
  const text = callText(name, t, options);
  const got = expectNumber(text, call(name, t, options));
  if (isClose(got, want)) return;
  const [w, g] = fmtPair(want, got);
  fail(say(`${text} should be ${w} (${why}), but it is ${g}.`, `${text} 应当是 ${w}（${why}），但它是 ${g}。`) + (diagnose?.(got) ?? ''));
}

/**
 * Every listed epoch (or step) of one schedule against its expected learning rates; reports the
 * first epoch that differs and how many do.
 */
function expectRun(name: Name, options: AnyOptions, ts: readonly number[], want: readonly number[], source: string): void {
  const got = ts.map((t) => expectNumber(callText(name, t, options), call(name, t, options)));
  const bad = ts.map((_, i) => i).filter((i) => !isClose(got[i], want[i]));
  if (bad.length === 0) return;
  const i = bad[0];
  const [w, g] = fmtPair(want[i], got[i]);
  const unit = name === 'warmupCosine' ? say('step', '步') : say('epoch', '轮');
  fail(
    say(
      `${callText(name, ts[i], options)} should be ${w} (${source}), but it is ${g}; ${bad.length} of the ${ts.length} ${unit}s checked differ, the first at ${unit} ${ts[i]}.`,
      `${callText(name, ts[i], options)} 应当是 ${w}（${source}），但它是 ${g}；检查的 ${ts.length} ${unit}中有 ${bad.length} ${unit}不对，最早的是第 ${ts[i]} ${unit}。`,
    ),
  );
}

/** `f` must throw an Error whose message contains every one of `mentions` (the argument's name, its value). */
function expectRejects(text: string, f: () => unknown, mentions: string[], why: string): void {
  let thrown: unknown;
  let returned: unknown;
  try {
    returned = f();
  } catch (error) {
    if (isNotImplemented(error)) throw error;
    thrown = error;
  }
  const names = mentions.map((m) => `"${m}"`).join(', ');
  if (thrown === undefined) {
    fail(say(
      `${text} should throw an Error (${why}), but it returned ${describeValue(returned)}.`,
      `${text} 应当抛出 Error（${why}），但它返回了 ${describeValue(returned)}。`,
    ));
  }
  if (!(thrown instanceof Error)) fail(say(`${text} should throw an Error, but it threw ${describeValue(thrown)}.`, `${text} 应当抛出 Error，但它抛出的是 ${describeValue(thrown)}。`));
  const missing = mentions.filter((m) => !thrown.message.includes(m));
  check(missing.length === 0, () =>
    say(
      `${text} threw "${thrown.message}", but the message should name the argument and its value: ${names}.`,
      `${text} 抛出了 "${thrown.message}"，但消息应当写出参数名和它的值：${names}。`,
    ),
  );
}

const cos = (x: number): number => Math.cos(x);

describe('spec', () => {
  test(say(
    'stepLR: the lr is multiplied by gamma at epochs stepSize, 2·stepSize, … and stays flat in between',
    'stepLR：学习率在第 stepSize、2·stepSize、…… 轮乘以 gamma，其间保持不变',
  ), () => {
    const options = { lr: 0.1, stepSize: 3, gamma: 0.5 };
    const want = [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025];
    want.forEach((lr, epoch) =>
      expectLr('stepLR', epoch, options, lr, `0.1·0.5^⌊${epoch}/3⌋`, (got) => {
        if (isClose(got, 0.1 * 0.5 ** (epoch / 3))) {
          return say(
            ' That is gamma^(epoch/stepSize), a smooth decay: StepLR counts whole steps, ⌊epoch/stepSize⌋.',
            '这是 gamma^(epoch/stepSize)，一条平滑的衰减曲线：StepLR 数的是完整的阶梯数 ⌊epoch/stepSize⌋。',
          );
        }
        if (isClose(got, 0.1 * 0.5 ** Math.floor((epoch + 1) / 3))) {
          return say(
            ' The drop came one epoch early: epochs count from 0, so epochs 0, 1 and 2 train at lr and the first drop is at epoch 3 = stepSize.',
            '衰减早了一轮：轮数从 0 开始数，第 0、1、2 轮都用 lr，第一次衰减在第 3 轮，即 stepSize。',
          );
        }
        return '';
      }),
    );
  });

  test(say('stepLR: gamma defaults to 0.1, as in PyTorch', 'stepLR：gamma 默认为 0.1，与 PyTorch 相同'), () => {
    expectLr('stepLR', 1, { lr: 1, stepSize: 2 }, 1, say('no drop before epoch 2', '第 2 轮之前不衰减'));
    expectLr('stepLR', 2, { lr: 1, stepSize: 2 }, 0.1, say('one drop by the default gamma 0.1', '按默认的 gamma 0.1 衰减一次'));
    expectLr('stepLR', 5, { lr: 1, stepSize: 2 }, 0.01, say('two drops by 0.1', '衰减两次，每次乘 0.1'));
  });

  test(say('exponentialLR: lr·gamma^epoch, so epoch 0 trains at lr itself', 'exponentialLR：lr·gamma^epoch，所以第 0 轮用的就是 lr 本身'), () => {
    const options = { lr: 2, gamma: 0.5 };
    [2, 1, 0.5, 0.25].forEach((lr, epoch) =>
      expectLr('exponentialLR', epoch, options, lr, `2·0.5^${epoch}`, (got) =>
        isClose(got, 2 * 0.5 ** (epoch + 1))
          ? say(
              ' That is gamma^(epoch + 1): epochs count from 0, and the first epoch trains at the initial lr.',
              '这是 gamma^(epoch + 1)：轮数从 0 开始数，第一轮用的是初始的 lr。',
            )
          : '',
      ),
    );
  });

  test(say(
    'cosineAnnealingLR: lr at epoch 0, (lr + etaMin)/2 at tMax/2, etaMin at tMax',
    'cosineAnnealingLR：第 0 轮为 lr，第 tMax/2 轮为 (lr + etaMin)/2，第 tMax 轮为 etaMin',
  ), () => {
    const options = { lr: 1, tMax: 4, etaMin: 0.2 };
    const diagnose = (epoch: number) => (got: number): string => {
      if (isClose(got, (1 + cos((Math.PI * epoch) / 4)) / 2)) {
        return say(
          ' That is lr·(1 + cos(π·epoch/tMax))/2: the cosine must run between etaMin and lr, etaMin + (lr − etaMin)·(1 + cos)/2.',
          '这是 lr·(1 + cos(π·epoch/tMax))/2：余弦应当在 etaMin 和 lr 之间变化，即 etaMin + (lr − etaMin)·(1 + cos)/2。',
        );
      }
      if (isClose(got, 0.2 + (0.8 * (1 + cos((Math.PI * epoch) / 3))) / 2)) {
        return say(
          ' That is π·epoch/(tMax − 1): the cosine reaches etaMin at epoch tMax, not at tMax − 1.',
          '这是 π·epoch/(tMax − 1)：余弦在第 tMax 轮才降到 etaMin，而不是第 tMax − 1 轮。',
        );
      }
      return '';
    };
    expectLr('cosineAnnealingLR', 0, options, 1, say('cos 0 = 1: the top, lr', 'cos 0 = 1：最高点 lr'), diagnose(0));
    expectLr('cosineAnnealingLR', 1, options, 0.2 + 0.4 * (1 + Math.SQRT1_2), '0.2 + 0.8·(1 + cos(π/4))/2', diagnose(1));
    expectLr('cosineAnnealingLR', 2, options, 0.6, say('cos(π/2) = 0: halfway between lr and etaMin', 'cos(π/2) = 0：lr 与 etaMin 的正中间'), diagnose(2));
    expectLr('cosineAnnealingLR', 3, options, 0.2 + 0.4 * (1 - Math.SQRT1_2), '0.2 + 0.8·(1 + cos(3π/4))/2', diagnose(3));
    expectLr('cosineAnnealingLR', 4, options, 0.2, say('cos π = −1: the floor etaMin', 'cos π = −1：下限 etaMin'), diagnose(4));
  });

  test(say('cosineAnnealingLR: etaMin defaults to 0', 'cosineAnnealingLR：etaMin 默认为 0'), () => {
    expectLr('cosineAnnealingLR', 2, { lr: 1, tMax: 4 }, 0.5, say('halfway between 1 and 0', '1 与 0 的正中间'));
    expectLr('cosineAnnealingLR', 4, { lr: 1, tMax: 4 }, 0, say('the default floor 0 at tMax', '第 tMax 轮降到默认的下限 0'));
  });

  test(say(
    'cosineAnnealingLR: beyond tMax the formula goes on, back up to lr at 2·tMax',
    'cosineAnnealingLR：超过 tMax 后公式照常计算，到第 2·tMax 轮回到 lr',
  ), () => {
    const options = { lr: 1, tMax: 4, etaMin: 0.2 };
    const clamped = (got: number): string =>
      isClose(got, 0.2)
        ? say(
            ' That is etaMin: the epoch was clamped at tMax. PyTorch\'s closed form has no clamp; the cosine climbs back towards lr.',
            '这是 etaMin：轮数被截断在了 tMax。PyTorch 的闭式公式没有截断，余弦会重新升回 lr。',
          )
        : '';
    expectLr('cosineAnnealingLR', 5, options, 0.2 + 0.4 * (1 - Math.SQRT1_2), 'cos(5π/4) = cos(3π/4)', clamped);
    expectLr('cosineAnnealingLR', 6, options, 0.6, say('cos(3π/2) = 0: halfway again', 'cos(3π/2) = 0：又到了正中间'), clamped);
    expectLr('cosineAnnealingLR', 8, options, 1, say('cos 2π = 1: lr again', 'cos 2π = 1：又回到 lr'), clamped);
  });

  test(say(
    'warmupCosine: step 0 trains at 0, then lr·step/warmupSteps, up to lr at step warmupSteps',
    'warmupCosine：第 0 步的学习率为 0，之后为 lr·step/warmupSteps，到第 warmupSteps 步达到 lr',
  ), () => {
    const options = { lr: 0.8, warmupSteps: 4, totalSteps: 12 };
    [0, 0.2, 0.4, 0.6, 0.8].forEach((lr, step) =>
      expectLr('warmupCosine', step, options, lr, step < 4 ? `0.8·${step}/4` : say('the peak, lr', '峰值 lr'), (got) =>
        step < 4 && isClose(got, (0.8 * (step + 1)) / 4)
          ? say(
              ' That is lr·(step + 1)/warmupSteps: the warmup is one step ahead. In Hugging Face\'s convention step 0 trains at 0 and lr is reached at step warmupSteps.',
              '这是 lr·(step + 1)/warmupSteps：预热提前了一步。按 Hugging Face 的约定，第 0 步的学习率为 0，到第 warmupSteps 步才达到 lr。',
            )
          : '',
      ),
    );
  });

  test(say(
    'warmupCosine: after the warmup, a cosine from lr at warmupSteps down to minLr at totalSteps',
    'warmupCosine：预热之后，余弦从第 warmupSteps 步的 lr 降到第 totalSteps 步的 minLr',
  ), () => {
    const options = { lr: 0.8, warmupSteps: 4, totalSteps: 12, minLr: 0.1 };
    const wholeRun = (step: number) => (got: number): string =>
      isClose(got, 0.1 + (0.7 * (1 + cos((Math.PI * step) / 12))) / 2)
        ? say(
            ' That is progress = step/totalSteps: the cosine must start at the end of the warmup, progress = (step − warmupSteps)/(totalSteps − warmupSteps).',
            '这是 progress = step/totalSteps：余弦应当从预热结束时开始，progress = (step − warmupSteps)/(totalSteps − warmupSteps)。',
          )
        : '';
    expectLr('warmupCosine', 4, options, 0.8, say('progress 0: the peak lr', 'progress 为 0：峰值 lr'), wholeRun(4));
    expectLr('warmupCosine', 6, options, 0.1 + 0.35 * (1 + Math.SQRT1_2), say('progress 1/4: 0.1 + 0.7·(1 + cos(π/4))/2', 'progress 为 1/4：0.1 + 0.7·(1 + cos(π/4))/2'), wholeRun(6));
    expectLr('warmupCosine', 8, options, 0.45, say('progress ½: halfway between lr and minLr', 'progress 为 ½：lr 与 minLr 的正中间'), wholeRun(8));
    expectLr('warmupCosine', 12, options, 0.1, say('progress 1: the floor minLr', 'progress 为 1：下限 minLr'), wholeRun(12));
    expectLr('warmupCosine', 12, { lr: 0.8, warmupSteps: 4, totalSteps: 12 }, 0, say('minLr left out: 0', '省略 minLr 时为 0'));
  });

  test(say(
    'warmupCosine: with totalSteps = warmupSteps the warmup ends at lr on the last step; with warmupSteps 0 step 0 is at lr',
    'warmupCosine：totalSteps = warmupSteps 时，预热在最后一步达到 lr；warmupSteps 为 0 时，第 0 步就是 lr',
  ), () => {
    const equal = { lr: 0.5, warmupSteps: 5, totalSteps: 5 };
    expectLr('warmupCosine', 4, equal, 0.4, '0.5·4/5');
    expectLr('warmupCosine', 5, equal, 0.5, say('progress 0/max(1, 0) = 0: the peak', 'progress = 0/max(1, 0) = 0：峰值'));
    const none = { lr: 0.5, warmupSteps: 0, totalSteps: 4, minLr: 0.1 };
    expectLr('warmupCosine', 0, none, 0.5, say('no warmup: the cosine starts at lr', '没有预热：余弦从 lr 开始'));
    expectLr('warmupCosine', 4, none, 0.1, say('the floor minLr at totalSteps', '第 totalSteps 步为下限 minLr'));
  });

  test(say(
    'pure functions: the same arguments give the same lr in any order, and the options are not modified',
    '纯函数：同样的参数以任何顺序调用都得到同样的学习率，且不修改 options',
  ), () => {
    const runs: [Name, AnyOptions, number][] = [
      ['stepLR', { lr: 0.1, stepSize: 2 }, 7],
      ['exponentialLR', { lr: 0.1, gamma: 0.8 }, 7],
      ['cosineAnnealingLR', { lr: 0.1, tMax: 6 }, 7],
      ['warmupCosine', { lr: 0.1, warmupSteps: 2, totalSteps: 6 }, 7],
    ];
    for (const [name, options, count] of runs) {
      const before = written(options);
      const forward = Array.from({ length: count }, (_, t) => expectNumber(callText(name, t, options), call(name, t, options)));
      const backward = Array.from({ length: count }, (_, k) => count - 1 - k).map((t) => call(name, t, options));
      for (let t = 0; t < count; t++) {
        const again = backward[count - 1 - t];
        check(Object.is(forward[t], again), () =>
          say(
            `${callText(name, t, options)} gave ${fmt(forward[t])} when epochs 0 to ${count - 1} were asked in order, and ${describeValue(again)} when they were asked backwards. ` +
              'A schedule is a function of its arguments only: keep no state between calls.',
            `按顺序询问第 0 到 ${count - 1} 轮时，${callText(name, t, options)} 给出 ${fmt(forward[t])}；倒序询问时给出 ${describeValue(again)}。` +
              '学习率调度只是参数的函数：不要在两次调用之间保留任何状态。',
          ),
        );
      }
      check(written(options) === before, () =>
        say(
          `${name} modified its options: ${before} became ${written(options)}. Read the defaults into local variables instead.`,
          `${name} 修改了它的 options：${before} 变成了 ${written(options)}。应当把默认值读进局部变量。`,
        ),
      );
    }
  });

  test(say(
    'stepLR rejects stepSize < 1 and an epoch that is negative, fractional or NaN, naming the argument and its value',
    'stepLR 拒绝 stepSize < 1，以及为负数、小数或 NaN 的 epoch，并在报错中写出参数名和它的值',
  ), () => {
    const ok = { lr: 0.1, stepSize: 3 };
    expectRejects(callText('stepLR', 4, { lr: 0.1, stepSize: 0 }), () => stepLR(4, { lr: 0.1, stepSize: 0 }), ['stepSize', '0'], say('stepSize < 1: ⌊epoch/0⌋ is Infinity', 'stepSize < 1：⌊epoch/0⌋ 是 Infinity'));
    expectRejects(callText('stepLR', 4, { lr: 0.1, stepSize: 0.5 }), () => stepLR(4, { lr: 0.1, stepSize: 0.5 }), ['stepSize', '0.5'], 'stepSize < 1');
    expectRejects(callText('stepLR', 4, { lr: 0.1, stepSize: -3 }), () => stepLR(4, { lr: 0.1, stepSize: -3 }), ['stepSize', '-3'], 'stepSize < 1');
    expectRejects(callText('stepLR', -1, ok), () => stepLR(-1, ok), ['epoch', '-1'], say('epochs count from 0', '轮数从 0 开始'));
    expectRejects(callText('stepLR', 2.5, ok), () => stepLR(2.5, ok), ['epoch', '2.5'], say('an epoch is a whole number', '轮数是整数'));
    expectRejects(callText('stepLR', NaN, ok), () => stepLR(NaN, ok), ['epoch', 'NaN'], say('NaN is not an epoch', 'NaN 不是轮数'));
  });

  test(say(
    'exponentialLR rejects an epoch that is negative, fractional or NaN, naming it and its value',
    'exponentialLR 拒绝为负数、小数或 NaN 的 epoch，并在报错中写出参数名和它的值',
  ), () => {
    const ok = { lr: 0.1, gamma: 0.9 };
    expectRejects(callText('exponentialLR', -2, ok), () => exponentialLR(-2, ok), ['epoch', '-2'], say('epochs count from 0', '轮数从 0 开始'));
    expectRejects(callText('exponentialLR', 1.5, ok), () => exponentialLR(1.5, ok), ['epoch', '1.5'], say('an epoch is a whole number', '轮数是整数'));
    expectRejects(callText('exponentialLR', NaN, ok), () => exponentialLR(NaN, ok), ['epoch', 'NaN'], say('NaN is not an epoch', 'NaN 不是轮数'));
  });

  test(say(
    'cosineAnnealingLR rejects tMax ≤ 0 and an epoch that is negative, fractional or NaN, naming the argument and its value',
    'cosineAnnealingLR 拒绝 tMax ≤ 0，以及为负数、小数或 NaN 的 epoch，并在报错中写出参数名和它的值',
  ), () => {
    const ok = { lr: 0.1, tMax: 10 };
    expectRejects(callText('cosineAnnealingLR', 3, { lr: 0.1, tMax: 0 }), () => cosineAnnealingLR(3, { lr: 0.1, tMax: 0 }), ['tMax', '0'], say('tMax ≤ 0: π·epoch/0', 'tMax ≤ 0：π·epoch/0'));
    expectRejects(callText('cosineAnnealingLR', 3, { lr: 0.1, tMax: -5 }), () => cosineAnnealingLR(3, { lr: 0.1, tMax: -5 }), ['tMax', '-5'], 'tMax ≤ 0');
    expectRejects(callText('cosineAnnealingLR', -1, ok), () => cosineAnnealingLR(-1, ok), ['epoch', '-1'], say('epochs count from 0', '轮数从 0 开始'));
    expectRejects(callText('cosineAnnealingLR', 0.5, ok), () => cosineAnnealingLR(0.5, ok), ['epoch', '0.5'], say('an epoch is a whole number', '轮数是整数'));
    expectRejects(callText('cosineAnnealingLR', NaN, ok), () => cosineAnnealingLR(NaN, ok), ['epoch', 'NaN'], say('NaN is not an epoch', 'NaN 不是轮数'));
  });

  test(say(
    'warmupCosine rejects warmupSteps > totalSteps and a step that is negative, beyond totalSteps, fractional or NaN, naming the arguments and their values',
    'warmupCosine 拒绝 warmupSteps > totalSteps，以及为负数、超过 totalSteps、小数或 NaN 的 step，并在报错中写出参数名和它们的值',
  ), () => {
    const ok = { lr: 0.1, warmupSteps: 4, totalSteps: 12 };
    const tooLong = { lr: 0.1, warmupSteps: 20, totalSteps: 10 };
    expectRejects(callText('warmupCosine', 3, tooLong), () => warmupCosine(3, tooLong), ['warmupSteps', '20', '10'], say('a warmup longer than the run', '预热比整个训练还长'));
    expectRejects(callText('warmupCosine', -1, ok), () => warmupCosine(-1, ok), ['step', '-1'], say('steps count from 0', '步数从 0 开始'));
    expectRejects(callText('warmupCosine', 13, ok), () => warmupCosine(13, ok), ['step', '13', '12'], say('a step beyond totalSteps', '步数超过了 totalSteps'));
    expectRejects(callText('warmupCosine', 2.5, ok), () => warmupCosine(2.5, ok), ['step', '2.5'], say('a step is a whole number', '步数是整数'));
    expectRejects(callText('warmupCosine', NaN, ok), () => warmupCosine(NaN, ok), ['step', 'NaN'], say('NaN is not a step', 'NaN 不是步数'));
  });
});

/** The fixture cases' reasons in Chinese, by case id (English keeps the fixture's own description). */
const FIXTURE_REASONS_ZH: Record<string, string> = {
  'step-3-half': '学习率恰好在第 3、6、9 轮减半，之前不变（⌊e/3⌋）',
  'step-default-gamma': '省略 gamma：PyTorch 的默认值 0.1',
  'step-size-one': 'stepSize 为 1 时每轮都衰减，与 exponentialLR 相同',
  'step-30-resnet': 'ImageNet 上 ResNet 的经典设置：在第 30、60、90 轮除以 10',
  'step-7-growth': 'gamma 大于 1 也允许：学习率每个阶梯都变大',
  'exp-0.9': 'lr·0.9^epoch，第 0 轮就是 lr 本身',
  'exp-half-long': '连续 40 轮减半：最后是 2^-40',
  'exp-gamma-one': 'gamma 为 1 时学习率保持不变',
  'exp-0.99-hundred': '100 轮内的缓慢衰减',
  'cos-10-floor': '恰好在第 10 轮降到 etaMin，之后余弦照常计算，第 20 轮回到 lr 后再次下降',
  'cos-default-floor': '省略 etaMin：为 0，在第 4 轮达到',
  'cos-tmax-one': 'tMax 为 1：lr、etaMin、lr、etaMin……（每轮走半个周期）',
  'cos-50-mnist': '50 轮的训练，带一个很小的下限，在中间和结尾附近抽样检查',
  'cos-floor-above-lr': 'etaMin 大于 lr 也允许：这时余弦是上升的',
  'warm-10-100': '第 0 步为 0，第 9 步为 0.9·lr，第 10 步为 lr，第 100 步为 0',
  'warm-min-lr': '带下限：衰减在第 12 步结束于 minLr 0.01',
  'warm-equal': 'totalSteps = warmupSteps：预热在最后一步达到 lr（progress 除以 max(1, 0)）',
  'warm-none': 'warmupSteps 为 0：没有预热，余弦在第 0 步从 lr 开始',
  'warm-one': 'warmupSteps 为 1：第 0 步为 0，第 1 步为 lr',
  'warm-short-decay': 'totalSteps − warmupSteps = 1：第 3 步为 lr，第 4 步为 minLr',
  'warm-llm': '大语言模型式的训练：100000 步中预热 2000 步，minLr = lr/10',
};

interface RunCase {
  id: string;
  description: string;
  input: { options: AnyOptions; epochs?: number[]; steps?: number[] };
  expected: { lr: number[] };
}

/** A fixture case's name in the learner's language: the options as code, then why the case is there. */
const caseName = (c: RunCase): string => {
  const options = Object.entries(c.input.options)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const zh = FIXTURE_REASONS_ZH[c.id];
  return localize({ en: c.description, 'zh-CN': zh ? `${options.replaceAll(', ', '、')}：${zh}` : c.description });
};

describe('fixtures', () => {
  const files: [string, Name, string][] = [
    ['step', 'stepLR', say("PyTorch's StepLR", 'PyTorch 的 StepLR')],
    ['exponential', 'exponentialLR', say("PyTorch's ExponentialLR", 'PyTorch 的 ExponentialLR')],
    ['cosine', 'cosineAnnealingLR', say("PyTorch's CosineAnnealingLR", 'PyTorch 的 CosineAnnealingLR')],
    ['warmup-cosine', 'warmupCosine', say("Hugging Face's cosine schedule with warmup", 'Hugging Face 带预热的余弦调度')],
  ];
  for (const [file, name, source] of files) {
    const fixture = loadFixture<RunCase['input'], RunCase['expected']>('lr-schedules', file);
    for (const c of fixture.cases) {
      test(caseName(c), () => {
        expectRun(name, c.input.options, c.input.epochs ?? c.input.steps ?? [], c.expected.lr, source);
      });
    }
  }
});

describe('properties', () => {
  const lr = fc.double({ min: 1e-6, max: 10, noNaN: true });
  const gammaAtMostOne = fc.double({ min: 0.01, max: 1, noNaN: true });
  /** A cosine's options: tMax a whole number of epochs, etaMin in [0, lr). */
  const cosineOptions = fc
    .record({ lr, tMax: fc.integer({ min: 1, max: 300 }), floor: fc.double({ min: 0, max: 0.99, noNaN: true }) })
    .map(({ lr: top, tMax, floor }) => ({ lr: top, tMax, etaMin: top * floor }));
  /** A warmup-cosine run: 1 ≤ warmupSteps < totalSteps, minLr in [0, lr). */
  const warmupOptions = fc
    .record({ lr, warmupSteps: fc.integer({ min: 1, max: 500 }), decay: fc.integer({ min: 1, max: 5000 }), floor: fc.double({ min: 0, max: 0.99, noNaN: true }) })
    .map(({ lr: top, warmupSteps, decay, floor }) => ({ lr: top, warmupSteps, totalSteps: warmupSteps + decay, minLr: top * floor }));

  const lrAt = (name: Name, t: number, options: AnyOptions): number => expectNumber(callText(name, t, options), call(name, t, options));

  test(say(
    'every schedule starts at lr at epoch 0 (warmupCosine at 0, when it has a warmup)',
    '每个调度在第 0 轮都从 lr 开始（warmupCosine 有预热时从 0 开始）',
  ), () => {
    /** One schedule with random options, and where it must start. */
    const start: fc.Arbitrary<[Name, AnyOptions, number]> = fc.oneof(
      fc.record({ lr, stepSize: fc.integer({ min: 1, max: 50 }), gamma: fc.double({ min: 0.01, max: 2, noNaN: true }) }).map((o) => ['stepLR', o, o.lr] as [Name, AnyOptions, number]),
      fc.record({ lr, gamma: fc.double({ min: 0.01, max: 2, noNaN: true }) }).map((o) => ['exponentialLR', o, o.lr] as [Name, AnyOptions, number]),
      cosineOptions.map((o) => ['cosineAnnealingLR', o, o.lr] as [Name, AnyOptions, number]),
      warmupOptions.map((o) => ['warmupCosine', o, 0] as [Name, AnyOptions, number]),
    );
    expectProperty(
      'schedule(0) = lr',
      start,
      ([name, options, want]) => {
        const got = lrAt(name, 0, options);
        check(isClose(got, want), () => say(`it is ${fmt(got)}, expected ${fmt(want)}`, `它是 ${fmt(got)}，应为 ${fmt(want)}`));
      },
      200,
      ([name, options]) => callText(name, 0, options),
    );
  });

  test(say(
    'stepLR and exponentialLR never increase from one epoch to the next when gamma ≤ 1',
    'gamma ≤ 1 时，stepLR 和 exponentialLR 逐轮不增',
  ), () => {
    const arbitrary = fc.record({ lr, gamma: gammaAtMostOne, stepSize: fc.integer({ min: 1, max: 40 }), epoch: fc.integer({ min: 0, max: 400 }) });
    expectProperty('lr(epoch + 1) ≤ lr(epoch)', arbitrary, ({ lr: top, gamma, stepSize, epoch }) => {
      for (const [name, options] of [['stepLR', { lr: top, stepSize, gamma }], ['exponentialLR', { lr: top, gamma }]] as [Name, AnyOptions][]) {
        const now = lrAt(name, epoch, options);
        const next = lrAt(name, epoch + 1, options);
        check(next <= now * (1 + 1e-15), () =>
          say(
            `${callText(name, epoch, options)} = ${fmt(now)} but epoch ${epoch + 1} gives ${fmt(next)}, more`,
            `${callText(name, epoch, options)} = ${fmt(now)}，但第 ${epoch + 1} 轮给出 ${fmt(next)}，反而更大`,
          ),
        );
      }
    });
  });

  test(say('stepLR with stepSize 1 is exponentialLR', 'stepSize 为 1 的 stepLR 就是 exponentialLR'), () => {
    const arbitrary = fc.record({ lr, gamma: fc.double({ min: 0.01, max: 2, noNaN: true }), epoch: fc.integer({ min: 0, max: 200 }) });
    expectProperty(say('stepLR = exponentialLR when stepSize is 1', 'stepSize 为 1 时 stepLR = exponentialLR'), arbitrary, ({ lr: top, gamma, epoch }) => {
      const a = lrAt('stepLR', epoch, { lr: top, stepSize: 1, gamma });
      const b = lrAt('exponentialLR', epoch, { lr: top, gamma });
      check(isClose(a, b, { rtol: 1e-12, atol: 0 }), () => say(
        `stepLR gives ${fmt(a)} and exponentialLR ${fmt(b)} at epoch ${epoch}`,
        `第 ${epoch} 轮 stepLR 给出 ${fmt(a)}，exponentialLR 给出 ${fmt(b)}`,
      ));
    });
  });

  test(say('cosineAnnealingLR stays between etaMin and lr on [0, tMax]', '在 [0, tMax] 上，cosineAnnealingLR 始终介于 etaMin 和 lr 之间'), () => {
    const arbitrary = cosineOptions.chain((options) => fc.record({ options: fc.constant(options), epoch: fc.integer({ min: 0, max: options.tMax }) }));
    expectProperty('etaMin ≤ lr(epoch) ≤ lr', arbitrary, ({ options, epoch }) => {
      const got = lrAt('cosineAnnealingLR', epoch, options);
      const slack = 1e-12 * options.lr;
      check(got >= options.etaMin - slack && got <= options.lr + slack, () =>
        say(
          `${callText('cosineAnnealingLR', epoch, options)} = ${fmt(got)}, outside [etaMin, lr]`,
          `${callText('cosineAnnealingLR', epoch, options)} = ${fmt(got)}，不在 [etaMin, lr] 内`,
        ),
      );
    });
  });

  test(say(
    'cosineAnnealingLR is symmetric around tMax: the lr at tMax + k equals the lr at tMax − k',
    'cosineAnnealingLR 关于 tMax 对称：第 tMax + k 轮与第 tMax − k 轮的学习率相等',
  ), () => {
    const arbitrary = cosineOptions.chain((options) => fc.record({ options: fc.constant(options), k: fc.integer({ min: 0, max: options.tMax }) }));
    expectProperty('lr(tMax + k) = lr(tMax − k)', arbitrary, ({ options, k }) => {
      const after = lrAt('cosineAnnealingLR', options.tMax + k, options);
      const before = lrAt('cosineAnnealingLR', options.tMax - k, options);
      check(Math.abs(after - before) <= 1e-12 * options.lr, () =>
        say(
          `epoch ${options.tMax + k} gives ${fmt(after)} but epoch ${options.tMax - k} gives ${fmt(before)}: past tMax the cosine climbs back up the way it came down`,
          `第 ${options.tMax + k} 轮给出 ${fmt(after)}，第 ${options.tMax - k} 轮却给出 ${fmt(before)}：过了 tMax，余弦沿原路升回去`,
        ),
      );
    });
  });

  test(say(
    'warmupCosine is continuous at warmupSteps (lr there, one warmup increment above the step before) and ends at minLr at totalSteps',
    'warmupCosine 在 warmupSteps 处连续（该步为 lr，比前一步高一个预热增量），并在 totalSteps 处结束于 minLr',
  ), () => {
    expectProperty(say('warmupCosine joins its two pieces and ends at minLr', 'warmupCosine 的两段衔接，并结束于 minLr'), warmupOptions, (options) => {
      const w = options.warmupSteps;
      const peak = lrAt('warmupCosine', w, options);
      const before = lrAt('warmupCosine', w - 1, options);
      const end = lrAt('warmupCosine', options.totalSteps, options);
      const tol: Tolerance = { rtol: 1e-12, atol: 1e-15 * options.lr };
      check(isClose(peak, options.lr, tol), () => say(`step ${w} (= warmupSteps) gives ${fmt(peak)}, expected lr = ${fmt(options.lr)}`, `第 ${w} 步（= warmupSteps）给出 ${fmt(peak)}，应为 lr = ${fmt(options.lr)}`));
      check(isClose(before, (options.lr * (w - 1)) / w, tol), () =>
        say(
          `step ${w - 1} gives ${fmt(before)}, expected lr·${w - 1}/${w} = ${fmt((options.lr * (w - 1)) / w)}: the warmup line meets lr at step warmupSteps`,
          `第 ${w - 1} 步给出 ${fmt(before)}，应为 lr·${w - 1}/${w} = ${fmt((options.lr * (w - 1)) / w)}：预热的直线在第 warmupSteps 步与 lr 相接`,
        ),
      );
      check(isClose(end, options.minLr, tol), () =>
        say(`step ${options.totalSteps} (= totalSteps) gives ${fmt(end)}, expected minLr = ${fmt(options.minLr)}`, `第 ${options.totalSteps} 步（= totalSteps）给出 ${fmt(end)}，应为 minLr = ${fmt(options.minLr)}`),
      );
    });
  });
});
