import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, addRowVector, matmul, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { LstmCache, LstmForwardResult, LstmGradients } from '../lstm.ts';

export const mistake: Mistake = {
  title: {
    en: 'the gates laid out as i, f, o, g instead of PyTorch\'s i, f, g, o',
    'zh-CN': '门按 i、f、o、g 排列，而不是 PyTorch 的 i、f、g、o',
  },
  explanation: {
    en:
      'PyTorch (and this kata) stacks the four gates\' columns of wx, wh and b as [i | f | g | o]: the ' +
      'candidate g, the one with tanh, is the third block and the output gate o the fourth. The i, f, o, g ' +
      'layout of some papers and of CS231n\'s assignment reads the same weights as different gates, so hs ' +
      'differs from torch.nn.LSTM with the same weights even though the gradients are consistent with your ' +
      'own forward pass. Slice a as a[:, 0:H], a[:, H:2H], a[:, 2H:3H], a[:, 3H:4H] for i, f, g, o.',
    'zh-CN':
      '在 PyTorch（以及本题）中，wx、wh 和 b 里四个门的列按 [i | f | g | o] 排列：' +
      '用 tanh 的候选值 g 是第三块，输出门 o 是第四块。' +
      '有些论文和 CS231n 作业用 i、f、o、g 的排列，它会把同一组权重读成不同的门，' +
      '所以即使梯度与你自己的前向传播一致，hs 也和同样权重的 torch.nn.LSTM 不同。' +
      '应当把 a 切成 a[:, 0:H]、a[:, H:2H]、a[:, 2H:3H]、a[:, 3H:4H]，' +
      '依次是 i、f、g、o。',
  },
};

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
  const I = 0, F = H, O = 2 * H, G = 3 * H; // where each gate's block starts in a row of a
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
  const I = 0, F = H, O = 2 * H, G = 3 * H;
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

export const drill = {
  replace: [
    ["const I = 0, F = H, G = 2 * H, O = 3 * H; // where each gate's block starts in a row of a", "const I = 0, F = H, O = 2 * H, G = 3 * H; // where each gate's block starts in a row of a"],
    ['const I = 0, F = H, G = 2 * H, O = 3 * H;', 'const I = 0, F = H, O = 2 * H, G = 3 * H;'],
  ],
};
