import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import { softmax } from '../softmax.ts';
export { bceWithLogits, crossEntropy, softmax, softmaxBackward } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'logSoftmax computed as log(softmax(z))',
    'zh-CN': 'logSoftmax 写成了 log(softmax(z))',
  },
  explanation: {
    en:
      'A probability that underflows to 0 has log 0 = −Infinity: for the row [1e4, 0, −1e4] softmax gives [1, 0, 0], ' +
      'so log(softmax) gives [0, −Infinity, −Infinity] where the answer is [0, −1e4, −2e4]. Work in the log domain: ' +
      'log softmax(z) = z − m − log Σ exp(z − m) with m the row maximum, which never takes the log of a probability.',
    'zh-CN':
      '下溢为 0 的概率取对数得到 log 0 = −Infinity：对行 [1e4, 0, −1e4]，softmax 给出 [1, 0, 0]，' +
      '于是 log(softmax) 给出 [0, −Infinity, −Infinity]，而正确答案是 [0, −1e4, −2e4]。要在对数域里计算：' +
      'log softmax(z) = z − m − log Σ exp(z − m)，m 为该行最大值，这样从不对概率取对数。',
  },
};

export function logSoftmax(z: Matrix): Matrix {
  const p = softmax(z);
  const out = matrix(z.rows, z.cols);
  for (let k = 0; k < p.data.length; k++) out.data[k] = Math.log(p.data[k]);
  return out;
}
