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
