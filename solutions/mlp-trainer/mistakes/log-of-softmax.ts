import type { Mistake } from '../../../grader/core/mistakes.ts';
import { scale, sub, type Matrix } from '../../lib/matrix.ts';
import { mseOutput, type OutputLayer, softmaxRows, withOutputLayer } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: 'the loss takes log of the softmax (−log 0 = Infinity)',
  explanation:
    'When a target class scores about 745 below the top class of its row, its probability underflows to exactly 0 and ' +
    '−log P is Infinity, although the true loss is a finite ~745. Compute log P directly as a log-softmax: ' +
    'log P = z − max − log Σ exp(z − max).',
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
  const logP = logSoftmaxRows(logits);`, '  const logP = map(softmaxRows(logits), Math.log);'],
  ],
};
