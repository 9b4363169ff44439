import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransB, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'dx computed as W·doutᵀ, the operands swapped',
    'zh-CN': 'dx 算成了 W·doutᵀ，操作数顺序颠倒',
  },
  explanation: {
    en:
      'W·doutᵀ is D×N: the transpose of dX. dX must have the shape of X, N×D, which fixes the order of the product: ' +
      'dout (N×M) on the left, Wᵀ (M×D) on the right.',
    'zh-CN':
      'W·doutᵀ 是 D×N：是 dX 的转置。dX 必须与 X 形状相同，即 N×D，这就确定了乘积的顺序：' +
      'dout（N×M）在左，Wᵀ（M×D）在右。',
  },
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dw, db } = correctBackward(dout, cache);
  return { dx: matmulTransB(cache.w, dout), dw, db };
}
