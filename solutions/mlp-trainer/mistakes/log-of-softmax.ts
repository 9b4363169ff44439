import type { Mistake } from '../../../grader/core/mistakes.ts';
import { scale, sub, type Matrix } from '../../lib/matrix.ts';
import { mseOutput, type OutputLayer, softmaxRows, withOutputLayer } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'the loss takes log of the softmax (−log 0 = Infinity)',
    'zh-CN': '损失对 softmax 的结果取 log（−log 0 = Infinity）',
  },
  explanation: {
    en:
      'When a target class scores about 745 below the top class of its row, its probability underflows to exactly 0 and ' +
      '−log P is Infinity, although the true loss is a finite ~745. Compute log P directly as a log-softmax: ' +
      'log P = z − max − log Σ exp(z − max).',
    'zh-CN':
      '当目标类别的分数比该行最高的类别低约 745 时，它的概率会下溢成恰好为 0，−log P 就成了 Infinity，而真实的损失是有限的，约为 745。' +
      '应直接用 log-softmax 计算 log P：log P = z − max − log Σ exp(z − max)。',
  },
};

/** A stable softmax, but the loss is −Σ Y·log(P) of it. */
function crossEntropyOfSoftmax(logits: Matrix, y: Matrix): OutputLayer {
  const p = softmaxRows(logits);
  let total = 0;
  for (let k = 0; k < y.data.length; k++) if (y.data[k] !== 0) total -= y.data[k] * Math.log(p.data[k]);
  return { loss: total / logits.rows, delta: scale(sub(p, y), 1 / logits.rows) };
}

export const { lossAndGradients, train } = withOutputLayer((loss, logits, y) =>
  loss === 'mse' ? mseOutput(logits, y) : crossEntropyOfSoftmax(logits, y),
);

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  // log P from the log-sum-exp of the shifted row, so that log P stays finite even where
  // P itself underflows to 0 (a target class 1000 below the top score has log P ≈ −1000).
  // log P 由平移后那一行的 log-sum-exp 算出，这样即使 P 本身下溢成 0，log P 仍是有限值
  // （一个比最高分低 1000 的目标类别，log P ≈ −1000）。
  const logP = logSoftmaxRows(logits);`, '  const logP = map(softmaxRows(logits), Math.log);'],
  ],
};
