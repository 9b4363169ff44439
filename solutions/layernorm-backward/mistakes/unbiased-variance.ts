import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { LayerNormCache } from '../layernorm.ts';
export { layerNormBackward, rmsNormForward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'LayerNorm normalises with the unbiased variance, ÷(D − 1)',
    'zh-CN': 'LayerNorm 用无偏方差（÷(D − 1)）归一化',
  },
  explanation: {
    en:
      'F.layer_norm divides the sum of squared deviations by D, the number of entries in the row: the biased variance, ' +
      'the spread of this row itself. ÷(D − 1) is what torch.var and np.var(ddof=1) give; it makes x̂ too small by ' +
      '√((D − 1)/D), which shows most at D = 2 (±0.7071 instead of ±1), and divides by zero at D = 1.',
    'zh-CN':
      'F.layer_norm 把偏差平方和除以 D，即这一行的元素个数：这是有偏方差，描述这一行自身的离散程度。' +
      '÷(D − 1) 是 torch.var 和 np.var(ddof=1) 的结果；它让 x̂ 小了 √((D − 1)/D) 倍，D = 2 时最明显' +
      '（得到 ±0.7071 而不是 ±1），D = 1 时则会除以零。',
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
    let variance = 0;
    for (let j = 0; j < d; j++) variance += (row[j] - mean) ** 2;
    variance /= d - 1; // the bug: F.layer_norm divides by D
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
    for (let j = 0; j < d; j++) variance += (row[j] - mean) ** 2;
    variance /= d - 1;
`,
    ],
  ],
};
