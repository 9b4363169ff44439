import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { RMSNormCache } from '../layernorm.ts';
export { layerNormForward, layerNormBackward, rmsNormForward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'RMSNorm backward misses the path through the rms, dx = dout·γ/rms',
    'zh-CN': 'RMSNorm 的反向传播漏掉了经过均方根的路径：dx = dout·γ/rms',
  },
  explanation: {
    en:
      'rms = √(mean(x²) + eps) is computed from the row itself, so each x[n][j] also reaches the loss through it, with ' +
      '∂(1/rms)/∂xⱼ = −xⱼ/(D·rms³). Your dx keeps only dout·γ/rms; the missing term is −x̂·mean(g·x̂)/rms with g = dout·γ ' +
      'and x̂ = x/rms. Without it dx is not orthogonal to x, although scaling a row (eps aside) changes nothing.',
    'zh-CN':
      'rms = √(mean(x²) + eps) 是由这一行本身算出来的，所以每个 x[n][j] 还会通过它影响损失，' +
      '其中 ∂(1/rms)/∂xⱼ = −xⱼ/(D·rms³)。你的 dx 只保留了 dout·γ/rms；漏掉的一项是 −x̂·mean(g·x̂)/rms，' +
      '其中 g = dout·γ，x̂ = x/rms。少了它，dx 就不与 x 正交，而缩放一行（不计 eps）其实不会改变任何输出。',
  },
};

export function rmsNormBackward(dout: Matrix, cache: RMSNormCache): { dx: Matrix; dgamma: Float64Array } {
  const { xhat, invRms, gamma } = cache;
  if (dout.rows !== xhat.rows || dout.cols !== xhat.cols) {
    throw new Error(`rmsNormBackward: dout is ${shapeOf(dout)} but the forward output was ${shapeOf(xhat)}`);
  }
  const n = dout.rows;
  const d = dout.cols;
  const dgamma = new Float64Array(d);
  for (let k = 0; k < n * d; k++) dgamma[k % d] += dout.data[k] * xhat.data[k];
  // The bug: 1/rms treated as a constant, so only the direct path x → x·(1/rms).
  const dx = matrix(n, d);
  for (let k = 0; k < n * d; k++) dx.data[k] = invRms[Math.floor(k / d)] * dout.data[k] * gamma[k % d];
  return { dx, dgamma };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [
      `  // Per row, with g = dout·γ and r = 1/rms: dx = r·(g − x̂·mean(g·x̂)); the second term is the
  // path through the rms (∂r/∂xⱼ = −r³·xⱼ/D).
  // 逐行计算，记 g = dout·γ，r = 1/rms：dx = r·(g − x̂·mean(g·x̂))；第二项是经过 rms 的路径（∂r/∂xⱼ = −r³·xⱼ/D）。
`,
      `  // Per row, with g = dout·γ and r = 1/rms.
  // 逐行计算，记 g = dout·γ，r = 1/rms。
`,
    ],
    [
      `      dx.data[k] = invRms[i] * (dout.data[k] * gamma[j] - (xhat.data[k] * sumGX) / d);`,
      `      dx.data[k] = invRms[i] * dout.data[k] * gamma[j];`,
    ],
  ],
};
