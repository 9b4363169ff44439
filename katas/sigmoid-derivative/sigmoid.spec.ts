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
  loadFixture,
  loadTarget,
  type Tolerance,
  describe,
  test,
} from '../../grader/harness/index.ts';

type Impl = typeof import('./sigmoid.ts');
const impl = await loadTarget<Impl>();
const { sigmoid, sigmoidDerivative, sigmoidDerivativeFromOutput } = impl;

/** The statement's promise: relative error ≤ 1e-12; the tiny atol only lets underflow to 0 pass. */
const EXACT: Tolerance = { rtol: 1e-12, atol: 1e-300 };

describe('spec', () => {
  test('σ(0) = ½, σ′(0) = ¼ and σ′ from the output ½ is ¼', () => {
    expectNumberClose('sigmoid(0)', sigmoid(0), 0.5, EXACT);
    expectNumberClose('sigmoidDerivative(0)', sigmoidDerivative(0), 0.25, EXACT);
    expectNumberClose('sigmoidDerivativeFromOutput(0.5)', sigmoidDerivativeFromOutput(0.5), 0.25, EXACT);
  });

  test('no NaN or Infinity for very large |z|, up to the largest finite float64', () => {
    for (const z of [-Number.MAX_VALUE, -1e300, -1e4, -1000, -745, 745, 1000, 1e4, 1e300, Number.MAX_VALUE]) {
      for (const [name, f] of [['sigmoid', sigmoid], ['sigmoidDerivative', sigmoidDerivative]] as const) {
        const value = f(z);
        check(Number.isFinite(value), () =>
          `${name}(${z}) is ${fmt(value)}. Math.exp(${-z}) overflows to Infinity; only exponentiate numbers ≤ 0.`,
        );
      }
    }
  });

  test('sigmoidDerivativeFromOutput takes the output a = σ(z), not z', () => {
    const z = 2;
    expectNumberClose('sigmoidDerivativeFromOutput(sigmoid(2))', sigmoidDerivativeFromOutput(sigmoid(z)), sigmoidDerivative(z), {
      rtol: 1e-9,
      atol: 0,
    });
  });
});

describe('fixtures', () => {
  const values = loadFixture<{ z: number }, { sigmoid: number; derivative: number }>('sigmoid-derivative', 'sigmoid');
  for (const c of values.cases) {
    test(c.description, () => {
      expectNumberClose(`sigmoid(${c.input.z})`, sigmoid(c.input.z), c.expected.sigmoid, EXACT);
      expectNumberClose(`sigmoidDerivative(${c.input.z})`, sigmoidDerivative(c.input.z), c.expected.derivative, EXACT);
    });
  }
  const fromOutput = loadFixture<{ a: number }, { derivative: number }>('sigmoid-derivative', 'from-output');
  for (const c of fromOutput.cases) {
    test(c.description, () => {
      expectNumberClose(`sigmoidDerivativeFromOutput(${c.input.a})`, sigmoidDerivativeFromOutput(c.input.a), c.expected.derivative, EXACT);
    });
  }
});

describe('gradient check', () => {
  test('σ′(z) matches central finite differences of your σ at 50 points in [−20, 20]', () => {
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

  test('0 < σ′(z) ≤ ¼ for every z in [−700, 700]', () => {
    expectProperty('0 < σ′(z) ≤ ¼', anyZ, (z) => {
      const d = sigmoidDerivative(z);
      check(d > 0 && d <= 0.25, `σ′(${z}) = ${fmt(d)}, outside (0, ¼]`);
    });
  });

  test('σ(−z) = 1 − σ(z)', () => {
    expectProperty('σ(−z) = 1 − σ(z)', fc.double({ min: -30, max: 30, noNaN: true }), (z) => {
      const lhs = sigmoid(-z);
      const rhs = 1 - sigmoid(z);
      check(Math.abs(lhs - rhs) <= 1e-15, `σ(${-z}) = ${fmt(lhs)} but 1 − σ(${z}) = ${fmt(rhs)}`);
    });
  });

  test('σ′ is symmetric: σ′(−z) = σ′(z)', () => {
    expectProperty('σ′(−z) = σ′(z)', anyZ, (z) => {
      const a = sigmoidDerivative(-z);
      const b = sigmoidDerivative(z);
      check(Math.abs(a - b) <= 1e-12 * Math.abs(b), `σ′(${-z}) = ${fmt(a)} but σ′(${z}) = ${fmt(b)}`);
    });
  });

  test('0 ≤ σ(z) ≤ 1 and σ is increasing', () => {
    expectProperty('0 ≤ σ(z) ≤ σ(z + 1) ≤ 1', anyZ, (z) => {
      const a = sigmoid(z);
      const b = sigmoid(z + 1);
      check(a >= 0 && b <= 1 && a <= b, `σ(${z}) = ${fmt(a)}, σ(${z + 1}) = ${fmt(b)}`);
    });
  });
});
