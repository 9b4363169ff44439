import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'dropout applied in eval mode too',
    'zh-CN': '评估模式下也做了 Dropout',
  },
  explanation: {
    en:
      'mode is ignored, so eval mode draws a mask and drops entries as well: predictions become random, and the numbers ' +
      'drawn in eval shift the stream for every later train call. Inverted dropout does all its work at train time; ' +
      'in eval mode out = x, dx = dout, and rng is not called at all.',
    'zh-CN':
      'mode 被忽略了，于是评估模式也抽取掩码、丢弃元素：预测结果变得随机，而且评估时抽走的随机数会让之后每次训练调用读到错位的数。' +
      '反向缩放的 Dropout 把所有工作都放在训练时完成；评估模式下 out = x，dx = dout，并且根本不调用 rng。',
  },
};

export function dropoutForward(x: Matrix, p: number, mode: DropoutMode, rng: Rng): DropoutForwardResult {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropoutForward: p must be in [0, 1] (the probability of dropping), got ${p}`);
  const out = matrix(x.rows, x.cols);
  const keep = 1 - p;
  const scale = keep > 0 ? 1 / keep : 0;
  const mask = new Float64Array(x.data.length);
  for (let k = 0; k < mask.length; k++) {
    mask[k] = rng() < keep ? scale : 0;
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
