import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'kept entries not scaled by 1/(1 − p)',
    'zh-CN': '保留的元素没有乘以 1/(1 − p)',
  },
  explanation: {
    en:
      'Dropping a fraction p of the entries shrinks what the next layer receives to (1 − p) of x on average. Inverted dropout ' +
      'scales the kept entries by 1/(1 − p) at train time so that E[out] = x, and eval mode can then pass x through unchanged. ' +
      'Without the scale, train and eval see activations of different sizes.',
    'zh-CN':
      '丢弃比例为 p 的元素后，下一层收到的输入平均只有 x 的 (1 − p)。反向缩放的 Dropout 在训练时给保留的元素乘以 1/(1 − p)，' +
      '使 E[out] = x，评估模式才能原样输出 x。少了这个缩放，训练和评估时激活值的大小就不一致了。',
  },
};

export function dropoutForward(x: Matrix, p: number, mode: DropoutMode, rng: Rng): DropoutForwardResult {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropoutForward: p must be in [0, 1] (the probability of dropping), got ${p}`);
  const out = matrix(x.rows, x.cols);
  if (mode === 'eval') {
    out.data.set(x.data);
    return { out, cache: { mode, rows: x.rows, cols: x.cols, mask: null } };
  }
  const keep = 1 - p;
  const mask = new Float64Array(x.data.length);
  for (let k = 0; k < mask.length; k++) {
    mask[k] = rng() < keep ? 1 : 0;
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
