/**
 * Spec for the gradient-check kata. Run it with `npm run grade -- gradient-check`; the grader
 * decides which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import {
  check,
  expectNumberClose,
  expectProperty,
  expectThrowsMentioning,
  expectUnchanged,
  expectVectorClose,
  fail,
  fmt,
  isNotImplemented,
  fixtureCaseName,
  loadFixture,
  loadTarget,
  type Tolerance,
  describe,
  test,
  say,
} from '../../grader/harness/index.ts';

type Impl = typeof import('./gradcheck.ts');
const impl = await loadTarget<Impl>();
const { numericalGradient, relativeError, gradCheck } = impl;

type Scalar = (x: Float64Array) => number;

/** A float64 central difference differs from the exact one by rounding only: ≲ 1e-9 here. */
const CENTRAL: Tolerance = { rtol: 1e-8, atol: 1e-9 };
const EXACT: Tolerance = { rtol: 1e-12, atol: 0 };

const cubic: Scalar = (x) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] ** 3;
  return s;
};

const exponential: Scalar = (x) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += Math.exp(x[i]);
  return s;
};

/** xᵀAx for a square A given as rows. */
function quadraticForm(a: number[][]): Scalar {
  return (x) => {
    let s = 0;
    for (let i = 0; i < x.length; i++) for (let j = 0; j < x.length; j++) s += x[i] * a[i][j] * x[j];
    return s;
  };
}

/** The first entry of `now` that is not bit-identical to `before`, or −1. */
function firstChanged(before: Float64Array, now: Float64Array): number {
  for (let i = 0; i < before.length; i++) if (!Object.is(before[i], now[i])) return i;
  return -1;
}

/** Fails unless x is, bit for bit, what it was before `what` ran. */
function expectRestored(what: string, x: Float64Array, before: Float64Array): void {
  const i = firstChanged(before, x);
  if (i < 0) return;
  const drift = x[i] - before[i];
  const far = Math.abs(drift) > 1e-9 * Math.max(1, Math.abs(before[i]));
  fail(
    far
      ? say(
        `After ${what}, x[${i}] is ${fmt(x[i])} instead of ${fmt(before[i])}: the last step was left in x. Put every entry back once its two evaluations are done.`,
        `${what} 之后，x[${i}] 是 ${fmt(x[i])}，而不是 ${fmt(before[i])}：最后一步的位移留在了 x 里。每个分量算完两次函数值后，都要把它放回原值。`,
      )
      : say(
        `After ${what}, x[${i}] differs from ${before[i]} in its last bits (by ${drift.toExponential(1)}). In float64, x + h − h is not always x: save the old value and assign it back instead of subtracting h.`,
        `${what} 之后，x[${i}] 与 ${before[i]} 在最后几位上不同（差 ${drift.toExponential(1)}）。在 float64 中 x + h − h 不一定等于 x：先保存原值，最后把它赋回去，不要靠减去 h 来还原。`,
      ),
  );
}

/** How a call is named in messages (code, the same in both languages). */
const ANALYTIC = 'analytic';
const GRADCHECK = `gradCheck(f, ${ANALYTIC}, x)`;

/** Points where x + h − h ≠ x in float64 for h = 1e-5 (and many other h). */
const AWKWARD_X = [0.1, 0.7, 1e-3, -0.3, 1234.5678, 3e-7, 2.9];

describe('spec', () => {
  test(say('numericalGradient returns a new Float64Array with one entry per entry of x', 'numericalGradient 返回一个新的 Float64Array，x 的每个分量对应一个元素'), () => {
    const x = new Float64Array([0.5, -1, 2]);
    const g: unknown = numericalGradient(cubic, x);
    check(g instanceof Float64Array, () => say('numericalGradient must return a Float64Array.', 'numericalGradient 必须返回 Float64Array。'));
    check(g.length === 3, () => say(`numericalGradient returned ${g.length} entries for an x of 3.`, `x 有 3 个分量，numericalGradient 却返回了 ${g.length} 个元素。`));
    check(g !== x, () => say('numericalGradient returned x itself: return a new array and leave x alone.', 'numericalGradient 返回的是 x 本身：应返回一个新数组，x 保持不变。'));
  });

  test(say('numericalGradient leaves x bit for bit as it found it', 'numericalGradient 让 x 逐位保持原样'), () => {
    for (const h of [1e-5, 1e-3, 0.1]) {
      const x = new Float64Array(AWKWARD_X);
      const before = Float64Array.from(x);
      numericalGradient(cubic, x, h);
      expectRestored(`numericalGradient(f, x, ${h})`, x, before);
    }
  });

  test(say('when f throws, x is restored and the error reaches the caller', 'f 抛出异常时，x 被还原，异常传给调用方'), () => {
    const x = new Float64Array(AWKWARD_X);
    const before = Float64Array.from(x);
    const boom = new Error(say('f failed on purpose', 'f 故意失败'));
    let calls = 0;
    const f: Scalar = (v) => {
      calls++;
      if (calls === 4) throw boom;
      return cubic(v);
    };
    let thrown: unknown;
    try {
      numericalGradient(f, x);
    } catch (error) {
      if (isNotImplemented(error)) throw error;
      thrown = error;
    }
    check(thrown === boom, () => say(
      'f threw on its 4th call (x[1] − h), but numericalGradient did not pass that error on to the caller. Let it propagate; do not swallow it or throw another.',
      'f 在第 4 次调用（x[1] − h）时抛出异常，但 numericalGradient 没有把这个异常传给调用方。让它继续向外传播，不要吞掉它，也不要换成别的异常。',
    ));
    expectRestored(say('f threw inside numericalGradient', 'numericalGradient 中 f 抛出异常'), x, before);
  });

  test(say('numericalGradient moves one entry at a time, by exactly ±h, 2·n calls in all', 'numericalGradient 每次只移动一个分量，恰好移动 ±h，总共调用 2·n 次'), () => {
    const x = new Float64Array([0.25, -1.5, 4]);
    const seen: Float64Array[] = [];
    numericalGradient((v) => { seen.push(Float64Array.from(v)); return cubic(v); }, x, 0.125);
    check(seen.length === 6, () => say(`f was called ${seen.length} times for an x of 3 entries; central differences need exactly 6 (2 per entry).`, `x 有 3 个分量，f 却被调用了 ${seen.length} 次；中心差分恰好需要 6 次（每个分量 2 次）。`));
    for (const v of seen) {
      const moved = [0, 1, 2].filter((j) => v[j] !== x[j]);
      check(moved.length > 0, () => say(
        'f was called with x itself, no entry moved: that is f(x), the base point of a forward difference. Central differences evaluate f(x + h·eᵢ) and f(x − h·eᵢ) only.',
        'f 被以 x 本身调用，没有任何分量被移动：这是 f(x)，即前向差分的基点。中心差分只计算 f(x + h·eᵢ) 和 f(x − h·eᵢ)。',
      ));
      check(moved.length === 1 && Math.abs(Math.abs(v[moved[0]] - x[moved[0]]) - 0.125) < 1e-12, () => say(
        `f saw x = [${Array.from(v).map(fmt).join(', ')}] around x = [0.25, -1.5, 4] with h = 0.125: each call should move exactly one entry by +h or −h.`,
        `在 x = [0.25, -1.5, 4]、h = 0.125 时，f 看到的是 x = [${Array.from(v).map(fmt).join(', ')}]：每次调用应恰好把一个分量移动 +h 或 −h。`,
      ));
    }
  });

  test(say('relativeError and gradCheck throw an Error naming both lengths when they differ', '长度不一致时，relativeError 和 gradCheck 抛出 Error，并写明两个长度'), () => {
    expectThrowsMentioning('relativeError(new Float64Array(3), new Float64Array(5))', () => relativeError(new Float64Array(3), new Float64Array(5)), ['3', '5']);
    expectThrowsMentioning('gradCheck(f, new Float64Array(4), new Float64Array(7))', () => gradCheck(cubic, new Float64Array(4), new Float64Array(7)), ['4', '7']);
  });

  test(say('relativeError and gradCheck leave their inputs alone', 'relativeError 和 gradCheck 不修改它们的输入'), () => {
    const a = new Float64Array([1, 2, 3]);
    const b = new Float64Array([1.5, 2, 2]);
    relativeError(a, b);
    expectUnchanged('a', a, new Float64Array([1, 2, 3]), 'relativeError(a, b)');
    expectUnchanged('b', b, new Float64Array([1.5, 2, 2]), 'relativeError(a, b)');
    const x = new Float64Array(AWKWARD_X);
    const analytic = Float64Array.from(x, (v) => 3 * v * v);
    gradCheck(cubic, analytic, x);
    expectRestored(GRADCHECK, x, new Float64Array(AWKWARD_X));
    expectUnchanged(ANALYTIC, analytic, Float64Array.from(AWKWARD_X, (v) => 3 * v * v), GRADCHECK);
  });

  test(say('a NaN entry makes the relative error NaN and the check fail', '某个分量是 NaN 时，相对误差为 NaN，检验不通过'), () => {
    const r = relativeError(new Float64Array([1, NaN, 2]), new Float64Array([1, 1, 5]));
    check(Number.isNaN(r), () => say(
      `relativeError([1, NaN, 2], [1, 1, 5]) is ${fmt(r)}: a NaN must not hide. Compare with Math.max, which keeps a NaN, or test for it.`,
      `relativeError([1, NaN, 2], [1, 1, 5]) 是 ${fmt(r)}：NaN 不能被藏起来。用会保留 NaN 的 Math.max 比较，或者专门检查 NaN。`,
    ));
    const result = gradCheck(cubic, new Float64Array([3, NaN, 12]), new Float64Array([1, 0.5, 2]));
    check(!result.ok && result.worstIndex === 1, () => say(
      `gradCheck with analytic = [3, NaN, 12] returned ok = ${result.ok}, worstIndex = ${result.worstIndex}: expected ok = false at index 1.`,
      `analytic = [3, NaN, 12] 时，gradCheck 返回 ok = ${result.ok}，worstIndex = ${result.worstIndex}：应为 ok = false，且在下标 1。`,
    ));
  });

  test(say('gradCheck returns the numerical gradient at the caller\'s h, 1e-5 by default', 'gradCheck 返回调用方给定 h 下的数值梯度，默认 h 为 1e-5'), () => {
    const x = new Float64Array([0.5, -1.25, 2]);
    const analytic = Float64Array.from(x, (v) => 3 * v * v);
    const withH = gradCheck(cubic, analytic, x, { h: 0.1 });
    expectVectorClose(`gradCheck(f, ${ANALYTIC}, x, { h: 0.1 }).numeric`, withH.numeric, [0.76, 4.6975, 12.01], { tol: CENTRAL });
    const byDefault = gradCheck(cubic, analytic, x);
    expectVectorClose(`${GRADCHECK}.numeric`, byDefault.numeric, numericalGradient(cubic, Float64Array.from(x), 1e-5), { tol: EXACT });
  });

  test(say('ok is maxRelativeError ≤ tolerance: equal to the tolerance passes; 1e-6 by default', 'ok 即 maxRelativeError ≤ tolerance：恰好等于容差也算通过；默认容差为 1e-6'), () => {
    const x = new Float64Array([1, 2]);
    const f: Scalar = (v) => 3 * v[0] + 5 * v[1];
    // analytic off by 4e-6 and 1e-6 relative (the numeric gradient of a linear f is within 1e-10 of 3 and 5)
    const nearly = new Float64Array([3 * (1 + 8e-6), 5 * (1 + 2e-6)]);
    const first = gradCheck(f, nearly, x);
    const again = gradCheck(f, nearly, x, { tolerance: first.maxRelativeError });
    check(again.ok, () => say(
      `gradCheck with tolerance equal to its own maxRelativeError (${fmt(first.maxRelativeError)}) returned ok = false: ok is maxRelativeError ≤ tolerance, with ≤.`,
      `容差恰好等于 gradCheck 自己算出的 maxRelativeError（${fmt(first.maxRelativeError)}）时，它返回了 ok = false：ok 的条件是 maxRelativeError ≤ tolerance，是 ≤。`,
    ));
    check(!first.ok, () => say(
      `gradCheck with a relative error of about 4e-6 returned ok = true: the default tolerance is 1e-6.`,
      `相对误差约为 4e-6 时，gradCheck 返回了 ok = true：默认容差是 1e-6。`,
    ));
    const close = gradCheck(f, new Float64Array([3 * (1 + 1e-6), 5]), x);
    check(close.ok, () => say(
      `gradCheck with a relative error of about 5e-7 returned ok = false: the default tolerance is 1e-6.`,
      `相对误差约为 5e-7 时，gradCheck 返回了 ok = false：默认容差是 1e-6。`,
    ));
  });

  test(say('worstIndex is the entry with the largest relative error (the first one on a tie)', 'worstIndex 是相对误差最大的分量（并列时取第一个）'), () => {
    const f: Scalar = (v) => 1000 * v[0] + 0.001 * v[1] + 2 * v[2];
    const x = new Float64Array([1, 1, 1]);
    const result = gradCheck(f, new Float64Array([1001, 0.0011, 2]), x, { h: 1e-3 });
    check(result.worstIndex === 1, () => say(
      `With analytic = [1001, 0.0011, 2] against [1000, 0.001, 2], worstIndex is ${result.worstIndex}: the relative error is largest at index 1 (about 0.048), although the absolute difference is largest at index 0.`,
      `analytic = [1001, 0.0011, 2] 对比 [1000, 0.001, 2] 时，worstIndex 是 ${result.worstIndex}：相对误差最大的是下标 1（约 0.048），尽管绝对差最大的是下标 0。`,
    ));
    expectNumberClose('gradCheck(...).maxRelativeError', result.maxRelativeError, 0.0001 / 0.0021, { rtol: 1e-6, atol: 0 });
    const g: Scalar = (v) => 2 * v[0] + 2 * v[1] + 2 * v[2];
    const tie = gradCheck(g, new Float64Array([2, 4, 4]), new Float64Array([0.5, 0.5, 0.5]), { h: 0.25 });
    check(tie.worstIndex === 1, () => say(
      `With analytic = [2, 4, 4] against [2, 2, 2], entries 1 and 2 tie and worstIndex is ${tie.worstIndex}: report the first, 1 (as np.argmax does).`,
      `analytic = [2, 4, 4] 对比 [2, 2, 2] 时，下标 1 和 2 并列，worstIndex 却是 ${tie.worstIndex}：应报告第一个，即 1（与 np.argmax 一致）。`,
    ));
  });
});

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'cubic-default-h': 'f = Σ xᵢ³，默认 h = 1e-5：前向差分的误差约为 3xᵢh，即相对 1e-5',
  'cubic-h-0.1': 'f = Σ xᵢ³，h = 0.1：中心差分等于 3xᵢ² + h²，而不是 3xᵢ²，所以能看出是否用了调用方的 h',
  'cubic-h-0.01': 'f = Σ xᵢ³，h = 0.01：中心差分等于 3xᵢ² + 1e-4',
  'exp-default-h': 'f = Σ exp(xᵢ)，默认 h：前向差分的误差约为 h/2，即相对 5e-6',
  'exp-h-0.1': 'f = Σ exp(xᵢ)，h = 0.1：中心差分等于 exp(xᵢ)·sinh(h)/h',
  'quadratic-default-h': 'f = xᵀAx，A 不对称：梯度是 (A + Aᵀ)x，二次函数的中心差分是精确的',
  'quadratic-h-0.5': 'f = xᵀAx，h = 0.5：中心差分仍然精确，前向差分偏差 h·Aᵢᵢ',
  'zero-over-zero': 'a = b = 0：0/0 由下限挡住，误差为 0',
  'equal': '两个向量相等：误差为 0',
  'near-floor': '|a| + |b| = 2e-9 低于下限 1e-8：误差是 2e-9/1e-8 = 0.2，而不是 1',
  'below-floor-one-sided': 'a = 3e-9，b = 0：3e-9/1e-8 = 0.3，而不是 1',
  'above-floor': 'a = 1e-7，b = 0 高于下限：误差为 1',
  'max-not-mean': '4 个分量中有一个差 0.2：最大值是 0.2/4.2，取平均只会得到它的四分之一',
  'relative-not-absolute': '最大的绝对差（下标 0 处的 1）不是最大的相对误差（在下标 1）',
  'signs': '符号相反：|a − b| = |a| + |b|，误差为 1',
};


const FUNCTIONS: Record<string, (a: number[][] | null) => Scalar> = {
  cubic: () => cubic,
  exp: () => exponential,
  quadratic: (a) => quadraticForm(a ?? []),
};

describe('fixtures', () => {
  const gradients = loadFixture<{ function: string; x: number[]; h: number | null; A: number[][] | null }, { gradient: number[] }>(
    'gradient-check',
    'numerical-gradient',
  );
  for (const c of gradients.cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const f = FUNCTIONS[c.input.function](c.input.A);
      const x = Float64Array.from(c.input.x);
      const call = c.input.h === null ? 'numericalGradient(f, x)' : `numericalGradient(f, x, ${c.input.h})`;
      const got = c.input.h === null ? numericalGradient(f, x) : numericalGradient(f, x, c.input.h);
      expectVectorClose(call, got, c.expected.gradient, { tol: CENTRAL });
      expectRestored(call, x, Float64Array.from(c.input.x));
    });
  }
  const errors = loadFixture<{ a: number[]; b: number[] }, { relativeError: number }>('gradient-check', 'relative-error');
  for (const c of errors.cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      const a = c.input.a.map(fmt).join(', ');
      const b = c.input.b.map(fmt).join(', ');
      expectNumberClose(`relativeError([${a}], [${b}])`, relativeError(Float64Array.from(c.input.a), Float64Array.from(c.input.b)), c.expected.relativeError, { rtol: 1e-12, atol: 1e-15 });
    });
  }
});

describe('properties', () => {
  const vector = (min: number, max: number, minLength = 1) =>
    fc.array(fc.double({ min, max, noNaN: true }), { minLength, maxLength: 8 }).map((v) => Float64Array.from(v));

  test(say('for a linear f, the numerical gradient is its coefficients (to ~1e-9)', '对线性函数 f，数值梯度就是它的系数（误差约 1e-9）'), () => {
    const pairs = vector(-5, 5).chain((c) => fc.tuple(fc.constant(c), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: c.length, maxLength: c.length }).map((v) => Float64Array.from(v))));
    expectProperty(say('numericalGradient(c·x) = c', 'numericalGradient(c·x) = c'), pairs, ([c, x]) => {
      const f: Scalar = (v) => { let s = 0; for (let i = 0; i < v.length; i++) s += c[i] * v[i]; return s; };
      const g = numericalGradient(f, x);
      for (let i = 0; i < c.length; i++) {
        check(Math.abs(g[i] - c[i]) <= 1e-8, () => say(`entry ${i}: got ${fmt(g[i])}, the coefficient is ${fmt(c[i])}`, `第 ${i} 个分量：得到 ${fmt(g[i])}，系数是 ${fmt(c[i])}`));
      }
    });
  });

  test(say('numericalGradient calls f exactly 2·n times and leaves x bit-identical', 'numericalGradient 恰好调用 f 2·n 次，且 x 逐位不变'), () => {
    const cases = fc.tuple(vector(-1e3, 1e3, 0), fc.double({ min: 1e-7, max: 0.1, noNaN: true }));
    expectProperty(say('2·n calls, x unchanged', '调用 2·n 次，x 不变'), cases, ([x, h]) => {
      const before = Float64Array.from(x);
      let calls = 0;
      numericalGradient((v) => { calls++; return cubic(v); }, x, h);
      check(calls === 2 * x.length, () => say(`f was called ${calls} times for ${x.length} entries`, `${x.length} 个分量，f 却被调用了 ${calls} 次`));
      const i = firstChanged(before, x);
      check(i < 0, () => say(`x[${i}] was ${before[i]} and is now ${x[i]}`, `x[${i}] 原来是 ${before[i]}，现在是 ${x[i]}`));
    });
  });

  test(say('relativeError is symmetric, and 0 for equal arrays', 'relativeError 是对称的，两个相等的数组误差为 0'), () => {
    const pairs = vector(-100, 100).chain((a) => fc.tuple(fc.constant(a), fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: a.length, maxLength: a.length }).map((v) => Float64Array.from(v))));
    expectProperty(say('relativeError(a, b) = relativeError(b, a); relativeError(a, a) = 0', 'relativeError(a, b) = relativeError(b, a)；relativeError(a, a) = 0'), pairs, ([a, b]) => {
      const ab = relativeError(a, b);
      const ba = relativeError(b, a);
      check(ab === ba, () => say(`relativeError(a, b) = ${fmt(ab)} but relativeError(b, a) = ${fmt(ba)}`, `relativeError(a, b) = ${fmt(ab)}，但 relativeError(b, a) = ${fmt(ba)}`));
      const aa = relativeError(a, Float64Array.from(a));
      check(aa === 0, () => say(`relativeError(a, a) = ${fmt(aa)}, not 0`, `relativeError(a, a) = ${fmt(aa)}，不是 0`));
    });
  });

  test(say('gradCheck accepts a true gradient and rejects one with a perturbed entry, pointing at it', 'gradCheck 接受正确的梯度，拒绝有一个分量被扰动的梯度，并指出那个分量'), () => {
    const cases = vector(-2, 2).chain((x) => fc.tuple(fc.constant(x), fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: x.length, maxLength: x.length }), fc.nat({ max: x.length - 1 })));
    expectProperty(say('gradCheck of Σ wᵢ·exp(xᵢ)', 'gradCheck 检验 Σ wᵢ·exp(xᵢ)'), cases, ([x, w, k]) => {
      const f: Scalar = (v) => { let s = 0; for (let i = 0; i < v.length; i++) s += w[i] * Math.exp(v[i]); return s; };
      const analytic = Float64Array.from(x, (v, i) => w[i] * Math.exp(v));
      const good = gradCheck(f, analytic, x);
      check(good.ok, () => say(`the true gradient was rejected: maxRelativeError = ${fmt(good.maxRelativeError)} at index ${good.worstIndex}`, `正确的梯度被拒绝了：maxRelativeError = ${fmt(good.maxRelativeError)}，在下标 ${good.worstIndex}`));
      const wrong = Float64Array.from(analytic);
      wrong[k] *= 1.01;
      const bad = gradCheck(f, wrong, x);
      check(!bad.ok && bad.worstIndex === k, () => say(
        `entry ${k} off by 1%: got ok = ${bad.ok}, worstIndex = ${bad.worstIndex}`,
        `第 ${k} 个分量偏差 1%：得到 ok = ${bad.ok}，worstIndex = ${bad.worstIndex}`,
      ));
    });
  });
});
