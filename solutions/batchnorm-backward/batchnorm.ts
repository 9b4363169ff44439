/**
 * Kata: batchnorm-backward. Statement: README.md beside this file.
 *
 * 中文：本题是 batchnorm-backward，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- batchnorm`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- batchnorm`。
 */
import { isMatrix, matrix, shapeOf, type Matrix } from '../lib/index.ts';

/**
 * PyTorch BatchNorm1d's buffers: one running mean and one running variance per column.
 *
 * 中文：PyTorch BatchNorm1d 的缓冲区：每列一个滑动均值和一个滑动方差。
 */
export interface BatchNormState {
  /**
   * D entries; BatchNorm1d starts it at 0. Updated in place in train mode.
   *
   * 中文：D 个元素；BatchNorm1d 把它初始化为 0。训练模式下原地更新。
   */
  runningMean: Float64Array;
  /**
   * D entries; BatchNorm1d starts it at 1. Updated in place in train mode.
   *
   * 中文：D 个元素；BatchNorm1d 把它初始化为 1。训练模式下原地更新。
   */
  runningVar: Float64Array;
}

export interface BatchNormOptions {
  /**
   * 'train': normalise with the batch statistics and update the running ones; 'eval': use the running ones.
   *
   * 中文：'train'：用这个批量的统计量做归一化，并更新滑动统计量；'eval'：用滑动统计量。
   */
  mode: 'train' | 'eval';
  /**
   * Weight of the new batch in the running averages (PyTorch's meaning). Default 0.1.
   *
   * 中文：新批量在滑动平均中的权重（PyTorch 的含义）。默认 0.1。
   */
  momentum?: number;
  /**
   * Added to the variance inside the square root. Default 1e-5.
   *
   * 中文：在平方根内加到方差上的数。默认 1e-5。
   */
  eps?: number;
}

/**
 * Whatever batchnormBackward needs from the forward pass. The fields are yours to choose:
 * nothing outside this file reads them.
 *
 * 中文：batchnormBackward 需要从前向传播拿到的一切。字段由你决定：这个文件以外没有代码读取它们。
 */
export interface BatchNormCache {
  mode: 'train' | 'eval';
  /**
   * N×D: x − μ, centred by the batch mean (train) or the running mean (eval).
   *
   * 中文：N×D：x − μ，用批量均值（训练模式）或滑动均值（评估模式）中心化。
   */
  centred: Matrix;
  /** N×D: x̂ = (x − μ)/√(σ² + eps). */
  xhat: Matrix;
  /**
   * D: 1/√(σ² + eps), with the batch variance (train) or the running variance (eval).
   *
   * 中文：D：1/√(σ² + eps)，用批量方差（训练模式）或滑动方差（评估模式）。
   */
  invStd: Float64Array;
  /**
   * D: a copy of gamma, so a later optimizer step cannot change what backward sees.
   *
   * 中文：D：gamma 的副本，这样之后优化器的更新就改变不了反向传播看到的值。
   */
  gamma: Float64Array;
}

export const DEFAULT_MOMENTUM = 0.1;
export const DEFAULT_EPS = 1e-5;

/**
 * γ, β and the running statistics of one BatchNorm layer: what `batchnormForward` takes.
 *
 * 中文：一个 BatchNorm 层的 γ、β 和滑动统计量：也就是 `batchnormForward` 要的那些参数。
 */
export interface BatchNormParams {
  gamma: Float64Array;
  beta: Float64Array;
  state: BatchNormState;
}

/**
 * A fresh layer's parameters and state, exactly as `torch.nn.BatchNorm1d(features)` starts:
 * γ = 1, β = 0, running mean 0, running variance 1, D = `features` entries each, in new
 * arrays on every call.
 *
 * 中文：一个新层的参数和状态，与刚构造的 `torch.nn.BatchNorm1d(features)` 完全一样：γ = 1，β = 0，滑动均值 0，滑动方差 1，各 D = `features` 个元素，每次调用都返回新数组。
 * @param features D, the number of columns the layer normalises: a positive integer
 *   中文：D，这一层归一化的列数：正整数
 * @returns `{ gamma, beta, state: { runningMean, runningVar } }`, four new Float64Arrays of D
 *   中文：`{ gamma, beta, state: { runningMean, runningVar } }`，四个新的 Float64Array，各 D 个元素
 * @throws Error naming the value when `features` is not a positive integer
 *   中文：`features` 不是正整数时，抛出写明该值的 Error
 */
export function createBatchNorm(features: number): BatchNormParams {
  if (!Number.isInteger(features) || features < 1) {
    throw new Error(`createBatchNorm: features must be a positive integer, got ${String(features)}`);
  }
  return {
    // γ = 1 and β = 0: the layer starts as plain standardisation, out = x̂.
    // γ = 1、β = 0：这一层一开始就是单纯的标准化，out = x̂。
    gamma: new Float64Array(features).fill(1),
    beta: new Float64Array(features),
    // Running mean 0 and variance 1: before any training, eval mode passes x through (up to eps).
    // 滑动均值 0、滑动方差 1：训练之前，评估模式几乎原样输出 x（只差 eps）。
    state: { runningMean: new Float64Array(features), runningVar: new Float64Array(features).fill(1) },
  };
}

/**
 * Batch normalisation, forward: y = γ·x̂ + β with x̂ = (x − μ)/√(σ² + eps), column by column.
 *
 * 中文：批量归一化的前向传播：逐列计算 y = γ·x̂ + β，其中 x̂ = (x − μ)/√(σ² + eps)。
 * @param x N×D input, one example per row (not modified)
 *   中文：N×D 的输入，每行一个样本（不会被修改）
 * @param gamma D scales γ (not modified)
 *   中文：D 个缩放系数 γ（不会被修改）
 * @param beta D shifts β (not modified)
 *   中文：D 个平移量 β（不会被修改）
 * @param state the running mean and variance, D entries each; updated IN PLACE in train mode
 *   中文：滑动均值和滑动方差，各 D 个元素；训练模式下原地更新
 * @param options mode 'train' | 'eval', momentum (default 0.1), eps (default 1e-5)
 *   中文：mode 'train' | 'eval'，momentum（默认 0.1），eps（默认 1e-5）
 * @returns out, N×D, and the cache for batchnormBackward
 *   中文：out（N×D），以及给 batchnormBackward 用的缓存
 * @throws Error naming both shapes when gamma, beta or the state do not have D entries, and
 *   in train mode when N < 2 (a batch of one example has no variance)
 *   中文：当 gamma、beta 或 state 不是 D 个元素时，抛出写明两个形状的 Error；训练模式下 N < 2 时也抛出（只有一个样本的批量没有方差）
 */
export function batchnormForward(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  state: BatchNormState,
  options: BatchNormOptions,
): { out: Matrix; cache: BatchNormCache } {
  const { mode, momentum, eps } = checkForwardInputs(x, gamma, beta, state, options);
  let mean: Float64Array;
  let variance: Float64Array;
  if (mode === 'train') {
    mean = columnMeans(x);
    variance = columnVariances(x, mean); // biased, ÷N: the spread of this batch
                                         // 有偏方差，÷N：这个批量本身的离散程度
    const n = x.rows;
    for (let j = 0; j < x.cols; j++) {
      const unbiased = (variance[j] * n) / (n - 1); // ÷(N−1): an estimate of the population's
                                                    // ÷(N−1)：对总体方差的估计
      state.runningMean[j] = (1 - momentum) * state.runningMean[j] + momentum * mean[j];
      state.runningVar[j] = (1 - momentum) * state.runningVar[j] + momentum * unbiased;
    }
  } else {
    mean = state.runningMean;
    variance = state.runningVar;
  }
  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  return normaliseColumns(x, gamma, beta, mean, invStd, mode);
}

/**
 * Batch normalisation, backward: the gradients of the loss with respect to x, γ and β.
 * In train mode μ and σ² are functions of x (see the graph in README.md); in eval mode they
 * are constants.
 *
 * 中文：批量归一化的反向传播：损失对 x、γ 和 β 的梯度。训练模式下 μ 和 σ² 是 x 的函数（见 README.zh-CN.md 中的计算图）；评估模式下它们是常数。
 * @param dout N×D upstream gradient ∂L/∂out (not modified)
 *   中文：N×D 的上游梯度 ∂L/∂out（不会被修改）
 * @param cache what batchnormForward returned
 *   中文：batchnormForward 返回的缓存
 * @returns dx N×D, dgamma D, dbeta D
 * @throws Error naming both shapes when dout is not the shape of the forward output
 *   中文：当 dout 与前向输出的形状不同时，抛出写明两个形状的 Error
 */
export function batchnormBackward(
  dout: Matrix,
  cache: BatchNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  checkDoutShape('batchnormBackward', dout, cache);
  const { centred, invStd, gamma } = cache;
  const n = dout.rows;
  const d = dout.cols;
  const { dgamma, dbeta } = paramGradients(dout, cache);

  // y = γ·x̂ + β  ⇒  ∂L/∂x̂ = dout·γ.
  const dxhat = matrix(n, d);
  for (let k = 0; k < n * d; k++) dxhat.data[k] = dout.data[k] * gamma[k % d];

  // x̂ = (x − μ)·s with s = 1/√(σ² + eps): the direct path to (x − μ).
  // x̂ = (x − μ)·s，其中 s = 1/√(σ² + eps)：通往 (x − μ) 的直接路径。
  const dcentred = matrix(n, d);
  for (let k = 0; k < n * d; k++) dcentred.data[k] = dxhat.data[k] * invStd[k % d];
  if (cache.mode === 'eval') return { dx: dcentred, dgamma, dbeta }; // μ, σ² are constants
                                                                     // μ、σ² 是常数

  // The path through s: ∂L/∂s = Σₙ ∂L/∂x̂·(x − μ); ds/dσ² = −½(σ² + eps)^(−3/2) = −½·s³.
  // 经过 s 的路径：∂L/∂s = Σₙ ∂L/∂x̂·(x − μ)；ds/dσ² = −½(σ² + eps)^(−3/2) = −½·s³。
  const dvar = new Float64Array(d);
  for (let k = 0; k < n * d; k++) dvar[k % d] += dxhat.data[k] * centred.data[k];
  for (let j = 0; j < d; j++) dvar[j] *= -0.5 * invStd[j] ** 3;
  // σ² = (1/N)·Σₙ (x − μ)²  ⇒  each (x − μ) entry also gets ∂L/∂σ²·2(x − μ)/N.
  // σ² = (1/N)·Σₙ (x − μ)²  ⇒  每个 (x − μ) 元素还会得到 ∂L/∂σ²·2(x − μ)/N。
  for (let k = 0; k < n * d; k++) dcentred.data[k] += (dvar[k % d] * 2 * centred.data[k]) / n;
  // x − μ with μ = (1/N)·Σₙ x: x gets ∂L/∂(x − μ) directly, μ gets −Σₙ of it, spread back as ÷N.
  // x − μ，其中 μ = (1/N)·Σₙ x：x 直接得到 ∂L/∂(x − μ)，μ 得到它的 −Σₙ，再 ÷N 分摊回每个 x。
  const dmean = new Float64Array(d);
  for (let k = 0; k < n * d; k++) dmean[k % d] -= dcentred.data[k];
  const dx = matrix(n, d);
  for (let k = 0; k < n * d; k++) dx.data[k] = dcentred.data[k] + dmean[k % d] / n;
  return { dx, dgamma, dbeta };
}

/**
 * Optional (graded only once you write it): the same gradients from one closed formula for dx
 * that you derive by simplifying your step-by-step backward (CS231n's batchnorm_backward_alt).
 * In train mode it needs only dout, x̂, γ, 1/√(σ² + eps) and two sums over the batch.
 *
 * 中文：选做（写了才评测）：同样的梯度，但 dx 用一个闭式公式算出，这个公式由你化简自己的逐步反向传播推导而来（即 CS231n 的 batchnorm_backward_alt）。训练模式下它只需要 dout、x̂、γ、1/√(σ² + eps) 和两个对批量的求和。
 * @param dout N×D upstream gradient (not modified)
 *   中文：N×D 的上游梯度（不会被修改）
 * @param cache what batchnormForward returned
 *   中文：batchnormForward 返回的缓存
 * @returns dx N×D, dgamma D, dbeta D, equal to batchnormBackward's
 *   中文：dx N×D、dgamma D、dbeta D，与 batchnormBackward 的结果相等
 */
export function batchnormBackwardAlt(
  dout: Matrix,
  cache: BatchNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  checkDoutShape('batchnormBackwardAlt', dout, cache);
  const { xhat, invStd, gamma } = cache;
  const n = dout.rows;
  const d = dout.cols;
  const { dgamma, dbeta } = paramGradients(dout, cache);
  // dx = (γ·s/N)·(N·dout − Σₙ dout − x̂·Σₙ(dout·x̂)) with s = 1/√(σ² + eps), in train mode.
  // 训练模式下 dx = (γ·s/N)·(N·dout − Σₙ dout − x̂·Σₙ(dout·x̂))，其中 s = 1/√(σ² + eps)。
  const dx = matrix(n, d);
  for (let k = 0; k < n * d; k++) {
    const j = k % d;
    dx.data[k] =
      cache.mode === 'eval'
        ? dout.data[k] * gamma[j] * invStd[j]
        : // Σₙ dout is dbeta and Σₙ dout·x̂ is dgamma: the two sums the formula needs.
          // Σₙ dout 就是 dbeta，Σₙ dout·x̂ 就是 dgamma：正是公式需要的两个求和。
          ((gamma[j] * invStd[j]) / n) * (n * dout.data[k] - dbeta[j] - xhat.data[k] * dgamma[j]);
  }
  return { dx, dgamma, dbeta };
}

// ---------------------------------------------------------------------------------------
// The helpers of the three functions above.
// 上面三个函数用到的辅助函数。
// ---------------------------------------------------------------------------------------

/**
 * Validates the forward inputs (shapes, mode, N ≥ 2 in train mode) and fills in the defaults.
 *
 * 中文：检查前向传播的输入（形状、模式、训练模式下 N ≥ 2），并补上默认值。
 */
function checkForwardInputs(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  state: BatchNormState,
  options: BatchNormOptions,
): Required<BatchNormOptions> {
  if (!isMatrix(x)) throw new Error('batchnormForward: x must be a Matrix { rows, cols, data: Float64Array }');
  const vectors: [string, Float64Array][] = [
    ['gamma', gamma],
    ['beta', beta],
    ['state.runningMean', state.runningMean],
    ['state.runningVar', state.runningVar],
  ];
  for (const [name, v] of vectors) {
    if (v.length !== x.cols) {
      throw new Error(`batchnormForward: x is ${shapeOf(x)} (D = ${x.cols}) but ${name} has ${v.length} entries`);
    }
  }
  const { mode, momentum = DEFAULT_MOMENTUM, eps = DEFAULT_EPS } = options;
  if (mode !== 'train' && mode !== 'eval') {
    throw new Error(`batchnormForward: mode must be 'train' or 'eval', got ${JSON.stringify(mode)}`);
  }
  if (mode === 'train' && x.rows < 2) {
    // PyTorch's own words: one example has no spread, and ÷(N−1) would divide by 0.
    // 沿用 PyTorch 的原话：一个样本没有离散程度，÷(N−1) 会除以 0。
    throw new Error(
      `batchnormForward: expected more than 1 value per channel when training, got input of shape ${shapeOf(x)}`,
    );
  }
  return { mode, momentum, eps };
}

/**
 * Mean per column, D entries.
 *
 * 中文：每列的均值，D 个元素。
 */
function columnMeans(x: Matrix): Float64Array {
  const mean = new Float64Array(x.cols);
  for (let k = 0; k < x.data.length; k++) mean[k % x.cols] += x.data[k];
  for (let j = 0; j < x.cols; j++) mean[j] /= x.rows;
  return mean;
}

/**
 * Biased (÷N) variance per column, from the deviations: no E[x²] − E[x]² cancellation.
 *
 * 中文：每列的有偏方差（÷N），由偏差直接算出：不会有 E[x²] − E[x]² 的灾难性抵消。
 */
function columnVariances(x: Matrix, mean: Float64Array): Float64Array {
  const variance = new Float64Array(x.cols);
  for (let k = 0; k < x.data.length; k++) variance[k % x.cols] += (x.data[k] - mean[k % x.cols]) ** 2;
  for (let j = 0; j < x.cols; j++) variance[j] /= x.rows;
  return variance;
}

/**
 * x̂ = (x − μ)·invStd and out = γ·x̂ + β, column by column, with the cache backward needs.
 *
 * 中文：逐列计算 x̂ = (x − μ)·invStd 和 out = γ·x̂ + β，并给出反向传播需要的缓存。
 */
function normaliseColumns(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  mean: Float64Array,
  invStd: Float64Array,
  mode: 'train' | 'eval',
): { out: Matrix; cache: BatchNormCache } {
  const n = x.rows;
  const d = x.cols;
  const centred = matrix(n, d);
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  for (let k = 0; k < n * d; k++) {
    const j = k % d;
    centred.data[k] = x.data[k] - mean[j];
    xhat.data[k] = centred.data[k] * invStd[j];
    out.data[k] = gamma[j] * xhat.data[k] + beta[j];
  }
  return { out, cache: { mode, centred, xhat, invStd, gamma: Float64Array.from(gamma) } };
}

/**
 * dβ = Σₙ dout and dγ = Σₙ dout·x̂, column by column: the same in both modes.
 *
 * 中文：逐列计算 dβ = Σₙ dout 和 dγ = Σₙ dout·x̂：两种模式下都一样。
 */
function paramGradients(dout: Matrix, cache: BatchNormCache): { dgamma: Float64Array; dbeta: Float64Array } {
  const d = dout.cols;
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let k = 0; k < dout.data.length; k++) {
    dbeta[k % d] += dout.data[k];
    dgamma[k % d] += dout.data[k] * cache.xhat.data[k];
  }
  return { dgamma, dbeta };
}

/**
 * dout must have the shape of the forward output.
 *
 * 中文：dout 必须与前向输出形状相同。
 */
function checkDoutShape(fn: string, dout: Matrix, cache: BatchNormCache): void {
  const { rows, cols } = cache.xhat;
  if (!isMatrix(dout) || dout.rows !== rows || dout.cols !== cols) {
    const got = isMatrix(dout) ? shapeOf(dout) : 'not a Matrix';
    throw new Error(`${fn}: dout is ${got} but the forward output was ${rows}×${cols}`);
  }
}
