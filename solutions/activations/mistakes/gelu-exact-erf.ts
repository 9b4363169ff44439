import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, shapeOf, zipWith, type Matrix } from '../../lib/matrix.ts';
import type { ActivationResult, GeluCache } from '../activations.ts';
export { leakyReluBackward, leakyReluForward, reluBackward, reluForward, tanhBackward, tanhForward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'GELU as the exact erf form x·Φ(x), not the tanh approximation',
    'zh-CN': 'GELU 写成了精确的 erf 形式 x·Φ(x)，而不是 tanh 近似',
  },
  explanation: {
    en:
      'There are two GELUs. PyTorch\'s default F.gelu is the exact x·Φ(x) with Φ(x) = ½·(1 + erf(x/√2)); this kata asks for ' +
      'approximate=\'tanh\', 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))), the form of BERT and GPT-2. The two differ by up ' +
      'to about 5e-4, and so do their derivatives: far more than float64 round-off. Say which one you mean.',
    'zh-CN':
      'GELU 有两种。PyTorch 默认的 F.gelu 是精确的 x·Φ(x)，其中 Φ(x) = ½·(1 + erf(x/√2))；这道题要的是 ' +
      'approximate=\'tanh\'，即 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))，也就是 BERT 和 GPT-2 用的形式。' +
      '两者最多相差约 5e-4，导数也是如此：远大于 float64 的舍入误差。面试时要说清楚你指的是哪一种。',
  },
};

/** erf(z) to about 1e-15: its Taylor series for |z| < 2.5, the continued fraction of erfc beyond. */
function erf(z: number): number {
  const a = Math.abs(z);
  if (a < 2.5) {
    let term = z;
    let sum = z;
    for (let n = 1; n < 80; n++) {
      term *= (-z * z) / n;
      sum += term / (2 * n + 1);
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  let fraction = 0;
  for (let n = 60; n >= 1; n--) fraction = n / 2 / (a + fraction);
  const erfc = Math.exp(-a * a) / Math.sqrt(Math.PI) / (a + fraction);
  return Math.sign(z) * (1 - erfc);
}

export function geluForward(x: Matrix): ActivationResult<GeluCache> {
  const out = map(x, (v) => 0.5 * v * (1 + erf(v / Math.SQRT2)));
  return { out, cache: { x } };
}

export function geluBackward(dout: Matrix, cache: GeluCache): Matrix {
  const { x } = cache;
  if (dout.rows !== x.rows || dout.cols !== x.cols) {
    throw new Error(`geluBackward: dout is ${shapeOf(dout)} but the forward input x was ${shapeOf(x)}; they must have the same shape`);
  }
  return zipWith(dout, x, (g, v) => {
    const cdf = 0.5 * (1 + erf(v / Math.SQRT2));
    const pdf = Math.exp(-0.5 * v * v) / Math.sqrt(2 * Math.PI);
    return g * (cdf + v * pdf);
  });
}
