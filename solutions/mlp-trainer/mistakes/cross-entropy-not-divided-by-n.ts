import type { Mistake } from '../../../grader/core/mistakes.ts';
import { sub } from '../../lib/matrix.ts';
import { crossEntropyOutput, mseOutput, softmaxRows, withOutputLayer } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'cross-entropy gradient not divided by N',
    'zh-CN': '交叉熵的梯度没有除以 N',
  },
  explanation: {
    en:
      'The loss is the MEAN over the N rows, −(1/N)·Σ Y·log P, so its gradient carries the same 1/N: δ⁽ᴸ⁾ = (P − Y)/N. ' +
      'With P − Y alone every gradient is N times too large, and the step size silently depends on the batch size.',
    'zh-CN':
      '损失是对 N 行取的平均值，−(1/N)·Σ Y·log P，所以它的梯度也带着同一个 1/N：δ⁽ᴸ⁾ = (P − Y)/N。' +
      '只用 P − Y 的话，每个梯度都大了 N 倍，步长也会悄悄地随批量大小而变。',
  },
};

export const { lossAndGradients, train } = withOutputLayer((loss, logits, y) =>
  loss === 'mse' ? mseOutput(logits, y) : { loss: crossEntropyOutput(logits, y).loss, delta: sub(softmaxRows(logits), y) },
);

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['  const delta = map(logP, (lp, i, j) => (Math.exp(lp) - y.data[i * y.cols + j]) / n);', '  const delta = map(logP, (lp, i, j) => Math.exp(lp) - y.data[i * y.cols + j]);'],
  ],
};
