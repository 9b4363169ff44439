/**
 * Spec for the sigmoid-derivative kata. Run it with `npm run grade -- sigmoid`; the grader
 * decides which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import {
  check,
  expectGradientsMatch,
  expectNumberClose,
  expectProperty,
  fmt,
  fixtureCaseName,
  loadFixture,
  loadTarget,
  type Tolerance,
  describe,
  test,
  say,
} from '../../grader/harness/index.ts';

type Impl = typeof import('./sigmoid.ts');
const impl = await loadTarget<Impl>();
const { sigmoid, sigmoidDerivative, sigmoidDerivativeFromOutput } = impl;

/** The statement's promise: relative error ≤ 1e-12; the tiny atol only lets underflow to 0 pass. */
const EXACT: Tolerance = { rtol: 1e-12, atol: 1e-300 };

describe('spec', () => {
  test(say('σ(0) = ½, σ′(0) = ¼ and σ′ from the output ½ is ¼', 'σ(0) = ½，σ′(0) = ¼，由输出 ½ 求得的 σ′ 也是 ¼'), () => {
    expectNumberClose('sigmoid(0)', sigmoid(0), 0.5, EXACT);
    expectNumberClose('sigmoidDerivative(0)', sigmoidDerivative(0), 0.25, EXACT);
    expectNumberClose('sigmoidDerivativeFromOutput(0.5)', sigmoidDerivativeFromOutput(0.5), 0.25, EXACT);
  });

  test(say('no NaN or Infinity for very large |z|, up to the largest finite float64', '|z| 非常大时（直到 float64 最大的有限值）也不出现 NaN 或 Infinity'), () => {
    for (const z of [-Number.MAX_VALUE, -1e300, -1e4, -1000, -745, 745, 1000, 1e4, 1e300, Number.MAX_VALUE]) {
      for (const [name, f] of [['sigmoid', sigmoid], ['sigmoidDerivative', sigmoidDerivative]] as const) {
        const value = f(z);
        check(Number.isFinite(value), () =>
          say(
            `${name}(${z}) is ${fmt(value)}. Math.exp(${-z}) overflows to Infinity; only exponentiate numbers ≤ 0.`,
            `${name}(${z}) 是 ${fmt(value)}。Math.exp(${-z}) 上溢为 Infinity；只对 ≤ 0 的数取指数。`,
          ),
        );
      }
    }
  });

  test(say('sigmoidDerivativeFromOutput takes the output a = σ(z), not z', 'sigmoidDerivativeFromOutput 接收的是输出 a = σ(z)，不是 z'), () => {
    const z = 2;
    expectNumberClose('sigmoidDerivativeFromOutput(sigmoid(2))', sigmoidDerivativeFromOutput(sigmoid(z)), sigmoidDerivative(z), {
      rtol: 1e-9,
      atol: 0,
    });
  });
});

/** The fixture cases' names in Chinese, by case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'zero': 'z = 0：σ(0) = ½，σ′(0) = ¼，即最大值',
  'small-positive': 'z = 1e-10：极小的 z，σ 几乎等于 ½',
  'one': 'z = 1：普通的正数 z',
  'minus-one': 'z = -1：普通的负数 z',
  'two-and-a-half': 'z = 2.5：中等大小的 z',
  'minus-seven': 'z = -7.25：中等大小的负数 z',
  'ten': 'z = 10：σ 接近 1',
  'twelve-and-a-half': 'z = 12.5：1 − σ(z) ≈ 4e-6，σ(z) 舍入到 float64 之后它只剩约 10 位有效数字，所以 σ(z)(1−σ(z)) 的相对误差达 6e-12（要求是 1e-12）',
  'seventeen-point-three': 'z = 17.3：1 − σ(z) ≈ 3e-8，只剩约 8 位有效数字：σ(z)(1−σ(z)) 的相对误差达 4e-9',
  'twenty': 'z = 20：1 − σ(z) ≈ 2e-9，只剩约 7 位有效数字：σ(z)(1−σ(z)) 的相对误差达 4e-8',
  'minus-twenty': 'z = -20：σ′ 是对称的，σ′(−20) = σ′(20)；这里 σ(z) 很小，不会发生抵消',
  'twenty-five': 'z = 25：1 − σ(z) ≈ 1e-11，只剩约 5 位有效数字：σ(z)(1−σ(z)) 的相对误差达 4e-6',
  'thirty': 'z = 30：1 − σ(z) ≈ 9e-14，只剩约 3 位有效数字：σ(z)(1−σ(z)) 的相对误差达 1e-3',
  'thirty-three-point-three': 'z = 33.3：1 − σ(z) ≈ 3e-15，只剩约 1 位有效数字：σ(z)(1−σ(z)) 的相对误差达 3%',
  'thirty-five-and-a-half': 'z = 35.5：1 − σ(z) ≈ 4e-16，只有 float64 在 1 附近间距（1.1e-16）的几倍：σ(z)(1−σ(z)) 偏差 16%，尽管还没变成 0',
  'forty': 'z = 40：σ′(40) ≈ 4.248e-18，而 σ(z)(1−σ(z)) 在 float64 中塌缩为 0',
  'minus-forty': 'z = -40：σ(−40) ≈ 4.248e-18，很小，但可以表示',
  'seven-hundred': 'z = 700：σ′(700) ≈ 9.9e-305，已接近 float64 的下限',
  'minus-thousand': 'z = -1000：e^1000 上溢为 Infinity：不允许出现 NaN',
  'thousand': 'z = 1000：在 float64 中 σ(1000) 恰好等于 1',
  'plus-ten-thousand': 'z = 10000：z = 1e4，结果仍然有限',
  'minus-ten-thousand': 'z = -10000：z = −1e4，结果仍然有限',
  'a-half': 'a = 0.5：由输出求 σ′，即 a(1 − a)',
  'a-tenth': 'a = 0.1：由输出求 σ′，即 a(1 − a)',
  'a-near-one': 'a = 0.999：由输出求 σ′，即 a(1 − a)',
  'a-zero': 'a = 0：由输出求 σ′，即 a(1 − a)',
  'a-one': 'a = 1：由输出求 σ′，即 a(1 − a)',
  'a-small': 'a = 1e-06：由输出求 σ′，即 a(1 − a)',
};

describe('fixtures', () => {
  const values = loadFixture<{ z: number }, { sigmoid: number; derivative: number }>('sigmoid-derivative', 'sigmoid');
  for (const c of values.cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      expectNumberClose(`sigmoid(${c.input.z})`, sigmoid(c.input.z), c.expected.sigmoid, EXACT);
      expectNumberClose(`sigmoidDerivative(${c.input.z})`, sigmoidDerivative(c.input.z), c.expected.derivative, EXACT);
    });
  }
  const fromOutput = loadFixture<{ a: number }, { derivative: number }>('sigmoid-derivative', 'from-output');
  for (const c of fromOutput.cases) {
    test(fixtureCaseName(c, FIXTURE_NAMES_ZH), () => {
      expectNumberClose(`sigmoidDerivativeFromOutput(${c.input.a})`, sigmoidDerivativeFromOutput(c.input.a), c.expected.derivative, EXACT);
    });
  }
});

describe('gradient check', () => {
  test(say('σ′(z) matches central finite differences of your σ at 50 points in [−20, 20]', '在 [−20, 20] 内的 50 个点上，σ′(z) 与你的 σ 的中心差分一致'), () => {
    for (let k = 0; k < 50; k++) {
      const z = -20 + (40 * k) / 49 + 0.0137; // off-grid, never exactly 0
      const input = new Float64Array([z]);
      expectGradientsMatch(`σ′(${fmt(z)})`, () => sigmoid(input[0]), [
        { name: 'sigmoidDerivative', value: input, analytic: new Float64Array([sigmoidDerivative(z)]) },
      ]);
    }
  });
});

describe('properties', () => {
  const anyZ = fc.double({ min: -700, max: 700, noNaN: true });

  test(say('0 < σ′(z) ≤ ¼ for every z in [−700, 700]', '对 [−700, 700] 内的每个 z，都有 0 < σ′(z) ≤ ¼'), () => {
    expectProperty('0 < σ′(z) ≤ ¼', anyZ, (z) => {
      const d = sigmoidDerivative(z);
      check(d > 0 && d <= 0.25, () => say(`σ′(${z}) = ${fmt(d)}, outside (0, ¼]`, `σ′(${z}) = ${fmt(d)}，不在 (0, ¼] 内`));
    });
  });

  test('σ(−z) = 1 − σ(z)', () => {
    expectProperty('σ(−z) = 1 − σ(z)', fc.double({ min: -30, max: 30, noNaN: true }), (z) => {
      const lhs = sigmoid(-z);
      const rhs = 1 - sigmoid(z);
      check(Math.abs(lhs - rhs) <= 1e-15, () => say(
        `σ(${-z}) = ${fmt(lhs)} but 1 − σ(${z}) = ${fmt(rhs)}`,
        `σ(${-z}) = ${fmt(lhs)}，但 1 − σ(${z}) = ${fmt(rhs)}`,
      ));
    });
  });

  test(say('σ′ is symmetric: σ′(−z) = σ′(z)', 'σ′ 是对称的：σ′(−z) = σ′(z)'), () => {
    expectProperty('σ′(−z) = σ′(z)', anyZ, (z) => {
      const a = sigmoidDerivative(-z);
      const b = sigmoidDerivative(z);
      check(Math.abs(a - b) <= 1e-12 * Math.abs(b), () => say(
        `σ′(${-z}) = ${fmt(a)} but σ′(${z}) = ${fmt(b)}`,
        `σ′(${-z}) = ${fmt(a)}，但 σ′(${z}) = ${fmt(b)}`,
      ));
    });
  });

  test(say('0 ≤ σ(z) ≤ 1 and σ is increasing', '0 ≤ σ(z) ≤ 1，且 σ 单调递增'), () => {
    expectProperty('0 ≤ σ(z) ≤ σ(z + 1) ≤ 1', anyZ, (z) => {
      const a = sigmoid(z);
      const b = sigmoid(z + 1);
      check(a >= 0 && b <= 1 && a <= b, `σ(${z}) = ${fmt(a)}, σ(${z + 1}) = ${fmt(b)}`);
    });
  });
});
