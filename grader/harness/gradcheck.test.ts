/** The gradient checker must pass right gradients and flag wrong ones, down to one entry. */
import { describe, expect, test } from 'vitest';
import { clone, fromRows, matmul, matmulTransA, type Matrix } from '../../katas/lib/matrix.ts';
import { createRng, normalMatrix } from '../../katas/lib/random.ts';
import { GradeFailure } from './failure.ts';
import { expectGradientsMatch, gradcheck, projectOnto, relError } from './gradcheck.ts';

/** L = Σ (X·W) ⊙ G, whose gradient with respect to W is Xᵀ·G. */
function linearCase(seed: number): { x: Matrix; w: Matrix; g: Matrix; dw: Matrix; loss: () => number } {
  const rng = createRng(seed);
  const x = normalMatrix(4, 3, rng);
  const w = normalMatrix(3, 2, rng);
  const g = normalMatrix(4, 2, rng);
  return { x, w, g, dw: matmulTransA(x, g), loss: () => projectOnto(matmul(x, w), g) };
}

describe('gradcheck', () => {
  test('passes an exact gradient, with relative errors at round-off level', () => {
    const c = linearCase(1);
    const result = gradcheck(c.loss, [{ name: 'dw', value: c.w, analytic: c.dw }]);
    expect(result.passed).toBe(true);
    expect(result.checked).toBe(6);
    expect(result.worst!.relError).toBeLessThan(1e-8);
  });

  test('passes a nonlinear function: d/dx Σ sin(x)·x² = cos(x)·x² + 2x·sin(x)', () => {
    const x = fromRows([[0.3, -1.2], [2.5, 0.01]]);
    const loss = (): number => x.data.reduce((s, v) => s + Math.sin(v) * v * v, 0);
    const analytic = clone(x);
    analytic.data.forEach((v, k) => (analytic.data[k] = Math.cos(v) * v * v + 2 * v * Math.sin(v)));
    expect(gradcheck(loss, [{ name: 'dx', value: x, analytic }]).passed).toBe(true);
  });

  test('flags a gradient that is off by a factor of 2 in a single entry, and names that entry', () => {
    const c = linearCase(2);
    c.dw.data[3] *= 2; // entry [1][1]
    const result = gradcheck(c.loss, [{ name: 'dw', value: c.w, analytic: c.dw }]);
    expect(result.passed).toBe(false);
    expect(result.failedEntries).toBe(1);
    expect(result.worst).toMatchObject({ name: 'dw', index: '[1][1]' });
    expect(result.worst!.relError).toBeCloseTo(1 / 3, 6); // |2n − n| / (|2n| + |n|)
  });

  test('flags a sign error, a NaN and a wrong-sized gradient', () => {
    const c = linearCase(3);
    const negated = clone(c.dw);
    negated.data.forEach((v, k) => (negated.data[k] = -v));
    expect(gradcheck(c.loss, [{ name: 'dw', value: c.w, analytic: negated }]).passed).toBe(false);
    const withNaN = clone(c.dw);
    withNaN.data[0] = NaN;
    expect(gradcheck(c.loss, [{ name: 'dw', value: c.w, analytic: withNaN }]).passed).toBe(false);
    expect(() => gradcheck(c.loss, [{ name: 'dw', value: c.w, analytic: c.x }])).toThrow(GradeFailure);
  });

  test('restores every input after perturbing it', () => {
    const c = linearCase(4);
    const before = Float64Array.from(c.w.data);
    gradcheck(c.loss, [{ name: 'dw', value: c.w, analytic: c.dw }]);
    expect(c.w.data).toEqual(before);
  });

  test('the failure message names the entry, both values and the relative error', () => {
    const c = linearCase(5);
    c.dw.data[0] *= 2;
    expect(() => expectGradientsMatch('dense backward', c.loss, [{ name: 'dw', value: c.w, analytic: c.dw }])).toThrow(
      /^dense backward: dw\[0\]\[0\] is -?[\d.e-]+ from your backward, but finite differences give -?[\d.e-]+ \(relative error 3\.3e-1; 1 of 6 entries off\)\.$/,
    );
  });

  test('relError is CS231n’s: |a − n| / max(1e-8, |a| + |n|)', () => {
    expect(relError(2, 1)).toBeCloseTo(1 / 3);
    expect(relError(0, 0)).toBe(0);
    expect(relError(1e-12, 0)).toBeCloseTo(1e-4);
  });
});
