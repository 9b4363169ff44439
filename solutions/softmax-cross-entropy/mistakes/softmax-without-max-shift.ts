import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
export { bceWithLogits, crossEntropy, logSoftmax, softmaxBackward } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'softmax without subtracting the row maximum',
    'zh-CN': 'softmax 没有先减去每行的最大值',
  },
  explanation: {
    en:
      'exp(z) overflows to Infinity for z above about 709, and Infinity/Infinity is NaN: at logits of 1e4 your softmax ' +
      'returns NaN. softmax(z) = softmax(z − c) for any constant c per row, so subtract the row maximum first: every ' +
      'exponent is then ≤ 0, the largest term is exp(0) = 1, and nothing can overflow.',
    'zh-CN':
      'z 大于约 709 时 exp(z) 上溢为 Infinity，而 Infinity/Infinity 是 NaN：logits 为 1e4 时你的 softmax ' +
      '返回 NaN。对每一行加上任意常数 c，softmax 不变（softmax(z) = softmax(z − c)），所以先减去该行的最大值：' +
      '这样每个指数都 ≤ 0，最大的一项是 exp(0) = 1，不可能上溢。',
  },
};

export function softmax(z: Matrix): Matrix {
  const out = matrix(z.rows, z.cols);
  for (let n = 0; n < z.rows; n++) {
    const r = n * z.cols;
    let sum = 0;
    for (let c = 0; c < z.cols; c++) {
      out.data[r + c] = Math.exp(z.data[r + c]);
      sum += out.data[r + c];
    }
    for (let c = 0; c < z.cols; c++) out.data[r + c] /= sum;
  }
  return out;
}
