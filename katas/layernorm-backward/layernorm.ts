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
  // Add the values your backward pass needs, e.g. x̂ (N×D) and 1/√(σ² + eps) of each row (N).
  // 加上你的反向传播需要的值，比如 x̂（N×D）和每行的 1/√(σ² + eps)（共 N 个）。
}

/**
 * Whatever rmsNormBackward needs from the forward pass (yours to choose, like LayerNormCache).
 *
 * 中文：rmsNormBackward 需要从前向传播得到的任何东西（和 LayerNormCache 一样由你决定）。
 */
export interface RMSNormCache {
  // Add the values your backward pass needs, e.g. x (N×D) and 1/rms of each row (N).
  // 加上你的反向传播需要的值，比如 x（N×D）和每行的 1/rms（共 N 个）。
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
  throw new Error('not implemented: layerNormForward(x, gamma, beta, eps)');
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
  throw new Error('not implemented: layerNormBackward(dout, cache)');
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
  throw new Error('not implemented: rmsNormForward(x, gamma, eps)');
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
  throw new Error('not implemented: rmsNormBackward(dout, cache)');
}
