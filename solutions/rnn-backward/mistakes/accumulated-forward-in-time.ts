import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { RnnCache, RnnGradients } from '../rnn.ts';
export { clipGradNorm, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'gradients accumulated from t = 0 forward instead of from T backward',
    'zh-CN': '梯度从 t = 0 往后累积，而不是从第 T 步往前',
  },
  explanation: {
    en:
      'hₜ’s gradient needs what step t + 1 sends back, so step t + 1 must be done first: BPTT walks from the last ' +
      'step to the first. Looping t = 0 … T − 1 carries the gradient the wrong way, from the past into the future, so ' +
      'a step never receives the gradient of the states computed after it (and dh0 is not what flows into h0).',
    'zh-CN':
      'hₜ 的梯度需要第 t + 1 步传回来的那一项，所以必须先处理第 t + 1 步：随时间反向传播从最后一步走到第一步。' +
      '按 t = 0 … T − 1 循环会把梯度往错误的方向传，从过去传向未来，某一步永远收不到它之后那些状态的梯度（dh0' +
      ' 也不是流入 h0 的梯度）。',
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
  for (let t = 0; t < T; t++) {
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
  return { dxs, dh0: dhNext, dwx, dwh, db };
}
