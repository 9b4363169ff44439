import type { Mistake } from '../../../grader/core/mistakes.ts';
import { scale, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'every gradient has the wrong sign',
    'zh-CN': '所有梯度的符号都反了',
  },
  explanation: {
    en:
      'Backward returns ∂L/∂x, ∂L/∂w and ∂L/∂b: the direction in which L grows, with no minus sign. The minus sign ' +
      'belongs to the update step (w ← w − lr·dw), which is the optimizer\'s job.',
    'zh-CN':
      '反向传播返回的是 ∂L/∂x、∂L/∂w 和 ∂L/∂b：L 增大的方向，不带负号。' +
      '负号属于更新步骤（w ← w − lr·dw），那是优化器的职责。',
  },
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, dw, db } = correctBackward(dout, cache);
  return { dx: scale(dx, -1), dw: scale(dw, -1), db: db.map((value) => -value) };
}
