import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { LstmCache, LstmGradients } from '../lstm.ts';
export { lstmForward } from '../lstm.ts';

export const mistake: Mistake = {
  title: {
    en: 'dwh built from hₜ instead of hₜ₋₁',
    'zh-CN': 'dwh 用 hₜ 而不是 hₜ₋₁ 来算',
  },
  explanation: {
    en:
      'At step t, wh multiplies the previous hidden state: a = xₜ·wx + hₜ₋₁·wh + b. So the step adds ' +
      'hₜ₋₁ᵀ·da to dwh, just as it adds xₜᵀ·da to dwx; at the first step that is h0. Using hₜ, the state ' +
      'the step produced, keeps the shape H×4H and gets every value wrong.',
    'zh-CN':
      '在第 t 步，wh 乘的是上一步的隐藏状态：a = xₜ·wx + hₜ₋₁·wh + b。' +
      '所以这一步给 dwh 加上的是 hₜ₋₁ᵀ·da，正如给 dwx 加上 xₜᵀ·da；' +
      '第一步用的是 h0。用 hₜ（这一步算出来的状态）形状仍是 H×4H，' +
      '但每个值都错了。',
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
    add(dwh, matmulTransA(hs[t], da), dwh);
    const dbt = sumRows(da);
    for (let j = 0; j < db.length; j++) db[j] += dbt[j];
    dhNext = matmulTransB(da, wh);
    dcNext = dcPrev;
  }
  return { dxs, dh0: dhNext, dc0: dcNext, dwx, dwh, db };
}
