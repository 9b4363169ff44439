import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'forward masks x in place and returns it as out',
    'zh-CN': '前向传播原地给 x 乘上掩码，并把它当作 out 返回',
  },
  explanation: {
    en:
      'The numpy habit x *= mask; return x overwrites the caller\'s x: the previous layer\'s output (which its own backward ' +
      'pass still needs) now has holes in it, and out and x are the same array. Compute out into a new matrix and leave x ' +
      'as it was.',
    'zh-CN':
      'numpy 的习惯写法 x *= mask; return x 会覆盖调用方的 x：上一层的输出（它自己的反向传播还要用）被挖出了空洞，' +
      '而且 out 和 x 是同一个数组。要把 out 算进一个新矩阵，让 x 保持原样。',
  },
};

export function dropoutForward(x: Matrix, p: number, mode: DropoutMode, rng: Rng): DropoutForwardResult {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropoutForward: p must be in [0, 1] (the probability of dropping), got ${p}`);
  if (mode === 'eval') return { out: x, cache: { mode, rows: x.rows, cols: x.cols, mask: null } };
  const keep = 1 - p;
  const scale = keep > 0 ? 1 / keep : 0;
  const mask = new Float64Array(x.data.length);
  for (let k = 0; k < mask.length; k++) {
    mask[k] = rng() < keep ? scale : 0;
    x.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out: x, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
