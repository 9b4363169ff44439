/**
 * A bug of the seed article's NumPy program, ported: dW = np.dot(a_prev, delta), the matrix
 * product without the transpose of the layer's input.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul } from '../../lib/matrix.ts';
import { withWeightGradient } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'dW computed as A·δ: the transpose of the layer input is missing',
    'zh-CN': 'dW 算成了 A·δ：漏了对该层输入的转置',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: dW = np.dot(a_prev, delta). A is N×D and δ is N×M, so A·δ only runs when ' +
      'N = D, and then it multiplies examples with features: a D×M matrix of the right shape and the wrong numbers. ' +
      'Derive it from the shapes: dW must be D×M and sum over the N examples, so dW = Aᵀ·δ (np.dot(a_prev.T, delta), ' +
      'matmulTransA(a, delta)).',
    'zh-CN':
      '一篇流传很广的教程里出现过的错误：dW = np.dot(a_prev, delta)。' +
      'A 是 N×D，δ 是 N×M，所以 A·δ 只有在 N = D 时才能运行，而且这时它是把样本和特征相乘：得到一个形状对、数值错的 D×M 矩阵。从形状推导：' +
      'dW 必须是 D×M，并且要在 N 个样本上求和，所以 dW = Aᵀ·δ（np.dot(a_prev.T, delta)，matmulTransA(a, delta)）。',
  },
};

// The mistake: A·δ, not Aᵀ·δ.
export const { lossAndGradients, train } = withWeightGradient((input, delta) => matmul(input, delta));

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ["import { map, shapeOf, sub, takeRows, zipWith, type Matrix } from '../lib/matrix.ts';", "import { map, matmul, shapeOf, sub, takeRows, zipWith, type Matrix } from '../lib/matrix.ts';"],
    [`    const { dx, dw, db } = denseBackward(delta, pass.caches[l]);
    dWeights[l] = dw;`, `    const { dx, db } = denseBackward(delta, pass.caches[l]);
    dWeights[l] = matmul(pass.caches[l].x, delta);`],
  ],
};
