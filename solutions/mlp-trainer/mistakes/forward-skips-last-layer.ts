/**
 * A bug of the seed article's NumPy program, ported: the forward loop runs over
 * range(len(layers) − 1), so the output layer is never applied.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { addRowVector, map, matmul, type Matrix } from '../../lib/matrix.ts';
import { sigmoid } from '../../sigmoid-derivative/sigmoid.ts';
import type { MLP } from '../mlp.ts';
export { createMLP, lossAndGradients, train } from '../mlp.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'the forward loop skips the last layer (range(len(layers) − 1))',
    'zh-CN': '前向传播的循环漏掉了最后一层（range(len(layers) − 1)）',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: for i in range(len(layers) − 1) stops one layer short, so forward returns the ' +
      'last HIDDEN layer\'s activations (N×H, not N×K) and the output layer, with its sigmoid or softmax, never runs. ' +
      'A network of sizes [D, H₁, …, K] has L = sizes.length − 1 = weights.length layers: loop over all of them, the hidden ' +
      'nonlinearity on every layer but the last, then the sigmoid (mse) or softmax (cross-entropy) on the last.',
    'zh-CN':
      '一篇流传很广的教程里出现过的错误：' +
      '循环写成 range(len(layers) − 1)，少走了一层，所以 forward 返回的是最后一个隐藏层的激活值（N×H，而不是 N×K），带 sigmoid 或 softmax 的输出层根本没有运行。' +
      '层大小为 [D, H₁, …, K] 的网络共有 L = sizes.length − 1 = weights.length 层：' +
      '要遍历所有层，除最后一层外每层都接隐藏层的激活函数，最后一层接 sigmoid（mse）或 softmax（cross-entropy）。',
  },
};

export function forward(net: MLP, x: Matrix): Matrix {
  let a = x;
  for (let l = 0; l < net.weights.length - 1; l++) {
    a = map(addRowVector(matmul(a, net.weights[l]), net.biases[l]), net.activation === 'relu' ? (z) => (z > 0 ? z : 0) : sigmoid);
  }
  return a;
}
