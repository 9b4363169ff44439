import type { Mistake } from '../../../grader/core/mistakes.ts';
import { shapeOf, zipWith, type Matrix } from '../../lib/matrix.ts';
import type { LeakyReluCache } from '../activations.ts';
export { geluBackward, geluForward, leakyReluForward, reluBackward, reluForward, tanhBackward, tanhForward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'leaky ReLU backward uses the default slope 0.01, not the one the forward pass used',
    'zh-CN': 'leaky ReLU 的反向传播用的是默认斜率 0.01，而不是前向传播用的斜率',
  },
  explanation: {
    en:
      'The backward pass must use the negativeSlope of its own forward call. Written as a constant 0.01 (the default), ' +
      'it is right for the default slope and wrong for every other one. Keep the slope in the cache, next to x, and read ' +
      'it from there.',
    'zh-CN':
      '反向传播必须使用它对应的那次前向传播的 negativeSlope。写成常数 0.01（默认值）时，默认斜率下是对的，' +
      '换成任何其他斜率都会出错。把斜率和 x 一起存进 cache，再从 cache 里读出来。',
  },
};

export function leakyReluBackward(dout: Matrix, cache: LeakyReluCache): Matrix {
  const { x } = cache;
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`leakyReluBackward: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
  return zipWith(dout, x, (g, v) => (v > 0 ? g : 0.01 * g));
}
