import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { LayerNormCache } from '../layernorm.ts';
export { layerNormForward, rmsNormForward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'LayerNorm backward misses the path through the mean',
    'zh-CN': 'LayerNorm 的反向传播漏掉了经过均值的路径',
  },
  explanation: {
    en:
      'x − μ depends on every entry of the row through μ = Σⱼ x/D, so each x[n][j] also reaches the loss through ∂L/∂μ, ' +
      'spread back as ∂L/∂μ / D. Your dx has the variance term, s·(g − x̂·mean(g·x̂)), but not −s·mean(g): its rows do ' +
      'not sum to 0, although adding a constant to a row of x changes nothing.',
    'zh-CN':
      'x − μ 通过 μ = Σⱼ x/D 依赖这一行的每个元素，所以每个 x[n][j] 还会通过 ∂L/∂μ 影响损失，回传时是 ∂L/∂μ / D。' +
      '你的 dx 有方差那一项 s·(g − x̂·mean(g·x̂))，却没有 −s·mean(g)：它的每一行之和不为 0，' +
      '而给 x 的一行加上常数其实不会改变任何输出。',
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
    let sumGX = 0;
    for (let j = 0; j < d; j++) sumGX += dout.data[i * d + j] * gamma[j] * xhat.data[i * d + j];
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      // The bug: the direct path and the variance's, but μ treated as a constant (no Σⱼ g term).
      dx.data[k] = (invStd[i] / d) * (d * dout.data[k] * gamma[j] - xhat.data[k] * sumGX);
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
      `      dx.data[k] = (invStd[i] / d) * (d * g - xhat.data[k] * sumGX);`,
    ],
  ],
};
