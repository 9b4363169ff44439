/**
 * A bug of the seed article's NumPy program, ported: the output error is taken as y − output,
 * and the update then subtracts the "gradient" built from it, as the statement's SGD does.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, scale, sub, type Matrix } from '../../lib/matrix.ts';
import { sigmoid, sigmoidDerivative } from '../../sigmoid-derivative/sigmoid.ts';
import { crossEntropyOutput, mseOutput, type OutputLayer, softmaxRows, withOutputLayer } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'the error taken as y − output, then subtracted in the update (gradient ascent)',
    'zh-CN': '误差取成 y − output，更新时又把它减掉（成了梯度上升）',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: error = y − output, and the weights then move by W ← W − η·(Aᵀ·δ) with δ built ' +
      'from that error. ∂loss/∂A is output − y, so every gradient comes out with the wrong sign and the SGD step climbs the ' +
      'loss. Take the error as output − y (δ⁽ᴸ⁾ = 2(A − Y)/(N·K) ⊙ σ′(Z), or (P − Y)/N with softmax), and keep W ← W − η·dW; ' +
      '(y − output with W ← W + η·…) is the same thing written twice backwards, but then lossAndGradients is not the gradient.',
    'zh-CN':
      '一篇流传很广的教程里出现过的错误：error = y − output，再用由这个误差算出的 δ 做更新 W ← W − η·(Aᵀ·δ)。' +
      '∂loss/∂A 是 output − y，所以每个梯度的符号都反了，SGD 每一步都在让损失变大。' +
      '误差应取 output − y（δ⁽ᴸ⁾ = 2(A − Y)/(N·K) ⊙ σ′(Z)，用 softmax 时为 (P − Y)/N），并保持 W ← W − η·dW；' +
      '（y − output 配合 W ← W + η·…）是把同一件事反着写了两遍，更新结果相同，但那样 lossAndGradients 返回的就不是梯度了。',
  },
};

/** error = Y − A: δ = 2(Y − A)/(N·K) ⊙ σ′(Z), the negative of ∂loss/∂Z. */
function mseErrorYMinusOutput(logits: Matrix, y: Matrix): OutputLayer {
  const count = logits.rows * logits.cols;
  const error = sub(y, map(logits, sigmoid));
  const delta = map(error, (e, i, j) => ((2 * e) / count) * sigmoidDerivative(logits.data[i * logits.cols + j]));
  return { loss: mseOutput(logits, y).loss, delta };
}

/** error = Y − P: δ = (Y − P)/N. */
function crossEntropyErrorYMinusOutput(logits: Matrix, y: Matrix): OutputLayer {
  return { loss: crossEntropyOutput(logits, y).loss, delta: scale(sub(y, softmaxRows(logits)), 1 / logits.rows) };
}

// train subtracts these gradients, W ← W − η·dW, exactly as the statement says: the sign bug is in δ.
export const { lossAndGradients, train } = withOutputLayer((loss, logits, y) =>
  loss === 'mse' ? mseErrorYMinusOutput(logits, y) : crossEntropyErrorYMinusOutput(logits, y),
);

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['  const diff = sub(map(logits, sigmoid), y);', '  const diff = sub(y, map(logits, sigmoid));'],
    ['  const delta = map(logP, (lp, i, j) => (Math.exp(lp) - y.data[i * y.cols + j]) / n);', '  const delta = map(logP, (lp, i, j) => (y.data[i * y.cols + j] - Math.exp(lp)) / n);'],
  ],
};
