import type { Mistake } from '../../../grader/core/mistakes.ts';
import { shapeOf, zipWith, type Matrix } from '../../lib/matrix.ts';
import type { GeluCache } from '../activations.ts';
export { geluForward, leakyReluBackward, leakyReluForward, reluBackward, reluForward, tanhBackward, tanhForward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'GELU backward keeps only the term through tanh, dropping 0.5·(1 + tanh)',
    'zh-CN': 'GELU 的反向传播只保留了经过 tanh 的那一项，丢掉了 0.5·(1 + tanh)',
  },
  explanation: {
    en:
      'GELU is a product, 0.5·x times (1 + tanh(u(x))), and both factors depend on x: the product rule gives two terms, ' +
      'one where the first factor is differentiated and one where the tanh is. With only the tanh term, dx(0) is 0 instead ' +
      'of ½·dout, and for large x it tends to 0 instead of dout. Write both terms.',
    'zh-CN':
      'GELU 是一个乘积：0.5·x 乘以 (1 + tanh(u(x)))，两个因子都依赖 x。乘积法则给出两项：一项对前一个因子求导，' +
      '一项对 tanh 求导。只留下 tanh 那一项，dx(0) 就是 0 而不是 ½·dout，x 很大时 dx 趋于 0 而不是 dout。' +
      '两项都要写上。',
  },
};

export function geluBackward(dout: Matrix, cache: GeluCache): Matrix {
  const { x } = cache;
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`geluBackward: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
  const scale = Math.sqrt(2 / Math.PI);
  return zipWith(dout, x, (g, v) => {
    const t = Math.tanh(scale * (v + 0.044715 * v * v * v));
    const du = scale * (1 + 3 * 0.044715 * v * v);
    return g * (0.5 * v * (1 - t * t) * du);
  });
}
