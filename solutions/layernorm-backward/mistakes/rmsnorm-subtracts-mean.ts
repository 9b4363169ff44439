import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { RMSNormCache } from '../layernorm.ts';
export { layerNormForward, layerNormBackward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'RMSNorm subtracts the row mean first',
    'zh-CN': 'RMSNorm 先减去了每行的均值',
  },
  explanation: {
    en:
      'RMSNorm is x/√(mean(x²) + eps)·γ on the raw row: no centring, which is the whole point of it (one reduction ' +
      'instead of two, and the mean of the row is kept). Subtracting μ first turns it into LayerNorm without β, and ' +
      'every row whose mean is not 0 comes out wrong.',
    'zh-CN':
      'RMSNorm 是直接对原始的一行计算 x/√(mean(x²) + eps)·γ：不做中心化，这正是它的意义所在（只需一次归约而不是两次，' +
      '并且保留了这一行的均值）。先减去 μ 就把它变成了不带 β 的 LayerNorm，所有均值不为 0 的行都会算错。',
  },
};

export function rmsNormForward(x: Matrix, gamma: Float64Array, eps = 1e-6): { out: Matrix; cache: RMSNormCache } {
  if (gamma.length !== x.cols) throw new Error(`rmsNormForward: x is ${shapeOf(x)} (D = ${x.cols}) but gamma has ${gamma.length} entries`);
  const n = x.rows;
  const d = x.cols;
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  const invRms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // The bug: the row is centred first, as LayerNorm does.
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x.data[i * d + j];
    mean /= d;
    let meanSquare = 0;
    for (let j = 0; j < d; j++) meanSquare += (x.data[i * d + j] - mean) ** 2;
    meanSquare /= d;
    const r = 1 / Math.sqrt(meanSquare + eps);
    invRms[i] = r;
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      xhat.data[k] = (x.data[k] - mean) * r;
      out.data[k] = gamma[j] * xhat.data[k];
    }
  }
  return { out, cache: { xhat, invRms, gamma: Float64Array.from(gamma) } };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [
      `    let meanSquare = 0;
    for (let j = 0; j < d; j++) meanSquare += x.data[i * d + j] ** 2;
    meanSquare /= d;
`,
      `    let mean = 0;
    for (let j = 0; j < d; j++) mean += x.data[i * d + j];
    mean /= d;
    let meanSquare = 0;
    for (let j = 0; j < d; j++) meanSquare += (x.data[i * d + j] - mean) ** 2;
    meanSquare /= d;
`,
    ],
    [
      `      xhat.data[k] = x.data[k] * r;`,
      `      xhat.data[k] = (x.data[k] - mean) * r;`,
    ],
  ],
};
