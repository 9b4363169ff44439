import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, matmul, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { RnnCache, RnnGradients } from '../rnn.ts';
export { clipGradNorm, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'the carried gradient is da·wh instead of da·whᵀ',
    'zh-CN': '传回的梯度算成了 da·wh，而不是 da·whᵀ',
  },
  explanation: {
    en:
      'The step computes hₜ₋₁·wh, a dense layer with weights wh, so the gradient it sends back to hₜ₋₁ is (its ' +
      'pre-activation gradient)·whᵀ, exactly as dx is dout·Wᵀ in a dense layer. wh is square, so the missing ' +
      'transpose keeps the shape and only the values show it (unless wh happens to be symmetric).',
    'zh-CN':
      '这一步计算 hₜ₋₁·wh，相当于权重为 wh 的全连接层，所以传回 hₜ₋₁ 的梯度是（预激活的梯度）·whᵀ，正如全' +
      '连接层里 dx 是 dout·Wᵀ。wh 是方阵，漏了转置形状不变，只有数值会暴露问题（除非 wh 恰好对称）。',
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
    const hPrev = t > 0 ? hs[t - 1] : h0;
    const da = zeros(h.rows, h.cols); // ∂L/∂(pre-activation at step t)
    for (let k = 0; k < da.data.length; k++) {
      da.data[k] = (dhs[t].data[k] + dhNext.data[k]) * (1 - h.data[k] * h.data[k]);
    }
    dxs[t] = matmulTransB(da, wx);
    add(dwx, matmulTransA(xs[t], da), dwx); // dwx += xₜᵀ·da, in place
    add(dwh, matmulTransA(hPrev, da), dwh);
    const dbt = sumRows(da);
    for (let j = 0; j < db.length; j++) db[j] += dbt[j];
    dhNext = matmul(da, wh);
  }
  return { dxs, dh0: dhNext, dwx, dwh, db };
}
