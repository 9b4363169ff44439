import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'kept iff u > p: the right rate, the wrong rule',
    'zh-CN': '当 u > p 时保留：比例对了，规则错了',
  },
  explanation: {
    en:
      'u > p keeps a fraction 1 − p of the entries, as it should, but not the entries the contract names: an entry is kept ' +
      'iff its number is < 1 − p. With a shared, seeded rng, every framework port and every test depends on the exact rule, ' +
      'not only on the rate (numpy habit: rand(...) > p).',
    'zh-CN':
      'u > p 保留的元素比例确实是 1 − p，但保留的不是约定所指定的那些元素：当且仅当某个元素对应的数 < 1 − p 时才保留它。' +
      '在共享的、带种子的 rng 下，每次框架移植、每个测试都依赖这条精确的规则，而不只是比例（numpy 的习惯写法：rand(...) > p）。',
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
    mask[k] = rng() > p ? scale : 0;
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
