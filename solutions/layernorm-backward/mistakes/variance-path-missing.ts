import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { LayerNormCache } from '../layernorm.ts';
export { layerNormForward, rmsNormForward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'LayerNorm backward misses the path through the variance',
    'zh-CN': 'LayerNorm 的反向传播漏掉了经过方差的路径',
  },
  explanation: {
    en:
      'σ² = Σⱼ(x − μ)²/D depends on every entry of the row, so besides the direct path and the path through μ, each ' +
      'x[n][j] also reaches the loss through ∂L/∂σ², with ∂σ²/∂x = 2(x − μ)/D. Your dx has the mean term, s·(g − mean(g)), ' +
      'but not the term −s·x̂·mean(g·x̂), so it is not orthogonal to x̂ and is right only where x̂ is 0.',
    'zh-CN':
      'σ² = Σⱼ(x − μ)²/D 依赖这一行的每个元素，所以除了直接路径和经过 μ 的路径，每个 x[n][j] 还会通过 ∂L/∂σ² 影响损失，' +
      '其中 ∂σ²/∂x = 2(x − μ)/D。你的 dx 有均值那一项 s·(g − mean(g))，却没有 −s·x̂·mean(g·x̂) 这一项，' +
      '所以它不与 x̂ 正交，只在 x̂ 为 0 的地方是对的。',
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
  const dx = matrix(n, d);
  for (let i = 0; i < n; i++) {
    let sumG = 0;
    for (let j = 0; j < d; j++) sumG += dout.data[i * d + j] * gamma[j];
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      // The bug: the direct path and the mean's, but σ² treated as a constant (no x̂·Σⱼ g·x̂ term).
      dx.data[k] = (invStd[i] / d) * (d * dout.data[k] * gamma[j] - sumG);
    }
  }
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
      `      dx.data[k] = (invStd[i] / d) * (d * g - sumG);`,
    ],
  ],
};
