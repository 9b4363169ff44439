/**
 * Kata: rnn-backward. Statement: README.md beside this file.
 *
 * 中文：本题是 rnn-backward，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- rnn`.
 * The toolkit in katas/lib/matrix.ts has every product and reduction you need.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- rnn`。你需要的矩阵乘积和归约运算，katas/lib/matrix.ts 里的工具库都有。
 */
import { add, addRowVector, matmul, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../lib/matrix.ts';

/**
 * What the forward pass keeps for the backward pass: its inputs and every hidden state (references, not copies).
 *
 * 中文：前向传播为反向传播保存的东西：它的输入和每一个隐藏状态（引用，不是副本）。
 */
export interface RnnCache {
  readonly xs: readonly Matrix[];
  readonly h0: Matrix;
  readonly wx: Matrix;
  readonly wh: Matrix;
  readonly b: Float64Array;
  /**
   * h₁ … h_T, the states the forward pass returned.
   *
   * 中文：h₁ … h_T，前向传播返回的状态。
   */
  readonly hs: readonly Matrix[];
}

/**
 * The result of `rnnForward`.
 *
 * 中文：`rnnForward` 的返回值。
 */
export interface RnnForwardResult {
  /**
   * h₁ … h_T: T matrices N×H (h0 not included).
   *
   * 中文：h₁ … h_T：T 个 N×H 矩阵（不含 h0）。
   */
  hs: Matrix[];
  cache: RnnCache;
}

/**
 * The gradients of the loss with respect to each input of `rnnForward`.
 *
 * 中文：损失对 `rnnForward` 每个输入的梯度。
 */
export interface RnnGradients {
  /**
   * ∂L/∂xs[t] for every step: T matrices N×D.
   *
   * 中文：每一步的 ∂L/∂xs[t]：T 个 N×D 矩阵。
   */
  dxs: Matrix[];
  /** ∂L/∂h0, N×H. */
  dh0: Matrix;
  /**
   * ∂L/∂wx, D×H: a sum over every time step.
   *
   * 中文：∂L/∂wx，D×H：对所有时间步求和。
   */
  dwx: Matrix;
  /**
   * ∂L/∂wh, H×H: a sum over every time step.
   *
   * 中文：∂L/∂wh，H×H：对所有时间步求和。
   */
  dwh: Matrix;
  /**
   * ∂L/∂b, H entries: a sum over every time step and every example.
   *
   * 中文：∂L/∂b，H 个元素：对所有时间步和所有样本求和。
   */
  db: Float64Array;
}

/**
 * Forward pass of a vanilla (Elman) RNN over a whole sequence:
 * hₜ = tanh(xₜ·wx + hₜ₋₁·wh + b) for t = 1 … T. numpy, per step:
 * `h = np.tanh(x @ wx + h @ wh + b)`.
 *
 * 中文：普通（Elman）RNN 在整个序列上的前向传播：对 t = 1 … T，hₜ = tanh(xₜ·wx + hₜ₋₁·wh + b)。numpy 逐步写作：`h = np.tanh(x @ wx + h @ wh + b)`。
 * @param xs the sequence, T matrices N×D (one per time step); not modified
 *   中文：序列，T 个 N×D 矩阵（每个时间步一个）；不会被修改
 * @param h0 the initial hidden state, N×H; not modified
 *   中文：初始隐藏状态，N×H；不会被修改
 * @param wx the input-to-hidden weights, D×H; not modified
 *   中文：输入到隐藏层的权重，D×H；不会被修改
 * @param wh the hidden-to-hidden weights, H×H; not modified
 *   中文：隐藏层到隐藏层的权重，H×H；不会被修改
 * @param b the bias, H entries; not modified
 *   中文：偏置，H 个元素；不会被修改
 * @returns hs = [h₁, …, h_T] (T matrices N×H, h0 not included) and the cache `rnnBackward` needs
 *   中文：hs = [h₁, …, h_T]（T 个 N×H 矩阵，不含 h0），以及 `rnnBackward` 需要的缓存
 * @throws Error naming both shapes (and the time step, as `xs[t]`) when the shapes do not fit
 *   中文：形状不匹配时，抛出写明两个形状（以及时间步，写作 `xs[t]`）的 Error
 */
export function rnnForward(xs: readonly Matrix[], h0: Matrix, wx: Matrix, wh: Matrix, b: Float64Array): RnnForwardResult {
  const H = wh.cols;
  if (wh.rows !== H) throw new Error(`rnnForward: wh is ${shapeOf(wh)} but it must be square (H×H)`);
  if (h0.cols !== H) throw new Error(`rnnForward: h0 is ${shapeOf(h0)} but wh is ${shapeOf(wh)} (h0 needs H = ${H} columns)`);
  if (wx.cols !== H) throw new Error(`rnnForward: wx is ${shapeOf(wx)} but wh is ${shapeOf(wh)} (both need H = ${H} columns)`);
  if (b.length !== H) throw new Error(`rnnForward: wh is ${shapeOf(wh)} but b has ${b.length} entries (b needs H = ${H})`);
  xs.forEach((x, t) => {
    if (x.cols !== wx.rows) throw new Error(`rnnForward: xs[${t}] is ${shapeOf(x)} but wx is ${shapeOf(wx)} (x's columns must match wx's rows)`);
    if (x.rows !== h0.rows) throw new Error(`rnnForward: xs[${t}] is ${shapeOf(x)} but h0 is ${shapeOf(h0)} (the same N rows at every step)`);
  });
  const hs: Matrix[] = [];
  let h = h0;
  for (const x of xs) {
    const a = matmul(x, wx);
    const recurrent = matmul(h, wh);
    for (let k = 0; k < a.data.length; k++) a.data[k] += recurrent.data[k];
    addRowVector(a, b, a);
    for (let k = 0; k < a.data.length; k++) a.data[k] = Math.tanh(a.data[k]);
    hs.push(a);
    h = a;
  }
  return { hs, cache: { xs, h0, wx, wh, b, hs: hs.slice() } };
}

/**
 * Backward pass through time. Given dhs[t] = ∂L/∂hs[t] (the loss's direct dependence on each
 * state), returns the gradients of L with respect to every input of `rnnForward`.
 *
 * 中文：随时间反向传播。给定 dhs[t] = ∂L/∂hs[t]（损失对每个状态的直接依赖），返回 L 对 `rnnForward` 每个输入的梯度。
 * @param dhs the upstream gradients, T matrices N×H (zeros where the loss ignores a state); not modified
 *   中文：上游梯度，T 个 N×H 矩阵（损失不依赖的状态处为 0）；不会被修改
 * @param cache what `rnnForward` returned with the hs that dhs belongs to; not modified
 *   中文：`rnnForward` 在返回 dhs 所对应的那个 hs 时一并返回的缓存；不会被修改
 * @returns dxs (T matrices N×D), dh0 (N×H), dwx (D×H), dwh (H×H), db (H entries), each a new array
 *   中文：dxs（T 个 N×D 矩阵）、dh0（N×H）、dwx（D×H）、dwh（H×H）、db（H 个元素），每个都是新数组
 * @throws Error naming both shapes (or both lengths) when dhs does not match hs
 *   中文：dhs 与 hs 不匹配时，抛出写明两个形状（或两个长度）的 Error
 */
export function rnnBackward(dhs: readonly Matrix[], cache: RnnCache): RnnGradients {
  const { xs, h0, wx, wh, hs } = cache;
  const T = hs.length;
  if (dhs.length !== T) throw new Error(`rnnBackward: dhs has ${dhs.length} steps but hs has ${T} (one gradient per state)`);
  dhs.forEach((d, t) => {
    if (d.rows !== hs[t].rows || d.cols !== hs[t].cols) {
      throw new Error(`rnnBackward: dhs[${t}] is ${shapeOf(d)} but hs[${t}] is ${shapeOf(hs[t])}`);
    }
  });
  const dxs: Matrix[] = new Array<Matrix>(T);
  const dwx = zeros(wx.rows, wx.cols);
  const dwh = zeros(wh.rows, wh.cols);
  const db = new Float64Array(wh.cols);
  let dhNext = zeros(h0.rows, h0.cols); // the gradient carried back from step t + 1
                                        // 从第 t + 1 步传回来的梯度
  for (let t = T - 1; t >= 0; t--) {
    const h = hs[t];
    const hPrev = t > 0 ? hs[t - 1] : h0;
    const da = zeros(h.rows, h.cols); // ∂L/∂(pre-activation at step t)
                                      // ∂L/∂（第 t 步的激活前值）
    for (let k = 0; k < da.data.length; k++) {
      da.data[k] = (dhs[t].data[k] + dhNext.data[k]) * (1 - h.data[k] * h.data[k]);
    }
    dxs[t] = matmulTransB(da, wx);
    add(dwx, matmulTransA(xs[t], da), dwx); // dwx += xₜᵀ·da, in place
                                            // dwx += xₜᵀ·da，原地累加
    add(dwh, matmulTransA(hPrev, da), dwh);
    const dbt = sumRows(da);
    for (let j = 0; j < db.length; j++) db[j] += dbt[j];
    dhNext = matmulTransB(da, wh);
  }
  return { dxs, dh0: dhNext, dwx, dwh, db };
}

/**
 * Gradient clipping by the global norm, as `torch.nn.utils.clip_grad_norm_`: the total L2 norm
 * of every entry of every array; if it exceeds maxNorm, every array is scaled in place by
 * maxNorm / (total + 1e-6) (by min(1, maxNorm / (total + 1e-6)) in general).
 *
 * 中文：按全局范数做梯度裁剪，与 `torch.nn.utils.clip_grad_norm_` 相同：总 L2 范数取所有数组的所有元素；若超过 maxNorm，每个数组都原地乘以 maxNorm / (total + 1e-6)（一般地说，乘以 min(1, maxNorm / (total + 1e-6))）。
 * @param grads the gradients (a matrix's `data` for a matrix); modified in place
 *   中文：各个梯度（矩阵则传它的 `data`）；原地修改
 * @param maxNorm the largest total norm allowed
 *   中文：允许的最大总范数
 * @returns the total norm before clipping
 *   中文：裁剪前的总范数
 */
export function clipGradNorm(grads: readonly Float64Array[], maxNorm: number): number {
  let sumSquares = 0;
  for (const g of grads) for (let k = 0; k < g.length; k++) sumSquares += g[k] * g[k];
  const total = Math.sqrt(sumSquares);
  const coefficient = Math.min(1, maxNorm / (total + 1e-6));
  if (coefficient < 1) for (const g of grads) for (let k = 0; k < g.length; k++) g[k] *= coefficient;
  return total;
}
