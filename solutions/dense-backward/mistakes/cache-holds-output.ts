import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { denseForward as correctForward, type DenseForwardResult } from '../dense.ts';
export { denseBackward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'the cache holds the output instead of the input',
    'zh-CN': '缓存中存的是输出而不是输入',
  },
  explanation: {
    en:
      'dW = Xᵀ·dout needs the layer\'s input X. With out (N×M) cached in its place, dW becomes outᵀ·dout, an M×M ' +
      'matrix. Cache what the backward formulas read: x and w. (Caching the output is right for σ, not here.)',
    'zh-CN':
      'dW = Xᵀ·dout 需要该层的输入 X。如果缓存的是 out（N×M），dW 就变成 outᵀ·dout，一个 M×M 矩阵。' +
      '缓存反向公式要读取的东西：x 和 w。（缓存输出对 σ 是对的，在这里不对。）',
  },
};

export function denseForward(x: Matrix, w: Matrix, b: Float64Array): DenseForwardResult {
  const { out } = correctForward(x, w, b);
  return { out, cache: { x: out, w } };
}
