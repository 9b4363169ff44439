import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransA, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'dw transposed: doutᵀ·X instead of Xᵀ·dout',
    'zh-CN': 'dw 转置了：算成了 doutᵀ·X，而不是 Xᵀ·dout',
  },
  explanation: {
    en:
      'A gradient has the shape of its parameter: W is D×M, so dW must be D×M. Of the products of X (N×D) and dout (N×M), ' +
      'only Xᵀ·dout is D×M; doutᵀ·X is its M×D transpose, which even has the right shape when D = M.',
    'zh-CN':
      '梯度的形状与它的参数相同：W 是 D×M，所以 dW 必须是 D×M。在 X（N×D）和 dout（N×M）的各种乘积中，' +
      '只有 Xᵀ·dout 是 D×M；doutᵀ·X 是它的 M×D 转置，当 D = M 时形状甚至也是对的。',
  },
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, db } = correctBackward(dout, cache);
  return { dx, dw: matmulTransA(dout, cache.x), db };
}
