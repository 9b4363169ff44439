import type { Mistake } from '../../../grader/core/mistakes.ts';
export { numericalGradient, gradCheck } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'relative error without its 1e-8 floor',
    'zh-CN': '相对误差少了 1e-8 的下限',
  },
  explanation: {
    en:
      '|a − b| / (|a| + |b|) is 0/0 = NaN where both gradients are exactly 0 (a dead ReLU, an unused weight), and jumps to 1 for ' +
      'two values of 1e-9 that differ only by noise. The denominator is max(1e-8, |a| + |b|).',
    'zh-CN':
      '两个梯度都恰好为 0 时（死亡 ReLU、没用到的权重），|a − b| / (|a| + |b|) 是 0/0 = NaN；两个只差一点噪声的 1e-9 量级的值，' +
      '误差会一下跳到 1。分母应是 max(1e-8, |a| + |b|)。',
  },
};

export function relativeError(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) throw new Error(`relativeError: a has ${a.length} entries but b has ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / (Math.abs(a[i]) + Math.abs(b[i])));
  return worst;
}
