import type { Mistake } from '../../../grader/core/mistakes.ts';
export { rnnBackward, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'clipping by maxNorm / total, without the 1e-6',
    'zh-CN': '按 maxNorm / total 裁剪，漏了 1e-6',
  },
  explanation: {
    en:
      'PyTorch’s factor is maxNorm / (total + 1e-6), clamped at 1. The 1e-6 guards a zero total and makes the clipped ' +
      'norm land just below maxNorm, never on it: a total exactly at maxNorm is still scaled, by 5/5.000001 for ' +
      'maxNorm 5. Without it, your numbers differ from PyTorch’s at every clipped step.',
    'zh-CN':
      'PyTorch 的系数是 maxNorm / (total + 1e-6)，再截断到 1。这个 1e-6 防止总范数为零' +
      '时除以零，并让裁剪后的范数略低于 maxNorm，而不是正好等于它：总范数恰好等于 maxNorm 时仍要缩放，maxN' +
      'orm 为 5 时乘以 5/5.000001。漏了它，每次裁剪的结果都和 PyTorch 不一样。',
  },
};

export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): number {
  let sumSquares = 0;
  for (const g of grads) for (let k = 0; k < g.length; k++) sumSquares += g[k] * g[k];
  const total = Math.sqrt(sumSquares);
  const coefficient = Math.min(1, maxNorm / total);
  if (coefficient < 1) for (const g of grads) for (let k = 0; k < g.length; k++) g[k] *= coefficient;
  return total;
}
