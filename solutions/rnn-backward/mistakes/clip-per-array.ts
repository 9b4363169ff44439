import type { Mistake } from '../../../grader/core/mistakes.ts';
export { rnnBackward, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'each array clipped by its own norm instead of the total norm',
    'zh-CN': '每个数组按自己的范数裁剪，而不是按总范数',
  },
  explanation: {
    en:
      'clip_grad_norm_ measures one norm over every entry of every array and scales all of them by the same factor, ' +
      'so the update keeps its direction. Clipping each array to maxNorm on its own changes the direction (a large ' +
      'dwh is shrunk, a small db is not) and lets the total reach maxNorm·√(number of arrays).',
    'zh-CN':
      'clip_grad_norm_ 对所有数组的所有元素算一个范数，并让它们乘以同一个系数，所以更新的方向不变。把每个数组各' +
      '自裁剪到 maxNorm 会改变方向（大的 dwh 被缩小，小的 db 不变），而且总范数可以达到 maxNorm·√(' +
      '数组个数)。',
  },
};

export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): number {
  let sumSquares = 0;
  for (const g of grads) for (let k = 0; k < g.length; k++) sumSquares += g[k] * g[k];
  const total = Math.sqrt(sumSquares);
  for (const g of grads) {
    let own = 0;
    for (let k = 0; k < g.length; k++) own += g[k] * g[k];
    const coefficient = Math.min(1, maxNorm / (Math.sqrt(own) + 1e-6));
    for (let k = 0; k < g.length; k++) g[k] *= coefficient;
  }
  return total;
}
