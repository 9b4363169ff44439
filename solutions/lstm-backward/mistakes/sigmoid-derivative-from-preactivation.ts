import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, addRowVector, matmul, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { LstmCache, LstmGradients } from '../lstm.ts';
export { lstmForward } from '../lstm.ts';

export const mistake: Mistake = {
  title: {
    en: 'σ′ computed as a(1 − a) from the pre-activation a instead of from the gate',
    'zh-CN': 'σ′ 用预激活 a 算成 a(1 − a)，而不是用门的值来算',
  },
  explanation: {
    en:
      'σ′(a) = σ(a)(1 − σ(a)), and σ(a) is the gate itself (i, f or o): the derivative is i(1 − i), written ' +
      'with the value the forward pass already keeps. a(1 − a) with the pre-activation a is a different ' +
      'function (negative for a > 1 or a < 0), so dwx, dwh and db come out wrong for the i, f and o ' +
      'columns.',
    'zh-CN':
      'σ′(a) = σ(a)(1 − σ(a))，而 σ(a) 就是门本身（i、f 或 o）：' +
      '导数是 i(1 − i)，用前向传播已经保存的值来写。用预激活 a 写成 a(1 − a) 是另一个函数（a > 1 或 a < 0 时为负），' +
      '所以 dwx、dwh 和 db 中 i、f、o 三块的列都会算错。',
  },
};

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
    const a = addRowVector(add(matmul(xs[t], wx), matmul(hPrev, wh)), cache.b); // the pre-activations
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
        da.data[r + I + j] = dc * g * a.data[r + I + j] * (1 - a.data[r + I + j]);
        da.data[r + F + j] = dc * cPrev.data[k] * a.data[r + F + j] * (1 - a.data[r + F + j]);
        da.data[r + G + j] = dc * i * (1 - g * g);
        da.data[r + O + j] = dh * tc * a.data[r + O + j] * (1 - a.data[r + O + j]);
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
