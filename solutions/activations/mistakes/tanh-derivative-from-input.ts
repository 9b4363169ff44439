import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, shapeOf, zipWith, type Matrix } from '../../lib/matrix.ts';
import type { ActivationResult } from '../activations.ts';
export { geluBackward, geluForward, leakyReluBackward, leakyReluForward, reluBackward, reluForward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'tanh′ computed from the input: 1 − x² instead of 1 − out²',
    'zh-CN': 'tanh′ 用输入来算：1 − x²，而不是 1 − out²',
  },
  explanation: {
    en:
      'tanh′(x) = 1 − tanh²(x): the square of the OUTPUT. 1 − x² squares the input instead; it is close to right only ' +
      'near 0, and for |x| > 1 it is even negative. It is the same trap as σ′ = a·(1 − a), which wants a = σ(z) and not z. ' +
      'Cache out in the forward pass and write the derivative with it.',
    'zh-CN':
      'tanh′(x) = 1 − tanh²(x)：平方的是输出。1 − x² 平方的却是输入；它只在 0 附近差不多对，|x| > 1 时甚至是负数。' +
      '这和 σ′ = a·(1 − a) 是同一个陷阱：那里要的是 a = σ(z)，而不是 z。' +
      '前向传播时把 out 存进 cache，再用它写导数。',
  },
};

/** The cache of this version: the input as well as the output. */
interface TanhInputCache {
  readonly x: Matrix;
  readonly out: Matrix;
}

export function tanhForward(x: Matrix): ActivationResult<TanhInputCache> {
  const out = map(x, Math.tanh);
  return { out, cache: { x, out } };
}

export function tanhBackward(dout: Matrix, cache: TanhInputCache): Matrix {
  const { x } = cache;
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`tanhBackward: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
  return zipWith(dout, x, (g, v) => g * (1 - v * v));
}
