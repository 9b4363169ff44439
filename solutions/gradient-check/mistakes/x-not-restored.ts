import type { Mistake } from '../../../grader/core/mistakes.ts';
export { relativeError, gradCheck } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'x is not put back after each entry',
    'zh-CN': '每个分量算完后没有把 x 放回去',
  },
  explanation: {
    en:
      'After evaluating f(x − h·eᵢ) the entry stays at xᵢ − h: every later entry is differentiated at a shifted point, and the ' +
      'caller gets back a different x. In a real gradient check x is the model\'s weights, so the check itself changes the model.',
    'zh-CN':
      '算完 f(x − h·eᵢ) 之后，这个分量停在了 xᵢ − h：后面每个分量都是在偏移过的点上求导，调用方拿回的 x 也变了。' +
      '真正做梯度检验时 x 就是模型的权重，于是检验本身改动了模型。',
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
    grad[i] = (plus - minus) / (2 * h);
  }
  return grad;
}
