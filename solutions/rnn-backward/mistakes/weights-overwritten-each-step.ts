import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { RnnCache, RnnGradients } from '../rnn.ts';
export { clipGradNorm, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'dwx, dwh and db overwritten at each step instead of summed over time',
    'zh-CN': 'dwx、dwh 和 db 在每一步被覆盖，而不是对时间求和',
  },
  explanation: {
    en:
      'The same wx, wh and b are used at every step, so their gradients are sums over all T steps (and over the ' +
      'batch), like a weight shared by T layers. Assigning the step’s contribution (dwx = xₜᵀ·…) instead of adding it ' +
      'leaves only the last step the loop visited: with the loop running backward in time, the first step. Start from ' +
      'zeros and add.',
    'zh-CN':
      '每一步用的都是同一组 wx、wh 和 b，所以它们的梯度是对全部 T 个时间步（以及整个批量）的求和，就像被 T 层共享' +
      '的权重。把这一步的贡献直接赋值（dwx = xₜᵀ·…）而不是累加，只会留下循环最后访问的那一步：循环沿时间反向进行，所' +
      '以留下的是第一步。要从零开始累加。',
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
  let dwx = zeros(wx.rows, wx.cols);
  let dwh = zeros(wh.rows, wh.cols);
  let db: Float64Array = new Float64Array(wh.cols);
  let dhNext = zeros(h0.rows, h0.cols); // the gradient carried back from step t + 1
  for (let t = T - 1; t >= 0; t--) {
    const h = hs[t];
    const hPrev = t > 0 ? hs[t - 1] : h0;
    const da = zeros(h.rows, h.cols); // ∂L/∂(pre-activation at step t)
    for (let k = 0; k < da.data.length; k++) {
      da.data[k] = (dhs[t].data[k] + dhNext.data[k]) * (1 - h.data[k] * h.data[k]);
    }
    dxs[t] = matmulTransB(da, wx);
    dwx = matmulTransA(xs[t], da);
    dwh = matmulTransA(hPrev, da);
    db = sumRows(da);
    dhNext = matmulTransB(da, wh);
  }
  return { dxs, dh0: dhNext, dwx, dwh, db };
}
