import type { Mistake } from '../../../grader/core/mistakes.ts';
export { rnnBackward, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'small gradients scaled up to maxNorm (no min with 1)',
    'zh-CN': '小梯度被放大到 maxNorm（没有和 1 取 min）',
  },
  explanation: {
    en:
      'Clipping only ever shrinks: the factor is min(1, maxNorm / (total + 1e-6)), so a total below maxNorm leaves ' +
      'every array as it was. Without the min, small gradients are blown up to norm maxNorm, which turns clipping ' +
      'into normalisation and changes the step size of every update.',
    'zh-CN':
      '裁剪只会缩小：系数是 min(1, maxNorm / (total + 1e-6))，所以总范数小于 maxNorm ' +
      '时每个数组都保持原样。少了 min，小梯度会被放大到范数为 maxNorm，裁剪变成了归一化，每次更新的步长都变了。',
  },
};

export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): number {
  let sumSquares = 0;
  for (const g of grads) for (let k = 0; k < g.length; k++) sumSquares += g[k] * g[k];
  const total = Math.sqrt(sumSquares);
  const coefficient = maxNorm / (total + 1e-6);
  for (const g of grads) for (let k = 0; k < g.length; k++) g[k] *= coefficient;
  return total;
}
