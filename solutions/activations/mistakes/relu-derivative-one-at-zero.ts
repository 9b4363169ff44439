import type { Mistake } from '../../../grader/core/mistakes.ts';
import { shapeOf, zipWith, type Matrix } from '../../lib/matrix.ts';
import type { ReluCache } from '../activations.ts';
export { geluBackward, geluForward, leakyReluBackward, leakyReluForward, reluForward, tanhBackward, tanhForward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'ReLU′ taken as 1 at x = 0 (the mask is x ≥ 0)',
    'zh-CN': 'ReLU′ 在 x = 0 处取成了 1（掩码写成了 x ≥ 0）',
  },
  explanation: {
    en:
      'ReLU has no derivative at 0, so every framework picks a value, and PyTorch (like TensorFlow and JAX) picks 0: ' +
      'the gradient passes only where x > 0. A mask of x >= 0 lets it through at exactly 0, which happens more often ' +
      'than it seems (a ReLU after another ReLU, zero padding, integer inputs). Write the mask as x > 0.',
    'zh-CN':
      'ReLU 在 0 处不可导，所以每个框架都得自己选一个值；PyTorch（和 TensorFlow、JAX 一样）选的是 0：' +
      '只有 x > 0 的位置才让梯度通过。写成 x >= 0 的掩码会让梯度在恰好为 0 的地方也通过，' +
      '而这种情况比想象中常见（ReLU 后面再接 ReLU、零填充、整数输入）。掩码应写成 x > 0。',
  },
};

export function reluBackward(dout: Matrix, cache: ReluCache): Matrix {
  const { x } = cache;
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`reluBackward: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
  return zipWith(dout, x, (g, v) => (v >= 0 ? g : 0));
}
