/**
 * Kata: lstm-backward. Statement: README.md beside this file.
 *
 * 中文：本题是 lstm-backward，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- lstm`.
 * The toolkit in katas/lib/matrix.ts has every product and reduction you need.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- lstm`。你需要的矩阵乘积和归约运算，katas/lib/matrix.ts 里的工具库都有。
 */
import type { Matrix } from '../lib/matrix.ts';

/**
 * What the forward pass keeps for the backward pass: its inputs, every state and every step's
 * gates (references, not copies).
 *
 * 中文：前向传播为反向传播保存的东西：它的输入、每一个状态和每一步的门（引用，不是副本）。
 */
export interface LstmCache {
  readonly xs: readonly Matrix[];
  readonly h0: Matrix;
  readonly c0: Matrix;
  readonly wx: Matrix;
  readonly wh: Matrix;
  readonly b: Float64Array;
  /**
   * h₁ … h_T, the hidden states the forward pass returned.
   *
   * 中文：h₁ … h_T，前向传播返回的隐藏状态。
   */
  readonly hs: readonly Matrix[];
  /**
   * c₁ … c_T, the cell states the forward pass returned.
   *
   * 中文：c₁ … c_T，前向传播返回的细胞状态。
   */
  readonly cs: readonly Matrix[];
  /**
   * One N×4H matrix per step: the gates after their activations, side by side as [i | f | g | o].
   *
   * 中文：每一步一个 N×4H 矩阵：经过激活之后的各个门，按 [i | f | g | o] 并排存放。
   */
  readonly gates: readonly Matrix[];
}

/**
 * The result of `lstmForward`.
 *
 * 中文：`lstmForward` 的返回值。
 */
export interface LstmForwardResult {
  /**
   * h₁ … h_T: T matrices N×H (h0 not included).
   *
   * 中文：h₁ … h_T：T 个 N×H 矩阵（不含 h0）。
   */
  hs: Matrix[];
  /**
   * c₁ … c_T: T matrices N×H (c0 not included).
   *
   * 中文：c₁ … c_T：T 个 N×H 矩阵（不含 c0）。
   */
  cs: Matrix[];
  cache: LstmCache;
}

/**
 * The gradients of the loss with respect to each input of `lstmForward`.
 *
 * 中文：损失对 `lstmForward` 每个输入的梯度。
 */
export interface LstmGradients {
  /**
   * ∂L/∂xs[t] for every step: T matrices N×D.
   *
   * 中文：每一步的 ∂L/∂xs[t]：T 个 N×D 矩阵。
   */
  dxs: Matrix[];
  /** ∂L/∂h0, N×H. */
  dh0: Matrix;
  /** ∂L/∂c0, N×H. */
  dc0: Matrix;
  /**
   * ∂L/∂wx, D×4H: a sum over every time step.
   *
   * 中文：∂L/∂wx，D×4H：对所有时间步求和。
   */
  dwx: Matrix;
  /**
   * ∂L/∂wh, H×4H: a sum over every time step.
   *
   * 中文：∂L/∂wh，H×4H：对所有时间步求和。
   */
  dwh: Matrix;
  /**
   * ∂L/∂b, 4H entries: a sum over every time step and every example.
   *
   * 中文：∂L/∂b，4H 个元素：对所有时间步和所有样本求和。
   */
  db: Float64Array;
}

/**
 * Forward pass of a one-layer LSTM over a whole sequence, gates in PyTorch's order i, f, g, o.
 * For t = 1 … T: a = xₜ·wx + hₜ₋₁·wh + b (N×4H), split into four N×H blocks;
 * i = σ(a₁), f = σ(a₂), g = tanh(a₃), o = σ(a₄); cₜ = f ⊙ cₜ₋₁ + i ⊙ g; hₜ = o ⊙ tanh(cₜ).
 * numpy, per step: `a = x @ wx + h @ wh + b; i, f, g, o = np.split(a, 4, axis=1)`, then the
 * activations, `c = f * c + i * g; h = o * np.tanh(c)`.
 *
 * 中文：单层 LSTM 在整个序列上的前向传播，门按 PyTorch 的顺序 i、f、g、o 排列。对 t = 1 … T：a = xₜ·wx + hₜ₋₁·wh + b（N×4H），切成四个 N×H 的块；i = σ(a₁)，f = σ(a₂)，g = tanh(a₃)，o = σ(a₄)；cₜ = f ⊙ cₜ₋₁ + i ⊙ g；hₜ = o ⊙ tanh(cₜ)。numpy 逐步写作：`a = x @ wx + h @ wh + b; i, f, g, o = np.split(a, 4, axis=1)`，然后做激活，`c = f * c + i * g; h = o * np.tanh(c)`。
 * @param xs the sequence, T matrices N×D (one per time step); not modified
 *   中文：序列，T 个 N×D 矩阵（每个时间步一个）；不会被修改
 * @param h0 the initial hidden state, N×H; not modified
 *   中文：初始隐藏状态，N×H；不会被修改
 * @param c0 the initial cell state, N×H; not modified
 *   中文：初始细胞状态，N×H；不会被修改
 * @param wx the input weights of the four gates, D×4H (columns [i | f | g | o]); not modified
 *   中文：四个门的输入权重，D×4H（列依次为 [i | f | g | o]）；不会被修改
 * @param wh the recurrent weights of the four gates, H×4H (columns [i | f | g | o]); not modified
 *   中文：四个门的循环权重，H×4H（列依次为 [i | f | g | o]）；不会被修改
 * @param b the bias, 4H entries (PyTorch's bias_ih + bias_hh); not modified
 *   中文：偏置，4H 个元素（PyTorch 的 bias_ih + bias_hh）；不会被修改
 * @returns hs = [h₁, …, h_T] and cs = [c₁, …, c_T] (T matrices N×H each, h0 and c0 not included), and the cache `lstmBackward` needs
 *   中文：hs = [h₁, …, h_T] 和 cs = [c₁, …, c_T]（各为 T 个 N×H 矩阵，不含 h0 和 c0），以及 `lstmBackward` 需要的缓存
 * @throws Error naming both shapes (and the time step, as `xs[t]`) when the shapes do not fit
 *   中文：形状不匹配时，抛出写明两个形状（以及时间步，写作 `xs[t]`）的 Error
 */
export function lstmForward(xs: readonly Matrix[], h0: Matrix, c0: Matrix, wx: Matrix, wh: Matrix, b: Float64Array): LstmForwardResult {
  throw new Error('not implemented: lstmForward(xs, h0, c0, wx, wh, b)');
}

/**
 * Backward pass through time. Given dhs[t] = ∂L/∂hs[t] (the loss's direct dependence on each
 * hidden state; the loss does not read the cell states directly), returns the gradients of L
 * with respect to every input of `lstmForward`.
 *
 * 中文：随时间反向传播。给定 dhs[t] = ∂L/∂hs[t]（损失对每个隐藏状态的直接依赖；损失不直接读取细胞状态），返回 L 对 `lstmForward` 每个输入的梯度。
 * @param dhs the upstream gradients, T matrices N×H (zeros where the loss ignores a state); not modified
 *   中文：上游梯度，T 个 N×H 矩阵（损失不依赖的状态处为 0）；不会被修改
 * @param cache what `lstmForward` returned with the hs that dhs belongs to; not modified
 *   中文：`lstmForward` 在返回 dhs 所对应的那个 hs 时一并返回的缓存；不会被修改
 * @returns dxs (T matrices N×D), dh0 and dc0 (N×H), dwx (D×4H), dwh (H×4H), db (4H entries), each a new array
 *   中文：dxs（T 个 N×D 矩阵）、dh0 和 dc0（N×H）、dwx（D×4H）、dwh（H×4H）、db（4H 个元素），每个都是新数组
 * @throws Error naming both shapes (or both lengths) when dhs does not match hs
 *   中文：dhs 与 hs 不匹配时，抛出写明两个形状（或两个长度）的 Error
 */
export function lstmBackward(dhs: readonly Matrix[], cache: LstmCache): LstmGradients {
  throw new Error('not implemented: lstmBackward(dhs, cache)');
}

