import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'u ≤ 1 − p instead of u < 1 − p at the boundary',
    'zh-CN': '边界上用了 u ≤ 1 − p 而不是 u < 1 − p',
  },
  explanation: {
    en:
      'rng() returns numbers in [0, 1), so the keep probability of u < 1 − p is exactly 1 − p, and p = 0 keeps everything. ' +
      'With ≤, a number exactly at 1 − p is kept too: p = 1 would keep the entries where u = 0. The rule is strict: keep iff u < 1 − p.',
    'zh-CN':
      'rng() 返回 [0, 1) 中的数，所以 u < 1 − p 的保留概率恰好是 1 − p，p = 0 时全部保留。' +
      '用了 ≤ 之后，恰好等于 1 − p 的数也被保留：p = 1 时 u = 0 的元素会被保留。规则是严格不等号：当且仅当 u < 1 − p 时保留。',
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
  const scale = keep > 0 ? 1 / keep : 0;
  const mask = new Float64Array(x.data.length);
  for (let k = 0; k < mask.length; k++) {
    mask[k] = rng() <= keep ? scale : 0;
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
