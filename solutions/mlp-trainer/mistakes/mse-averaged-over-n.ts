import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, sub, type Matrix } from '../../lib/matrix.ts';
import { sigmoid, sigmoidDerivative } from '../../sigmoid-derivative/sigmoid.ts';
import { crossEntropyOutput, type OutputLayer, sumOfSquares, withOutputLayer } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'MSE averaged over the N examples instead of all N·K entries',
    'zh-CN': '均方误差（MSE）只按 N 个样本求平均，而不是全部 N·K 个元素',
  },
  explanation: {
    en:
      'The statement (like PyTorch and Keras, reduction "mean") averages (A − Y)² over every entry of the N×K output: ' +
      'divide by N·K, in the loss and in δ⁽ᴸ⁾ = 2(A − Y)/(N·K) ⊙ σ′(Z). Dividing by N makes both K times too large ' +
      '(they only agree when K = 1).',
    'zh-CN':
      '题面规定（与 PyTorch、Keras 的 reduction "mean" 一样）对 N×K 输出的每个元素的 (A − Y)² 求平均：' +
      '损失和 δ⁽ᴸ⁾ = 2(A − Y)/(N·K) ⊙ σ′(Z) 里都要除以 N·K。除以 N 会让两者都大 K 倍（只有 K = 1 时才一致）。',
  },
};

function msePerExample(logits: Matrix, y: Matrix): OutputLayer {
  const n = logits.rows;
  const diff = sub(map(logits, sigmoid), y);
  const delta = map(diff, (d, i, j) => ((2 * d) / n) * sigmoidDerivative(logits.data[i * logits.cols + j]));
  return { loss: sumOfSquares(diff) / n, delta };
}

export const { lossAndGradients, train } = withOutputLayer((loss, logits, y) =>
  loss === 'mse' ? msePerExample(logits, y) : crossEntropyOutput(logits, y),
);

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`function mseOutput(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows * logits.cols;`, `function mseOutput(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows;`],
  ],
};
