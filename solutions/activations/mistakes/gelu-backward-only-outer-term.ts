import type { Mistake } from '../../../grader/core/mistakes.ts';
import { shapeOf, zipWith, type Matrix } from '../../lib/matrix.ts';
import type { GeluCache } from '../activations.ts';
export { geluForward, leakyReluBackward, leakyReluForward, reluBackward, reluForward, tanhBackward, tanhForward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'GELU backward is only 0.5·(1 + tanh(…)): the derivative of the tanh is missing',
    'zh-CN': 'GELU 的反向传播只有 0.5·(1 + tanh(…))：少了 tanh 的导数',
  },
  explanation: {
    en:
      'Treating the tanh factor as a constant differentiates only the 0.5·x in front. But the tanh depends on x too: the ' +
      'product rule adds 0.5·x·(1 − tanh²)·u′(x), with u′(x) = √(2/π)·(1 + 3·0.044715·x²). Without it, dx is right far ' +
      'from 0 (where the tanh saturates) and wrong around 0, where GELU is used most. Write both terms.',
    'zh-CN':
      '把 tanh 因子当作常数，就只对前面的 0.5·x 求了导。但 tanh 也依赖 x：乘积法则还要加上 ' +
      '0.5·x·(1 − tanh²)·u′(x)，其中 u′(x) = √(2/π)·(1 + 3·0.044715·x²)。少了这一项，dx 在远离 0 处' +
      '（tanh 饱和的地方）是对的，在 0 附近却是错的，而 GELU 恰恰主要在那里起作用。两项都要写上。',
  },
};

export function geluBackward(dout: Matrix, cache: GeluCache): Matrix {
  const { x } = cache;
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`geluBackward: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
  const scale = Math.sqrt(2 / Math.PI);
  return zipWith(dout, x, (g, v) => g * 0.5 * (1 + Math.tanh(scale * (v + 0.044715 * v * v * v))));
}
