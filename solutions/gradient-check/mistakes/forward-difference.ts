import type { Mistake } from '../../../grader/core/mistakes.ts';
export { relativeError, gradCheck } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'forward differences instead of central ones',
    'zh-CN': '用了前向差分而不是中心差分',
  },
  explanation: {
    en:
      '(f(x + h·eᵢ) − f(x)) / h is off from the derivative by about h·f″/2, 1e-5 relative at h = 1e-5: as large as the tolerance ' +
      'of a gradient check, so a correct analytic gradient can fail it. The central difference (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h ' +
      'cancels that term; its error is about h²·f‴/6, 1e-10 relative.',
    'zh-CN':
      '(f(x + h·eᵢ) − f(x)) / h 与导数相差约 h·f″/2，h = 1e-5 时相对误差约 1e-5：与梯度检验的容差同一量级，' +
      '正确的解析梯度也可能通不过。中心差分 (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h 把这一项抵消了，误差约为 h²·f‴/6，相对 1e-10。',
  },
};

export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    try {
      const base = f(x);
      x[i] = old + h;
      const plus = f(x);
      grad[i] = (plus - base) / h;
    } finally {
      x[i] = old;
    }
  }
  return grad;
}
