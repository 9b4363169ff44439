import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { RnnCache, RnnGradients } from '../rnn.ts';
export { clipGradNorm, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'BPTT that drops the carried gradient: step t uses only dhs[t]',
    'zh-CN': '随时间反向传播丢掉了传回来的梯度：第 t 步只用了 dhs[t]',
  },
  explanation: {
    en:
      'hₜ feeds the loss twice: directly (dhs[t]) and through hₜ₊₁, which is computed from it. The gradient on hₜ is ' +
      'therefore dhs[t] plus what step t + 1 sends back through wh. Without that carried term, a many-to-one RNN (dhs ' +
      'zero except on the last step) gets zero gradients at every earlier step. Carry dh from one step to the one ' +
      'before, starting from zeros at T.',
    'zh-CN':
      'hₜ 通过两条路径影响损失：直接的（dhs[t]），以及经过由它算出的 hₜ₊₁。所以 hₜ 上的梯度是 dhs[t] ' +
      '加上第 t + 1 步经 wh 传回来的那一项。少了这一项，多对一的 RNN（dhs 只在最后一步非零）在前面每一步得到' +
      '的梯度都是零。要把 dh 从一步传到前一步，在第 T 步从零开始。',
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
      da.data[k] = dhs[t].data[k] * (1 - h.data[k] * h.data[k]);
    }
    dxs[t] = matmulTransB(da, wx);
    add(dwx, matmulTransA(xs[t], da), dwx); // dwx += xₜᵀ·da, in place
    add(dwh, matmulTransA(hPrev, da), dwh);
    const dbt = sumRows(da);
    for (let j = 0; j < db.length; j++) db[j] += dbt[j];
    dhNext = matmulTransB(da, wh);
  }
  return { dxs, dh0: dhNext, dwx, dwh, db };
}
