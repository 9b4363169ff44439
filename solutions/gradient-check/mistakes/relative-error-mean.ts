import type { Mistake } from '../../../grader/core/mistakes.ts';
export { numericalGradient, gradCheck } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'relative error averaged over the entries instead of the max',
    'zh-CN': '相对误差对各分量取了平均，而不是最大值',
  },
  explanation: {
    en:
      'A gradient with one wrong entry among a thousand has a mean error a thousand times smaller than that entry\'s: the mean hides ' +
      'exactly the bug a gradient check is for. The measure is the max over the entries.',
    'zh-CN':
      '一千个分量里只有一个错了，平均误差就只有那个分量误差的千分之一：取平均恰好把梯度检验要找的 bug 藏了起来。' +
      '这个度量是各分量误差的最大值。',
  },
};

export function relativeError(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new Error(`relativeError: a has ${a.length} entries but b has ${b.length}`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]) / Math.max(1e-8, Math.abs(a[i]) + Math.abs(b[i]));
  return a.length === 0 ? 0 : sum / a.length;
}
