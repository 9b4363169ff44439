import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'NaN at p = 1: 0/0 from dividing the mask by 1 − p',
    'zh-CN': 'p = 1 时出现 NaN：mask 除以 1 − p 得到 0/0',
  },
  explanation: {
    en:
      'At p = 1 every entry is dropped and 1 − p = 0, so mask/(1 − p) is 0/0 = NaN (and x·(1/0) is 0·∞ = NaN): one NaN spreads ' +
      'through the whole network. Build the mask as kept ? 1/(1 − p) : 0, so a dropped entry is a plain 0 and the scale is only ' +
      'used where something is kept; p = 1 then gives zeros, as in PyTorch.',
    'zh-CN':
      'p = 1 时所有元素都被丢弃，且 1 − p = 0，于是 mask/(1 − p) 就是 0/0 = NaN（x·(1/0) 则是 0·∞ = NaN）：一个 NaN 会扩散到整个网络。' +
      '把 mask 写成 kept ? 1/(1 − p) : 0，让丢弃的元素就是 0，缩放只用在保留的元素上；这样 p = 1 得到全零，与 PyTorch 一致。',
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
    mask[k] = (rng() < keep ? 1 : 0) / keep;
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
