import type { Mistake } from '../../../grader/core/mistakes.ts';
import { scale, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'every gradient has the wrong sign',
  explanation:
    'Backward returns ∂L/∂x, ∂L/∂w and ∂L/∂b: the direction in which L grows, with no minus sign. The minus sign ' +
    'belongs to the update step (w ← w − lr·dw), which is the optimizer\'s job.',
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, dw, db } = correctBackward(dout, cache);
  return { dx: scale(dx, -1), dw: scale(dw, -1), db: db.map((value) => -value) };
}
