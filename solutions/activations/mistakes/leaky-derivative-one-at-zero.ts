import type { Mistake } from '../../../grader/core/mistakes.ts';
import { shapeOf, zipWith, type Matrix } from '../../lib/matrix.ts';
import type { LeakyReluCache } from '../activations.ts';
export { geluBackward, geluForward, leakyReluForward, reluBackward, reluForward, tanhBackward, tanhForward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'LeakyReLU′(0) taken as 1 instead of the slope',
    'zh-CN': 'LeakyReLU′(0) 取成了 1，而不是斜率',
  },
  explanation: {
    en:
      'PyTorch splits leaky ReLU at x > 0: the derivative is 1 there and negativeSlope everywhere else, so at exactly ' +
      '0 too. Testing x >= 0 (or x < 0 for the slope) gives 1 at 0. The forward pass cannot tell (both branches give 0 ' +
      'there), only the gradient can: compare with the same test as in reluBackward, x > 0.',
    'zh-CN':
      'PyTorch 以 x > 0 为界划分 leaky ReLU：那里导数为 1，其余地方（包括恰好为 0 处）导数为 negativeSlope。' +
      '写成 x >= 0（或者用 x < 0 判断是否取斜率）会在 0 处得到 1。前向传播看不出区别（两个分支在 0 处都给出 0），' +
      '只有梯度能看出来：用和 reluBackward 相同的判断条件 x > 0。',
  },
};

export function leakyReluBackward(dout: Matrix, cache: LeakyReluCache): Matrix {
  const { x, negativeSlope } = cache;
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`leakyReluBackward: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
  return zipWith(dout, x, (g, v) => (v < 0 ? negativeSlope * g : g));
}
