import type { Mistake } from '../../../grader/core/mistakes.ts';
import { meanRows, type Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'db averaged over the batch instead of summed',
    'zh-CN': 'db 对批量取了平均，而不是求和',
  },
  explanation: {
    en:
      'b is added to every one of the N rows of out, so every row of dout flows back into the same b: db = Σₙ dout[n], ' +
      'a sum. If the loss is a mean over the batch, its 1/N is already inside dout; dividing again makes db N times too small.',
    'zh-CN':
      'b 被加到 out 全部 N 行中的每一行上，所以 dout 的每一行都流回同一个 b：db = Σₙ dout[n]，是求和。' +
      '如果损失是对批量取平均，它的 1/N 已经包含在 dout 里了；再除一次会让 db 小 N 倍。',
  },
};

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, dw } = correctBackward(dout, cache);
  return { dx, dw, db: meanRows(dout) };
}
