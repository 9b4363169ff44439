/**
 * A bug of the seed article's NumPy program, ported: dW = np.dot(a_prev, delta), the matrix
 * product without the transpose of the layer's input.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul } from '../../lib/matrix.ts';
import { withWeightGradient } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: 'dW computed as A·δ: the transpose of the layer input is missing',
  explanation:
    'A bug seen in a widely shared tutorial: dW = np.dot(a_prev, delta). A is N×D and δ is N×M, so A·δ only runs when ' +
    'N = D, and then it multiplies examples with features: a D×M matrix of the right shape and the wrong numbers. ' +
    'Derive it from the shapes: dW must be D×M and sum over the N examples, so dW = Aᵀ·δ (np.dot(a_prev.T, delta), ' +
    'matmulTransA(a, delta)).',
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
