import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
export { rmsNormForward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'LayerNorm statistics taken over the batch (columns), as BatchNorm does',
    'zh-CN': 'LayerNorm 的统计量是在批量上（按列）求的，和 BatchNorm 一样',
  },
  explanation: {
    en:
      'LayerNorm normalises each example on its own: the mean and variance of row n are over its D features, so the ' +
      'result for one example does not depend on the rest of the batch (and N = 1 works). Taking them over the N rows of ' +
      'each column is BatchNorm in train mode. Only γ and β are per column; the statistics are per row.',
    'zh-CN':
      'LayerNorm 对每个样本单独归一化：第 n 行的均值和方差是在它的 D 个特征上求的，所以一个样本的结果不依赖批量中的其他样本' +
      '（N = 1 也能用）。在每一列的 N 行上求统计量，那是训练模式下的 BatchNorm。只有 γ 和 β 是按列的；统计量是按行的。',
  },
};

/** The column statistics' cache: x̂ and 1/√(σ² + eps) of each column. */
interface ColumnCache {
  xhat: Matrix;
  invStd: Float64Array;
  gamma: Float64Array;
}

export function layerNormForward(x: Matrix, gamma: Float64Array, beta: Float64Array, eps = 1e-5): { out: Matrix; cache: ColumnCache } {
  for (const [name, v] of [['gamma', gamma], ['beta', beta]] as const) {
    if (v.length !== x.cols) throw new Error(`layerNormForward: x is ${shapeOf(x)} (D = ${x.cols}) but ${name} has ${v.length} entries`);
  }
  const n = x.rows;
  const d = x.cols;
  // The bug: μ and σ² of each column, over the batch.
  const mean = new Float64Array(d);
  for (let k = 0; k < n * d; k++) mean[k % d] += x.data[k] / n;
  const variance = new Float64Array(d);
  for (let k = 0; k < n * d; k++) variance[k % d] += (x.data[k] - mean[k % d]) ** 2 / n;
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  for (let k = 0; k < n * d; k++) {
    const j = k % d;
    xhat.data[k] = (x.data[k] - mean[j]) * invStd[j];
    out.data[k] = gamma[j] * xhat.data[k] + beta[j];
  }
  return { out, cache: { xhat, invStd, gamma: Float64Array.from(gamma) } };
}

/** The backward pass of those column statistics (BatchNorm's, in train mode). */
export function layerNormBackward(dout: Matrix, cache: ColumnCache): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
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
  for (let k = 0; k < n * d; k++) {
    const j = k % d;
    dx.data[k] = ((gamma[j] * invStd[j]) / n) * (n * dout.data[k] - dbeta[j] - xhat.data[k] * dgamma[j]);
  }
  return { dx, dgamma, dbeta };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [
      `  const n = x.rows;
  const d = x.cols;
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  const invStd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.data.subarray(i * d, (i + 1) * d);
    let mean = 0;
    for (let j = 0; j < d; j++) mean += row[j];
    mean /= d;
    // Two passes: the variance from the centred values, never E[x²] − E[x]² (a large common
    // offset would cancel every digit of it). Biased: ÷D, as F.layer_norm.
    // 分两遍：用中心化后的值求方差，绝不用 E[x²] − E[x]²（很大的公共偏移会把它的有效数字全部抵消掉）。有偏：÷D，与 F.layer_norm 相同。
    let variance = 0;
    for (let j = 0; j < d; j++) variance += (row[j] - mean) ** 2;
    variance /= d;
    const s = 1 / Math.sqrt(variance + eps);
    invStd[i] = s;
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      xhat.data[k] = (row[j] - mean) * s;
      out.data[k] = gamma[j] * xhat.data[k] + beta[j];
    }
  }
`,
      `  const n = x.rows;
  const d = x.cols;
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  const mean = new Float64Array(d);
  for (let k = 0; k < n * d; k++) mean[k % d] += x.data[k] / n;
  const variance = new Float64Array(d);
  for (let k = 0; k < n * d; k++) variance[k % d] += (x.data[k] - mean[k % d]) ** 2 / n;
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  for (let k = 0; k < n * d; k++) {
    const j = k % d;
    xhat.data[k] = (x.data[k] - mean[j]) * invStd[j];
    out.data[k] = gamma[j] * xhat.data[k] + beta[j];
  }
`,
    ],
    [
      `  // Per row, with g = dout·γ = ∂L/∂x̂ and s = 1/√(σ² + eps):
  // dx = (s/D)·(D·g − Σⱼ g − x̂·Σⱼ g·x̂), the three paths (direct, through μ, through σ²) summed.
  // 逐行计算，记 g = dout·γ = ∂L/∂x̂，s = 1/√(σ² + eps)：dx = (s/D)·(D·g − Σⱼ g − x̂·Σⱼ g·x̂)，即三条路径（直接路径、经过 μ、经过 σ²）之和。
  const dx = matrix(n, d);
  for (let i = 0; i < n; i++) {
    let sumG = 0;
    let sumGX = 0;
    for (let j = 0; j < d; j++) {
      const g = dout.data[i * d + j] * gamma[j];
      sumG += g;
      sumGX += g * xhat.data[i * d + j];
    }
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      const g = dout.data[k] * gamma[j];
      dx.data[k] = (invStd[i] / d) * (d * g - sumG - xhat.data[k] * sumGX);
    }
  }
`,
      `  const dx = matrix(n, d);
  for (let k = 0; k < n * d; k++) {
    const j = k % d;
    dx.data[k] = ((gamma[j] * invStd[j]) / n) * (n * dout.data[k] - dbeta[j] - xhat.data[k] * dgamma[j]);
  }
`,
    ],
  ],
};
