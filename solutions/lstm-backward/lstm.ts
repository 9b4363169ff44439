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
import { add, addRowVector, matmul, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../lib/matrix.ts';

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
  const H = wh.rows;
  if (wh.cols !== 4 * H) throw new Error(`lstmForward: wh is ${shapeOf(wh)} but it must be H×4H (${H}×${4 * H})`);
  if (h0.cols !== H) throw new Error(`lstmForward: h0 is ${shapeOf(h0)} but wh is ${shapeOf(wh)} (h0 needs H = ${H} columns)`);
  if (c0.rows !== h0.rows || c0.cols !== h0.cols) throw new Error(`lstmForward: c0 is ${shapeOf(c0)} but h0 is ${shapeOf(h0)} (they must have the same shape)`);
  if (wx.cols !== 4 * H) throw new Error(`lstmForward: wx is ${shapeOf(wx)} but wh is ${shapeOf(wh)} (both need 4H = ${4 * H} columns)`);
  if (b.length !== 4 * H) throw new Error(`lstmForward: wh is ${shapeOf(wh)} but b has ${b.length} entries (b needs 4H = ${4 * H})`);
  xs.forEach((x, t) => {
    if (x.cols !== wx.rows) throw new Error(`lstmForward: xs[${t}] is ${shapeOf(x)} but wx is ${shapeOf(wx)} (x's columns must match wx's rows)`);
    if (x.rows !== h0.rows) throw new Error(`lstmForward: xs[${t}] is ${shapeOf(x)} but h0 is ${shapeOf(h0)} (the same N rows at every step)`);
  });
  const N = h0.rows;
  const I = 0, F = H, G = 2 * H, O = 3 * H; // where each gate's block starts in a row of a
                                           // 每个门的块在 a 的一行中从哪一列开始
  const hs: Matrix[] = [];
  const cs: Matrix[] = [];
  const gates: Matrix[] = [];
  let h = h0;
  let c = c0;
  for (const x of xs) {
    const a = add(matmul(x, wx), matmul(h, wh));
    addRowVector(a, b, a);
    const hNext = zeros(N, H);
    const cNext = zeros(N, H);
    for (let n = 0; n < N; n++) {
      const r = n * 4 * H;
      for (let j = 0; j < H; j++) {
        const i = sigmoid(a.data[r + I + j]);
        const f = sigmoid(a.data[r + F + j]);
        const g = Math.tanh(a.data[r + G + j]);
        const o = sigmoid(a.data[r + O + j]);
        a.data[r + I + j] = i; // a now holds the activated gates
        a.data[r + F + j] = f; // a 里存的改为激活后的门
        a.data[r + G + j] = g;
        a.data[r + O + j] = o;
        const k = n * H + j;
        cNext.data[k] = f * c.data[k] + i * g;
        hNext.data[k] = o * Math.tanh(cNext.data[k]);
      }
    }
    hs.push(hNext);
    cs.push(cNext);
    gates.push(a);
    h = hNext;
    c = cNext;
  }
  return { hs, cs, cache: { xs, h0, c0, wx, wh, b, hs: hs.slice(), cs: cs.slice(), gates } };
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
  const { xs, h0, c0, wx, wh, hs, cs, gates } = cache;
  const T = hs.length;
  if (dhs.length !== T) throw new Error(`lstmBackward: dhs has ${dhs.length} steps but hs has ${T} (one gradient per state)`);
  dhs.forEach((d, t) => {
    if (d.rows !== hs[t].rows || d.cols !== hs[t].cols) {
      throw new Error(`lstmBackward: dhs[${t}] is ${shapeOf(d)} but hs[${t}] is ${shapeOf(hs[t])}`);
    }
  });
  const N = h0.rows;
  const H = h0.cols;
  const I = 0, F = H, G = 2 * H, O = 3 * H;
  const dxs: Matrix[] = new Array<Matrix>(T);
  const dwx = zeros(wx.rows, wx.cols);
  const dwh = zeros(wh.rows, wh.cols);
  const db = new Float64Array(4 * H);
  let dhNext = zeros(N, H); // the gradients carried back from step t + 1
  let dcNext = zeros(N, H); // 从第 t + 1 步传回来的梯度
  for (let t = T - 1; t >= 0; t--) {
    const hPrev = t > 0 ? hs[t - 1] : h0;
    const cPrev = t > 0 ? cs[t - 1] : c0;
    const c = cs[t];
    const z = gates[t];
    const da = zeros(N, 4 * H); // ∂L/∂a at step t, the pre-activations of the four gates
                                // 第 t 步的 ∂L/∂a，即四个门的激活前值的梯度
    const dcPrev = zeros(N, H);
    for (let n = 0; n < N; n++) {
      const r = n * 4 * H;
      for (let j = 0; j < H; j++) {
        const k = n * H + j;
        const i = z.data[r + I + j];
        const f = z.data[r + F + j];
        const g = z.data[r + G + j];
        const o = z.data[r + O + j];
        const tc = Math.tanh(c.data[k]);
        const dh = dhs[t].data[k] + dhNext.data[k];
        const dc = dcNext.data[k] + dh * o * (1 - tc * tc);
        da.data[r + I + j] = dc * g * i * (1 - i);
        da.data[r + F + j] = dc * cPrev.data[k] * f * (1 - f);
        da.data[r + G + j] = dc * i * (1 - g * g);
        da.data[r + O + j] = dh * tc * o * (1 - o);
        dcPrev.data[k] = dc * f;
      }
    }
    dxs[t] = matmulTransB(da, wx);
    add(dwx, matmulTransA(xs[t], da), dwx); // dwx += xₜᵀ·da, in place
                                            // dwx += xₜᵀ·da，原地累加
    add(dwh, matmulTransA(hPrev, da), dwh);
    const dbt = sumRows(da);
    for (let j = 0; j < db.length; j++) db[j] += dbt[j];
    dhNext = matmulTransB(da, wh);
    dcNext = dcPrev;
  }
  return { dxs, dh0: dhNext, dc0: dcNext, dwx, dwh, db };
}

/** σ(z) = 1 / (1 + e^(−z)); finite for every z (e^(−z) = ∞ gives 0). */
function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
