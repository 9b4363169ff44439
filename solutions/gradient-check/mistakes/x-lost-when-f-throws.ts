import type { Mistake } from '../../../grader/core/mistakes.ts';
export { relativeError, gradCheck } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'x is left shifted when f throws',
    'zh-CN': 'f 抛出异常时 x 停留在偏移后的值',
  },
  explanation: {
    en:
      'The old value is put back only after both evaluations, so an error thrown by f leaves xᵢ at xᵢ ± h. Whoever catches the ' +
      'error (a training loop, a test) goes on with modified weights. Restore the entry in a finally block.',
    'zh-CN':
      '原值只在两次求值都完成后才放回，所以 f 一旦抛出异常，xᵢ 就停在 xᵢ ± h。捕获这个异常的一方（训练循环、测试）' +
      '会带着被改动的权重继续运行。应在 finally 块里还原这个分量。',
  },
};

export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    x[i] = old + h;
    const plus = f(x);
    x[i] = old - h;
    const minus = f(x);
    x[i] = old;
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}
