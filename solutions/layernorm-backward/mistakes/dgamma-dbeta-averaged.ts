import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { LayerNormCache } from '../layernorm.ts';
export { layerNormForward, rmsNormForward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'LayerNorm dgamma and dbeta averaged over the batch instead of summed',
    'zh-CN': 'LayerNorm 的 dgamma 和 dbeta 对批量取了平均，而不是求和',
  },
  explanation: {
    en:
      'γ and β are shared by all N rows: out[n][j] = γⱼ·x̂[n][j] + βⱼ for every n, so every row sends its gradient to the ' +
      'same γⱼ and βⱼ: dγ = Σₙ dout·x̂ and dβ = Σₙ dout, sums. If the loss is a mean over the batch, its 1/N is already ' +
      'inside dout; dividing again makes both N times too small.',
    'zh-CN':
      'γ 和 β 被全部 N 行共用：对每个 n 都有 out[n][j] = γⱼ·x̂[n][j] + βⱼ，所以每一行都把梯度传给同一个 γⱼ 和 βⱼ：' +
      'dγ = Σₙ dout·x̂，dβ = Σₙ dout，都是求和。如果损失是对批量取平均，它的 1/N 已经包含在 dout 里了；' +
      '再除一次会让两者都小 N 倍。',
  },
};

export function layerNormBackward(
  dout: Matrix,
  cache: LayerNormCache,
): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array } {
  const { xhat, invStd, gamma } = cache;
  if (dout.rows !== xhat.rows || dout.cols !== xhat.cols) {
    throw new Error(`layerNormBackward: dout is ${shapeOf(dout)} but the forward output was ${shapeOf(xhat)}`);
  }
  const n = dout.rows;
  const d = dout.cols;
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let k = 0; k < n * d; k++) {
    dbeta[k % d] += dout.data[k];
    dgamma[k % d] += dout.data[k] * xhat.data[k];
  }
  // The bug: the sums over the batch divided by N.
  for (let j = 0; j < d; j++) {
    dbeta[j] /= n;
    dgamma[j] /= n;
  }
  const dx = matrix(n, d);
  for (let i = 0; i < n; i++) {
    let sumG = 0;
    let sumGX = 0;
    for (let j = 0; j < d; j++) {
      const g = dout.data[i * d + j] * gamma[j];
      sumG += g;
      sumGX += g * xhat.data[i * d + j];
    }
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      dx.data[k] = (invStd[i] / d) * (d * dout.data[k] * gamma[j] - sumG - xhat.data[k] * sumGX);
    }
  }
  return { dx, dgamma, dbeta };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [
      `  // γ and β are broadcast over the rows: their gradients are sums over the batch.
  // γ 和 β 在各行上广播：它们的梯度是在批量上的求和。
  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let k = 0; k < n * d; k++) {
    dbeta[k % d] += dout.data[k];
    dgamma[k % d] += dout.data[k] * xhat.data[k];
  }
`,
      `  const dgamma = new Float64Array(d);
  const dbeta = new Float64Array(d);
  for (let k = 0; k < n * d; k++) {
    dbeta[k % d] += dout.data[k];
    dgamma[k % d] += dout.data[k] * xhat.data[k];
  }
  for (let j = 0; j < d; j++) {
    dbeta[j] /= n;
    dgamma[j] /= n;
  }
`,
    ],
  ],
};
