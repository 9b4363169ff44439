import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { RnnCache, RnnGradients } from '../rnn.ts';
export { clipGradNorm, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'dh0 returned as zeros',
    'zh-CN': 'dh0 返回了全零',
  },
  explanation: {
    en:
      'h0 is an input like any other: h₁ is computed from it, so the gradient that BPTT carries out of the first step ' +
      'is ∂L/∂h0. It is what a stacked or truncated RNN passes on to the previous segment, and an encoder–decoder ' +
      'passes to the encoder. Return the carried gradient after the loop instead of zeros.',
    'zh-CN':
      'h0 和其他输入一样：h₁ 由它算出，所以随时间反向传播从第一步传出去的梯度就是 ∂L/∂h0。截断的 RNN 要把它交' +
      '给前一段，编码器-解码器要把它交给编码器。循环结束后要返回这个传回来的梯度，而不是全零。',
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
    dhNext = matmulTransB(da, wh);
  }
  return { dxs, dh0: zeros(h0.rows, h0.cols), dwx, dwh, db };
}
