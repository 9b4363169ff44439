/**
 * A bug of the seed article's NumPy program, ported: m = x.shape[1], which is the batch size
 * only when examples are columns; with one example per row it is the number of features.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { scale, type Matrix } from '../../lib/matrix.ts';
import type { Gradients, MLP, TrainOptions } from '../mlp.ts';
import { backpropagate, checkTargets, crossEntropyOutput, forwardPass, mseOutput, runEpochs, sgdBatch } from './_variants.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'cross-entropy averaged over m = x.shape[1] (the features) instead of the N examples',
    'zh-CN': '交叉熵按 m = x.shape[1]（特征数）求平均，而不是按 N 个样本',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: m = x.shape[1], then loss = −Σ Y·log P / m and δ⁽ᴸ⁾ = (P − Y)/m. ' +
      'x.shape[1] is the batch size only when examples are columns (D×N); here a batch is N×D, one example per row, so m is ' +
      'the input width D and the loss and every gradient are scaled by N/D. Divide by the number of rows, N = x.rows ' +
      '(x.shape[0]).',
    'zh-CN':
      '一篇流传很广的教程里出现过的错误：m = x.shape[1]，然后 loss = −Σ Y·log P / m，δ⁽ᴸ⁾ = (P − Y)/m。' +
      '只有当样本按列排列（D×N）时，x.shape[1] 才是批量大小；这里一个批量是 N×D，每行一个样本，所以 m 其实是输入宽度 D，损失和每个梯度都被缩放了 N/D 倍。' +
      '应该除以行数 N = x.rows（x.shape[0]）。',
  },
};

export function lossAndGradients(net: MLP, x: Matrix, y: Matrix): Gradients {
  const pass = forwardPass(net, x);
  checkTargets(pass.logits, y);
  if (net.loss === 'mse') return backpropagate(net, pass, mseOutput(pass.logits, y));
  const m = x.cols; // the mistake: x.shape[1], the number of features
  // −Σ Y·log P / m and (P − Y)/m: the reference's mean over N rows, times N/m.
  const mean = crossEntropyOutput(pass.logits, y);
  const factor = x.rows / m;
  return backpropagate(net, pass, { loss: mean.loss * factor, delta: scale(mean.delta, factor) });
}

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  return runEpochs(x, y, options, sgdBatch(net, lossAndGradients, options.learningRate));
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['  return backpropagate(net, pass, outputLayer(net.loss, pass.logits, y));', '  return backpropagate(net, pass, outputLayer(net.loss, pass.logits, y, x.cols));'],
    ['function outputLayer(loss: Loss, logits: Matrix, y: Matrix): OutputLayer {', 'function outputLayer(loss: Loss, logits: Matrix, y: Matrix, batchSize: number): OutputLayer {'],
    ["  return loss === 'mse' ? mseOutput(logits, y) : crossEntropyOutput(logits, y);", "  return loss === 'mse' ? mseOutput(logits, y) : crossEntropyOutput(logits, y, batchSize);"],
    [`function crossEntropyOutput(logits: Matrix, y: Matrix): OutputLayer {
  const n = logits.rows;`, `function crossEntropyOutput(logits: Matrix, y: Matrix, batchSize: number): OutputLayer {
  const n = batchSize;`],
  ],
};
