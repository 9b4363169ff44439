import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/index.ts';
import type { LayerNormCache } from '../layernorm.ts';
export { layerNormBackward, rmsNormForward, rmsNormBackward } from '../layernorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'eps added outside the square root, 1/(σ + eps)',
    'zh-CN': 'eps 加在了平方根外面：1/(σ + eps)',
  },
  explanation: {
    en:
      'F.layer_norm adds eps to the variance inside the square root: x̂ = (x − μ)/√(σ² + eps). Adding it to the standard ' +
      'deviation, (x − μ)/(σ + eps), is a different layer: with eps = 1e-5 it barely shows on rows of spread 1, but on a ' +
      'row of small spread, or with a large eps, x̂ comes out wrong, and a constant row is normalised by eps instead of √eps.',
    'zh-CN':
      'F.layer_norm 把 eps 加在平方根里面的方差上：x̂ = (x − μ)/√(σ² + eps)。把它加在标准差上，即 (x − μ)/(σ + eps)，' +
      '就成了另一个层：eps = 1e-5 时，在离散程度为 1 的行上几乎看不出区别；但在离散程度小的行上，或 eps 较大时，' +
      'x̂ 就不对了，常数行也会除以 eps 而不是 √eps。',
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
    variance /= d;
    const s = 1 / (Math.sqrt(variance) + eps); // the bug: eps belongs inside the square root
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
      `    const s = 1 / Math.sqrt(variance + eps);`,
      `    const s = 1 / (Math.sqrt(variance) + eps);`,
    ],
  ],
};
