import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { RnnCache, RnnGradients } from '../rnn.ts';
export { clipGradNorm, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'dwh built from hₜ instead of hₜ₋₁',
    'zh-CN': 'dwh 用 hₜ 而不是 hₜ₋₁ 来算',
  },
  explanation: {
    en:
      'At step t, wh multiplies the previous state: the pre-activation is xₜ·wx + hₜ₋₁·wh + b. So the step adds ' +
      'hₜ₋₁ᵀ·(its pre-activation gradient) to dwh, just as it adds xₜᵀ·(the same) to dwx; at the first step that is ' +
      'h0. Using hₜ, the state the step produced, keeps the shape and gets every value wrong.',
    'zh-CN':
      '在第 t 步，wh 乘的是上一步的状态：预激活是 xₜ·wx + hₜ₋₁·wh + b。所以这一步给 dwh 加上的是' +
      ' hₜ₋₁ᵀ 乘以（预激活的梯度），正如给 dwx 加上 xₜᵀ 乘以同一个梯度；第一步用的是 h0。用 hₜ（这一步算' +
      '出来的状态）形状不变，但每个值都错了。',
  },
};

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
  for (let t = T - 1; t >= 0; t--) {
    const h = hs[t];
    const da = zeros(h.rows, h.cols); // ∂L/∂(pre-activation at step t)
    for (let k = 0; k < da.data.length; k++) {
      da.data[k] = (dhs[t].data[k] + dhNext.data[k]) * (1 - h.data[k] * h.data[k]);
    }
    dxs[t] = matmulTransB(da, wx);
    add(dwx, matmulTransA(xs[t], da), dwx); // dwx += xₜᵀ·da, in place
    add(dwh, matmulTransA(h, da), dwh);
    const dbt = sumRows(da);
    for (let j = 0; j < db.length; j++) db[j] += dbt[j];
    dhNext = matmulTransB(da, wh);
  }
  return { dxs, dh0: dhNext, dwx, dwh, db };
}
