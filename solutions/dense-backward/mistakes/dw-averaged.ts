import type { Mistake } from '../../../grader/core/mistakes.ts';
import { scale, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'dw divided by the batch size',
    'zh-CN': 'dw 除以了批量大小',
  },
  explanation: {
    en:
      'Xᵀ·dout already adds up the contribution of every example, and that sum is the gradient. If the loss is a mean ' +
      'over the batch, its 1/N is already inside dout; dividing dW by N again makes it N times too small.',
    'zh-CN':
      'Xᵀ·dout 已经把每个样本的贡献加了起来，这个和就是梯度。如果损失是对批量取平均，' +
      '它的 1/N 已经包含在 dout 里了；再把 dW 除以 N 会让它小 N 倍。',
  },
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, dw, db } = correctBackward(dout, cache);
  return { dx, dw: scale(dw, 1 / dout.rows), db };
}
