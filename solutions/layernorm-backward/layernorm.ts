/**
 * Kata: layernorm-backward. Statement: README.md beside this file.
 *
 * 中文：本题是 layernorm-backward，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- layernorm`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- layernorm`。
 */
import { isMatrix, matrix, shapeOf, type Matrix } from '../lib/index.ts';

/**
 * Whatever layerNormBackward needs from the forward pass. The fields are yours to choose:
 * nothing outside this file reads them.
 *
 * 中文：layerNormBackward 需要从前向传播得到的任何东西。字段由你决定：这个文件之外没有代码读取它们。
 */
export interface LayerNormCache {
  /**
   * N×D: x̂ = (x − μ)/√(σ² + eps), row by row.
   *
   * 中文：N×D：逐行计算的 x̂ = (x − μ)/√(σ² + eps)。
   */
  xhat: Matrix;
  /**
   * N: 1/√(σ² + eps) of each row.
   *
   * 中文：N 个：每行的 1/√(σ² + eps)。
   */
  invStd: Float64Array;
  /**
   * D: a copy of gamma, so a later optimizer step cannot change what backward sees.
   *
   * 中文：D 个：gamma 的副本，这样之后优化器的更新改变不了反向传播看到的值。
   */
  gamma: Float64Array;
}

/**
 * Whatever rmsNormBackward needs from the forward pass (yours to choose, like LayerNormCache).
 *
 * 中文：rmsNormBackward 需要从前向传播得到的任何东西（和 LayerNormCache 一样由你决定）。
 */
export interface RMSNormCache {
  /**
   * N×D: x/rms, row by row (out before gamma).
   *
   * 中文：N×D：逐行计算的 x/rms（乘 gamma 之前的 out）。
   */
  xhat: Matrix;
  /**
   * N: 1/rms = 1/√(mean(x²) + eps) of each row.
   *
   * 中文：N 个：每行的 1/rms = 1/√(mean(x²) + eps)。
   */
  invRms: Float64Array;
  /**
   * D: a copy of gamma.
   *
   * 中文：D 个：gamma 的副本。
   */
  gamma: Float64Array;
}

/**
 * Layer normalisation, forward (PyTorch's F.layer_norm over the last dimension): each ROW of x
 * is normalised with its own mean and biased variance, then scaled and shifted per column:
 * out[n][j] = γⱼ·x̂[n][j] + βⱼ with x̂[n] = (x[n] − μₙ)/√(σ²ₙ + eps).
 *
 * 中文：层归一化的前向传播（即 PyTorch 在最后一维上做的 F.layer_norm）：x 的每一**行**用它自己的均值和有偏方差归一化，再按列缩放和平移：out[n][j] = γⱼ·x̂[n][j] + βⱼ，其中 x̂[n] = (x[n] − μₙ)/√(σ²ₙ + eps)。
 * @param x N×D input, one example per row (not modified)
 *   中文：N×D 输入，每行一个样本（不会被修改）
 * @param gamma D scales γ (not modified)
 *   中文：D 个缩放系数 γ（不会被修改）
 * @param beta D shifts β (not modified)
 *   中文：D 个平移量 β（不会被修改）
 * @param eps added to each row's variance inside the square root (default 1e-5)
 *   中文：在平方根之内加到每行的方差上（默认 1e-5）
 * @returns out, N×D, and the cache for layerNormBackward
 *   中文：out，N×D，以及 layerNormBackward 需要的缓存
 * @throws Error naming both shapes when gamma or beta does not have D entries
 *   中文：当 gamma 或 beta 不是 D 个元素时，抛出写明两个形状的 Error
 */
export function layerNormForward(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  eps = 1e-5,
): { out: Matrix; cache: LayerNormCache } {
  checkParams('layerNormForward', x, [['gamma', gamma], ['beta', beta]]);
  const n = x.rows;
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
  return { out, cache: { xhat, invStd, gamma: Float64Array.from(gamma) } };
}

/**
 * Layer normalisation, backward. μₙ and σ²ₙ are functions of row n of x, so the gradient goes
 * through them; γ and β are shared by all N rows.
 *
 * 中文：层归一化的反向传播。μₙ 和 σ²ₙ 是 x 第 n 行的函数，所以梯度也要经过它们；γ 和 β 由全部 N 行共用。
 * @param dout N×D upstream gradient ∂L/∂out (not modified)
 *   中文：N×D 的上游梯度 ∂L/∂out（不会被修改）
 * @param cache what layerNormForward returned
 *   中文：layerNormForward 返回的缓存
 * @returns dx N×D, dgamma D, dbeta D
 * @throws Error naming both shapes when dout is not the shape of the forward output
 *   中文：当 dout 与前向输出形状不同时，抛出写明两个形状的 Error
 */
export function layerNormBackward(
  dout: Matrix,
  cache: LayerNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  checkDout('layerNormBackward', dout, cache.xhat);
  const { xhat, invStd, gamma } = cache;
  const n = dout.rows;
  const d = dout.cols;
  // γ and β are broadcast over the rows: their gradients are sums over the batch.
  // γ 和 β 在各行上广播：它们的梯度是在批量上的求和。
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let k = 0; k < n * d; k++) {
    dbeta[k % d] += dout.data[k];
    dgamma[k % d] += dout.data[k] * xhat.data[k];
  }
  // Per row, with g = dout·γ = ∂L/∂x̂ and s = 1/√(σ² + eps):
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
  return { dx, dgamma, dbeta };
}

/**
 * RMS normalisation, forward (the LLaMA form): each row is divided by its root mean square,
 * then scaled per column: out[n][j] = γⱼ·x[n][j]/√(mean(x[n]²) + eps). No mean is subtracted
 * and there is no β.
 *
 * 中文：RMS 归一化的前向传播（LLaMA 的形式）：每行除以它的均方根，再按列缩放：out[n][j] = γⱼ·x[n][j]/√(mean(x[n]²) + eps)。不减均值，也没有 β。
 * @param x N×D input (not modified)
 *   中文：N×D 输入（不会被修改）
 * @param gamma D scales γ (not modified)
 *   中文：D 个缩放系数 γ（不会被修改）
 * @param eps added to each row's mean square inside the square root (default 1e-6)
 *   中文：在平方根之内加到每行的均方上（默认 1e-6）
 * @returns out, N×D, and the cache for rmsNormBackward
 *   中文：out，N×D，以及 rmsNormBackward 需要的缓存
 * @throws Error naming both shapes when gamma does not have D entries
 *   中文：当 gamma 不是 D 个元素时，抛出写明两个形状的 Error
 */
export function rmsNormForward(x: Matrix, gamma: Float64Array, eps = 1e-6): { out: Matrix; cache: RMSNormCache } {
  checkParams('rmsNormForward', x, [['gamma', gamma]]);
  const n = x.rows;
  const d = x.cols;
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  const invRms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let meanSquare = 0;
    for (let j = 0; j < d; j++) meanSquare += x.data[i * d + j] ** 2;
    meanSquare /= d;
    const r = 1 / Math.sqrt(meanSquare + eps);
    invRms[i] = r;
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      xhat.data[k] = x.data[k] * r;
      out.data[k] = gamma[j] * xhat.data[k];
    }
  }
  return { out, cache: { xhat, invRms, gamma: Float64Array.from(gamma) } };
}

/**
 * RMS normalisation, backward: the rms of row n is a function of every entry of that row.
 *
 * 中文：RMS 归一化的反向传播：第 n 行的 rms 是该行每个元素的函数。
 * @param dout N×D upstream gradient (not modified)
 *   中文：N×D 的上游梯度（不会被修改）
 * @param cache what rmsNormForward returned
 *   中文：rmsNormForward 返回的缓存
 * @returns dx N×D, dgamma D
 * @throws Error naming both shapes when dout is not the shape of the forward output
 *   中文：当 dout 与前向输出形状不同时，抛出写明两个形状的 Error
 */
export function rmsNormBackward(dout: Matrix, cache: RMSNormCache): { dx: Matrix; dgamma: Float64Array } {
  checkDout('rmsNormBackward', dout, cache.xhat);
  const { xhat, invRms, gamma } = cache;
  const n = dout.rows;
  const d = dout.cols;
  const dgamma = new Float64Array(d);
  for (let k = 0; k < n * d; k++) dgamma[k % d] += dout.data[k] * xhat.data[k];
  // Per row, with g = dout·γ and r = 1/rms: dx = r·(g − x̂·mean(g·x̂)); the second term is the
  // path through the rms (∂r/∂xⱼ = −r³·xⱼ/D).
  // 逐行计算，记 g = dout·γ，r = 1/rms：dx = r·(g − x̂·mean(g·x̂))；第二项是经过 rms 的路径（∂r/∂xⱼ = −r³·xⱼ/D）。
  const dx = matrix(n, d);
  for (let i = 0; i < n; i++) {
    let sumGX = 0;
    for (let j = 0; j < d; j++) sumGX += dout.data[i * d + j] * gamma[j] * xhat.data[i * d + j];
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      dx.data[k] = invRms[i] * (dout.data[k] * gamma[j] - (xhat.data[k] * sumGX) / d);
    }
  }
  return { dx, dgamma };
}

// ---------------------------------------------------------------------------------------

/**
 * x must be a Matrix and every per-column vector must have D = x.cols entries.
 *
 * 中文：x 必须是 Matrix，每个按列作用的向量都必须有 D = x.cols 个元素。
 */
function checkParams(fn: string, x: Matrix, vectors: [string, Float64Array][]): void {
  if (!isMatrix(x)) throw new Error(`${fn}: x must be a Matrix { rows, cols, data: Float64Array }`);
  for (const [name, v] of vectors) {
    if (v.length !== x.cols) {
      throw new Error(`${fn}: x is ${shapeOf(x)} (D = ${x.cols}) but ${name} has ${v.length} entries`);
    }
  }
}

/**
 * dout must have the shape of the forward output.
 *
 * 中文：dout 必须与前向输出形状相同。
 */
function checkDout(fn: string, dout: Matrix, out: Matrix): void {
  if (!isMatrix(dout) || dout.rows !== out.rows || dout.cols !== out.cols) {
    const got = isMatrix(dout) ? shapeOf(dout) : 'not a Matrix';
    throw new Error(`${fn}: dout is ${got} but the forward output was ${shapeOf(out)}`);
  }
}
