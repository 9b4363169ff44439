import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { LayerNormCache } from '../layernorm.ts';
export { layerNormBackward, rmsNormForward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'LayerNorm variance computed in one pass, E[x²] − E[x]²',
    'zh-CN': 'LayerNorm 的方差一遍算出：E[x²] − E[x]²',
  },
  explanation: {
    en:
      'E[x²] − E[x]² subtracts two nearly equal numbers when a row has a large common offset: for values around 1e4 that ' +
      'differ by 1e-2, both terms are about 1e8, and float64 keeps only ~1e-8 of their difference, so the variance (about ' +
      '1e-4) loses four digits, or comes out negative. Compute the row mean first, then Σ(x − μ)²/D, as PyTorch does.',
    'zh-CN':
      '当一行有很大的公共偏移时，E[x²] − E[x]² 是两个几乎相等的数相减：对于在 1e4 附近、彼此相差 1e-2 的取值，' +
      '两项都约为 1e8，float64 对它们的差只能精确到约 1e-8，于是方差（约 1e-4）丢掉四位有效数字，甚至算成负数。' +
      '应当像 PyTorch 那样先求这一行的均值 μ，再求 Σ(x − μ)²/D。',
  },
};

export function layerNormForward(
  x: Matrix,
  gamma: Float64Array,
  beta: Float64Array,
  eps = 1e-5,
): { out: Matrix; cache: LayerNormCache } {
  for (const [name, v] of [['gamma', gamma], ['beta', beta]] as const) {
    if (v.length !== x.cols) throw new Error(`layerNormForward: x is ${shapeOf(x)} (D = ${x.cols}) but ${name} has ${v.length} entries`);
  }
  const n = x.rows;
  const d = x.cols;
  const xhat = matrix(n, d);
  const out = matrix(n, d);
  const invStd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const row = x.data.subarray(i * d, (i + 1) * d);
    let mean = 0;
    for (let j = 0; j < d; j++) mean += row[j];
    mean /= d;
    // The bug: σ² = (1/D)·Σx² − μ², the same number on paper, not in float64.
    let squares = 0;
    for (let j = 0; j < d; j++) squares += row[j] * row[j];
    const variance = squares / d - mean * mean;
    const s = 1 / Math.sqrt(variance + eps);
    invStd[i] = s;
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      xhat.data[k] = (row[j] - mean) * s;
      out.data[k] = gamma[j] * xhat.data[k] + beta[j];
    }
  }
  return { out, cache: { xhat, invStd, gamma: Float64Array.from(gamma) } };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [
      `    // Two passes: the variance from the centred values, never E[x²] − E[x]² (a large common
    // offset would cancel every digit of it). Biased: ÷D, as F.layer_norm.
    // 分两遍：用中心化后的值求方差，绝不用 E[x²] − E[x]²（很大的公共偏移会把它的有效数字全部抵消掉）。有偏：÷D，与 F.layer_norm 相同。
    let variance = 0;
    for (let j = 0; j < d; j++) variance += (row[j] - mean) ** 2;
    variance /= d;
`,
      `    let variance = 0;
    for (let j = 0; j < d; j++) variance += row[j] * row[j];
    variance = variance / d - mean * mean;
`,
    ],
  ],
};
