import type { Mistake } from '../../../grader/core/mistakes.ts';
export { relativeError, gradCheck } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'central difference divided by h instead of 2h',
    'zh-CN': '中心差分除以 h 而不是 2h',
  },
  explanation: {
    en:
      'f(x + h·eᵢ) and f(x − h·eᵢ) are 2h apart, so their difference must be divided by 2h. Divided by h, every entry of the ' +
      'numerical gradient is twice the derivative.',
    'zh-CN':
      'f(x + h·eᵢ) 与 f(x − h·eᵢ) 相隔 2h，所以它们的差要除以 2h。只除以 h，数值梯度的每个分量都是导数的两倍。',
  },
};

export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    try {
      x[i] = old + h;
      const plus = f(x);
      x[i] = old - h;
      const minus = f(x);
      grad[i] = (plus - minus) / h;
    } finally {
      x[i] = old;
    }
  }
  return grad;
}
