import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { LayerNormCache } from '../layernorm.ts';
export { layerNormForward, rmsNormForward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'LayerNorm backward treats the row mean and variance as constants, dx = dout·γ/σ',
    'zh-CN': 'LayerNorm 的反向传播把每行的均值和方差当成常数：dx = dout·γ/σ',
  },
  explanation: {
    en:
      'μ and σ² of a row are computed from that very row, so every x[n][j] reaches the loss three ways: directly through ' +
      'x̂, through μ, and through σ². Your dx keeps only the direct path, dout·γ/√(σ² + eps), so its rows do not sum ' +
      'to 0 and it is not orthogonal to x̂. With g = dout·γ and s = 1/√(σ² + eps), the full gradient of a row is ' +
      '(s/D)·(D·g − Σⱼ g − x̂·Σⱼ g·x̂).',
    'zh-CN':
      '一行的 μ 和 σ² 正是由这一行算出来的，所以每个 x[n][j] 通过三条路径影响损失：经 x̂ 直接影响、经 μ、经 σ²。' +
      '你的 dx 只保留了直接路径 dout·γ/√(σ² + eps)，所以它的每一行之和不为 0，也不与 x̂ 正交。' +
      '记 g = dout·γ、s = 1/√(σ² + eps)，一行的完整梯度是 (s/D)·(D·g − Σⱼ g − x̂·Σⱼ g·x̂)。',
  },
};

export function layerNormBackward(
  dout: Matrix,
  cache: LayerNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  const { xhat, invStd, gamma } = cache;
  if (dout.rows !== xhat.rows || dout.cols !== xhat.cols) {
    throw new Error(`layerNormBackward: dout is ${shapeOf(dout)} but the forward output was ${shapeOf(xhat)}`);
  }
  const n = dout.rows;
  const d = dout.cols;
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let k = 0; k < n * d; k++) {
    dbeta[k % d] += dout.data[k];
    dgamma[k % d] += dout.data[k] * xhat.data[k];
  }
  // The bug: only the direct path x → x̂, as if μ and σ² of the row did not depend on x.
  const dx = matrix(n, d);
  for (let k = 0; k < n * d; k++) dx.data[k] = dout.data[k] * gamma[k % d] * invStd[Math.floor(k / d)];
  return { dx, dgamma, dbeta };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [
      `  // Per row, with g = dout·γ = ∂L/∂x̂ and s = 1/√(σ² + eps):
  // dx = (s/D)·(D·g − Σⱼ g − x̂·Σⱼ g·x̂), the three paths (direct, through μ, through σ²) summed.
  // 逐行计算，记 g = dout·γ = ∂L/∂x̂，s = 1/√(σ² + eps)：dx = (s/D)·(D·g − Σⱼ g − x̂·Σⱼ g·x̂)，即三条路径（直接路径、经过 μ、经过 σ²）之和。
`,
      `  // Per row, with g = dout·γ = ∂L/∂x̂ and s = 1/√(σ² + eps).
  // 逐行计算，记 g = dout·γ = ∂L/∂x̂，s = 1/√(σ² + eps)。
`,
    ],
    [
      `      dx.data[k] = (invStd[i] / d) * (d * g - sumG - xhat.data[k] * sumGX);`,
      `      dx.data[k] = invStd[i] * g;`,
    ],
  ],
};
