import type { Mistake } from '../../../grader/core/mistakes.ts';
export { rnnBackward, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'clipGradNorm returns the norm after clipping',
    'zh-CN': 'clipGradNorm 返回的是裁剪后的范数',
  },
  explanation: {
    en:
      'clip_grad_norm_ returns the total norm measured before clipping: that is the number people log to watch ' +
      'gradients explode. After clipping it is never above maxNorm, so it would hide exactly what it is logged for.',
    'zh-CN':
      'clip_grad_norm_ 返回的是裁剪前测得的总范数：人们记录的正是这个数，用来观察梯度是否爆炸。裁剪之后它不会超' +
      '过 maxNorm，恰好把要观察的东西藏起来了。',
  },
};

export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): number {
  let sumSquares = 0;
  for (const g of grads) for (let k = 0; k < g.length; k++) sumSquares += g[k] * g[k];
  const total = Math.sqrt(sumSquares);
  const coefficient = Math.min(1, maxNorm / (total + 1e-6));
  if (coefficient < 1) for (const g of grads) for (let k = 0; k < g.length; k++) g[k] *= coefficient;
  let after = 0;
  for (const g of grads) for (let k = 0; k < g.length; k++) after += g[k] * g[k];
  return Math.sqrt(after);
}
