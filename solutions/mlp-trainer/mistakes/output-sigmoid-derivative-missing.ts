import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, scale, sub, type Matrix } from '../../lib/matrix.ts';
import { sigmoid } from '../../sigmoid-derivative/sigmoid.ts';
import { crossEntropyOutput, mseOutput, type OutputLayer, withOutputLayer } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: "σ′ missing from the output layer's δ (sigmoid + MSE)",
    'zh-CN': '输出层的 δ 漏了 σ′（sigmoid + MSE）',
  },
  explanation: {
    en:
      'With a sigmoid output and MSE, δ⁽ᴸ⁾ = ∂loss/∂Z⁽ᴸ⁾ = 2(A − Y)/(N·K) ⊙ σ′(Z⁽ᴸ⁾): the chain rule goes through the sigmoid. ' +
      'Only softmax + cross-entropy simplifies to (P − Y)/N, because there the softmax derivative cancels; with MSE nothing cancels.',
    'zh-CN':
      '输出层用 sigmoid、损失用 MSE 时，δ⁽ᴸ⁾ = ∂loss/∂Z⁽ᴸ⁾ = 2(A − Y)/(N·K) ⊙ σ′(Z⁽ᴸ⁾)：链式法则要经过 sigmoid。' +
      '只有 softmax + 交叉熵才能化简成 (P − Y)/N，因为那里 softmax 的导数被消掉了；MSE 没有任何东西能消掉。',
  },
};

/** δ = 2(A − Y)/(N·K), as if the output had no sigmoid. */
function mseWithoutDerivative(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows * logits.cols;
  return { loss: mseOutput(logits, y).loss, delta: scale(sub(map(logits, sigmoid), y), 2 / count) };
}

export const { lossAndGradients, train } = withOutputLayer((loss, logits, y) =>
  loss === 'mse' ? mseWithoutDerivative(logits, y) : crossEntropyOutput(logits, y),
);

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['  const delta = map(diff, (d, i, j) => ((2 * d) / count) * sigmoidDerivative(logits.data[i * logits.cols + j]));', '  const delta = map(diff, (d) => (2 * d) / count);'],
  ],
};
