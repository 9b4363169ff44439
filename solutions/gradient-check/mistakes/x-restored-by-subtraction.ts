import type { Mistake } from '../../../grader/core/mistakes.ts';
export { relativeError, gradCheck } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'x restored by adding and subtracting h',
    'zh-CN': '靠加减 h 来还原 x',
  },
  explanation: {
    en:
      'x[i] += h; … x[i] -= 2 * h; … x[i] += h rounds at every step, and in float64 x + h − 2h + h is not always x ' +
      '(with h = 1e-5, 0.1 comes back as 0.09999999999999999 and 3e-7 as 3.000000000000005e-7). The weights drift in their last bits with every ' +
      'check. Save the old value and assign it back.',
    'zh-CN':
      'x[i] += h; … x[i] -= 2 * h; … x[i] += h 每一步都会舍入，在 float64 中 x + h − 2h + h 不一定等于 x' +
      '（h = 1e-5 时，0.1 回来变成 0.09999999999999999，3e-7 变成 3.000000000000005e-7）。每做一次检验，权重的最后几位就漂移一点。应先保存原值，最后赋回去。',
  },
};

export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    x[i] += h;
    const plus = f(x);
    x[i] -= 2 * h;
    const minus = f(x);
    x[i] += h;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}
