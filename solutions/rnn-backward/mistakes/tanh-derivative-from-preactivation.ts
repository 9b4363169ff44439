import type { Mistake } from '../../../grader/core/mistakes.ts';
import { add, addRowVector, matmul, matmulTransA, matmulTransB, shapeOf, sumRows, zeros, type Matrix } from '../../lib/matrix.ts';
import type { RnnCache, RnnGradients } from '../rnn.ts';
export { clipGradNorm, rnnForward } from '../rnn.ts';

export const mistake: Mistake = {
  title: {
    en: 'tanh′ computed as 1 − a² from the pre-activation a instead of 1 − h²',
    'zh-CN': 'tanh′ 用预激活 a 算成 1 − a²，而不是 1 − h²',
  },
  explanation: {
    en:
      'tanh′(a) = 1 − tanh(a)², and tanh(a) is the state h itself: the derivative is 1 − h², written with the output ' +
      'the forward pass already keeps. 1 − a² with the pre-activation a is a different function (it is even negative ' +
      'for |a| > 1).',
    'zh-CN':
      'tanh′(a) = 1 − tanh(a)²，而 tanh(a) 就是状态 h 本身：导数是 1 − h²，用前向传播' +
      '已经保存的输出来写。用预激活 a 写成 1 − a² 是另一个函数（|a| > 1 时它甚至是负的）。',
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
    const a = addRowVector(add(matmul(xs[t], wx), matmul(hPrev, wh)), cache.b); // the pre-activation
                                                                                // 预激活
    const da = zeros(h.rows, h.cols); // ∂L/∂(pre-activation at step t)
    for (let k = 0; k < da.data.length; k++) {
      da.data[k] = (dhs[t].data[k] + dhNext.data[k]) * (1 - a.data[k] * a.data[k]);
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
