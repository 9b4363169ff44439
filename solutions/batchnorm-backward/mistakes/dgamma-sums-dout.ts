import type { Mistake } from '../../../grader/core/mistakes.ts';
import { batchnormBackward as reference, type BatchNormCache } from '../batchnorm.ts';
import { sumRows, type Matrix } from '../../lib/index.ts';
export { batchnormForward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'dgamma sums dout instead of dout·x̂',
    'zh-CN': 'dgamma 对 dout 求和，而不是对 dout·x̂ 求和',
  },
  explanation: {
    en:
      'y = γ·x̂ + β, so ∂y/∂γ = x̂: dgamma = Σₙ dout·x̂, column by column. Σₙ dout is dbeta, the gradient of the shift.',
    'zh-CN':
      'y = γ·x̂ + β，所以 ∂y/∂γ = x̂：dgamma = Σₙ dout·x̂，逐列计算。Σₙ dout 是 dbeta，即平移量 β 的梯度。',
  },
};

export function batchnormBackward(dout: Matrix, cache: BatchNormCache): ReturnType<typeof reference> {
  return { ...reference(dout, cache), dgamma: sumRows(dout) };
}
