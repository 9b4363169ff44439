/**
 * A bug of the seed article's NumPy program, ported: dW = a_prev.T * delta, NumPy's elementwise
 * product (with its broadcasting), where the matrix product a_prev.T @ delta belongs.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, transpose, type Matrix } from '../../lib/matrix.ts';
import { withWeightGradient } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'dW computed with an elementwise product (Aᵀ * δ) instead of the matrix product Aᵀ·δ',
    'zh-CN': 'dW 用逐元素乘积（Aᵀ * δ）计算，而不是矩阵乘积 Aᵀ·δ',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: dW = a_prev.T * delta. With one example per step NumPy broadcasts the D×1 and ' +
      '1×M operands into their outer product, which happens to be right, so the bug hides; with a batch of N the shapes only ' +
      'fit by accident (N = D = M) and then give Aᵀ[d][n]·δ[n][m] entry by entry, not a sum over the batch. dW⁽ˡ⁾ must add ' +
      'every example\'s contribution: dW = Aᵀ·δ, the matrix product (np.dot(a_prev.T, delta), matmulTransA(a, delta)).',
    'zh-CN':
      '一篇流传很广的教程里出现过的错误：dW = a_prev.T * delta。' +
      '每步只用一个样本时，NumPy 把 D×1 和 1×M 两个操作数广播成它们的外积，结果恰好是对的，所以这个 bug 藏得很深；' +
      '换成 N 个样本的批量，形状只有在 N = D = M 时才碰巧对得上，此时逐元素算出的是 Aᵀ[d][n]·δ[n][m]，并没有在批量上求和。' +
      'dW⁽ˡ⁾ 必须把每个样本的贡献加起来：dW = Aᵀ·δ，用矩阵乘积（np.dot(a_prev.T, delta)，matmulTransA(a, delta)）。',
  },
};

/** NumPy's a * b for two 2-D arrays: elementwise, broadcasting dimensions of size 1. */
function numpyMultiply(a: Matrix, b: Matrix): Matrix {
  const rows = broadcast(a.rows, b.rows, a, b);
  const cols = broadcast(a.cols, b.cols, a, b);
  const out = matrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const x = a.data[(a.rows === 1 ? 0 : i) * a.cols + (a.cols === 1 ? 0 : j)];
      const y = b.data[(b.rows === 1 ? 0 : i) * b.cols + (b.cols === 1 ? 0 : j)];
      out.data[i * cols + j] = x * y;
    }
  }
  return out;
}

function broadcast(p: number, q: number, a: Matrix, b: Matrix): number {
  if (p === q || q === 1) return p;
  if (p === 1) return q;
  throw new Error(`operands could not be broadcast together with shapes ${shapeOf(a)} ${shapeOf(b)}`);
}

// The mistake: * where @ belongs.
export const { lossAndGradients, train } = withWeightGradient((input, delta) => numpyMultiply(transpose(input), delta));

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ["import { map, shapeOf, sub, takeRows, zipWith, type Matrix } from '../lib/matrix.ts';", "import { map, shapeOf, sub, takeRows, transpose, zipWith, type Matrix } from '../lib/matrix.ts';"],
    [`    const { dx, dw, db } = denseBackward(delta, pass.caches[l]);
    dWeights[l] = dw;`, `    const { dx, db } = denseBackward(delta, pass.caches[l]);
    dWeights[l] = zipWith(transpose(pass.caches[l].x), delta, (a, d) => a * d);`],
  ],
};
