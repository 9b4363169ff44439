import type { Mistake } from '../../../grader/core/mistakes.ts';
import { shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { ReluCache } from '../activations.ts';
export { geluBackward, geluForward, leakyReluBackward, leakyReluForward, reluForward, tanhBackward, tanhForward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'ReLU backward zeroes dout in place and returns it as dx',
    'zh-CN': 'ReLU 的反向传播原地把 dout 清零，再把它当作 dx 返回',
  },
  explanation: {
    en:
      'The NumPy classic `dx = dout; dx[x <= 0] = 0` does not copy: dx and dout are the same array, so the caller\'s ' +
      'dout is overwritten. When dout also flows elsewhere (a residual connection, a second branch, a gradient check ' +
      'that reuses it), that gradient is now wrong. Build dx as a new matrix (`dout.copy()` in NumPy).',
    'zh-CN':
      'NumPy 里的经典写法 `dx = dout; dx[x <= 0] = 0` 并不复制：dx 和 dout 是同一个数组，调用方的 dout 被改写了。' +
      '如果 dout 还要流向别处（残差连接、另一条分支、复用它的梯度检验），那里的梯度就错了。' +
      '把 dx 建成一个新矩阵（NumPy 里用 `dout.copy()`）。',
  },
};

export function reluBackward(dout: Matrix, cache: ReluCache): Matrix {
  const { x } = cache;
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`reluBackward: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
  const dx = dout;
  for (let k = 0; k < dx.data.length; k++) if (x.data[k] <= 0) dx.data[k] = 0;
  return dx;
}
