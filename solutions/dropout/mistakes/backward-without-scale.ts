import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { DropoutCache } from '../dropout.ts';
export { dropoutForward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'backward applies the 0/1 mask without the 1/(1 − p) scale',
    'zh-CN': '反向传播只乘了 0/1 掩码，漏了 1/(1 − p) 的缩放',
  },
  explanation: {
    en:
      'out = x · mask / (1 − p) is linear in x, and its derivative is the whole factor, scale included: a kept entry passes ' +
      'dout/(1 − p) back, a dropped one 0. Dropping the scale in backward makes every kept gradient (1 − p) times too small.',
    'zh-CN':
      'out = x · mask / (1 − p) 对 x 是线性的，它的导数就是整个系数，包括缩放：保留的元素回传 dout/(1 − p)，丢弃的元素回传 0。' +
      '反向传播漏掉缩放，会让每个保留元素的梯度都小 (1 − p) 倍。',
  },
};

export function dropoutBackward(dout: Matrix, cache: DropoutCache): Matrix {
  if (dout.rows !== cache.rows || dout.cols !== cache.cols) {
    throw new Error(`dropoutBackward: dout is ${shapeOf(dout)} but x and out were ${cache.rows}×${cache.cols}`);
  }
  const dx = matrix(dout.rows, dout.cols);
  const { mask } = cache;
  if (mask === null) {
    dx.data.set(dout.data);
    return dx;
  }
  for (let k = 0; k < mask.length; k++) dx.data[k] = mask[k] === 0 ? 0 : dout.data[k];
  return dx;
}
