import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, scale, sub, type Matrix } from '../../lib/matrix.ts';
import { sigmoid } from '../../sigmoid-derivative/sigmoid.ts';
import type { MLP } from '../mlp.ts';
import { forwardPass, mseOutput, type OutputLayer, withOutputLayer } from './_variants.ts';
export { createMLP } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'softmax without subtracting the max (overflow)',
    'zh-CN': 'softmax 没有先减去最大值（上溢）',
  },
  explanation: {
    en:
      'exp(z) overflows to Infinity once z > 709.78, and Infinity/Infinity is NaN. Softmax does not change when a constant ' +
      'is subtracted from every score of a row, so compute exp(z − max) instead; for the loss, log P = z − max − log Σ exp(z − max) ' +
      'stays finite even where P underflows to 0.',
    'zh-CN':
      'z > 709.78 时 exp(z) 上溢为 Infinity，而 Infinity/Infinity 是 NaN。' +
      '一行的每个分数都减去同一个常数，softmax 不变，所以应计算 exp(z − max)；' +
      '损失则用 log P = z − max − log Σ exp(z − max)，即使 P 下溢为 0 也保持有限。',
  },
};

/** exp(z)/Σ exp(z), row by row, with no shift. */
function naiveSoftmax(z: Matrix): Matrix {
  const e = map(z, Math.exp);
  for (let i = 0; i < e.rows; i++) {
    const row = e.data.subarray(i * e.cols, (i + 1) * e.cols);
    const sum = row.reduce((s, v) => s + v, 0);
    for (let j = 0; j < row.length; j++) row[j] /= sum;
  }
  return e;
}

function naiveCrossEntropy(logits: Matrix, y: Matrix): OutputLayer {
  const p = naiveSoftmax(logits);
  let total = 0;
  for (let k = 0; k < y.data.length; k++) if (y.data[k] !== 0) total -= y.data[k] * Math.log(p.data[k]);
  return { loss: total / logits.rows, delta: scale(sub(p, y), 1 / logits.rows) };
}

export function forward(net: MLP, x: Matrix): Matrix {
  const { logits } = forwardPass(net, x);
  return net.loss === 'mse' ? map(logits, sigmoid) : naiveSoftmax(logits);
}

export const { lossAndGradients, train } = withOutputLayer((loss, logits, y) =>
  loss === 'mse' ? mseOutput(logits, y) : naiveCrossEntropy(logits, y),
);

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  // log P from the log-sum-exp of the shifted row, so that log P stays finite even where
  // P itself underflows to 0 (a target class 1000 below the top score has log P ≈ −1000).
  // log P 由平移后那一行的 log-sum-exp 算出，这样即使 P 本身下溢成 0，log P 仍是有限值
  // （一个比最高分低 1000 的目标类别，log P ≈ −1000）。
  const logP = logSoftmaxRows(logits);`, '  const logP = map(softmaxRows(logits), Math.log);'],
    [`/**
 * softmax of each row, as exp(log softmax): no exp can overflow.
 *
 * 中文：每行的 softmax，按 exp(log softmax) 计算：任何 exp 都不会上溢。
 */
function softmaxRows(z: Matrix): Matrix {
  return map(logSoftmaxRows(z), Math.exp);
}

/**
 * log softmax of each row: z − max − log Σ exp(z − max). Every exp argument is ≤ 0.
 *
 * 中文：每行的 log softmax：z − max − log Σ exp(z − max)。每个 exp 的参数都 ≤ 0。
 */
function logSoftmaxRows(z: Matrix): Matrix {
  const out = map(z, (v) => v);
  for (let i = 0; i < z.rows; i++) {
    const row = out.data.subarray(i * z.cols, (i + 1) * z.cols);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    const logSum = max + Math.log(sum);
    for (let j = 0; j < row.length; j++) row[j] -= logSum;
  }
  return out;
}`, `/**
 * softmax of each row: exp(z) / Σ exp(z).
 *
 * 中文：每行的 softmax：exp(z) / Σ exp(z)。
 */
function softmaxRows(z: Matrix): Matrix {
  const out = map(z, Math.exp);
  for (let i = 0; i < z.rows; i++) {
    const row = out.data.subarray(i * z.cols, (i + 1) * z.cols);
    let sum = 0;
    for (const v of row) sum += v;
    for (let j = 0; j < row.length; j++) row[j] /= sum;
  }
  return out;
}`],
  ],
};
