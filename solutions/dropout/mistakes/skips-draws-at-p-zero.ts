import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'no numbers drawn when p = 0 (a shortcut that shifts the random stream)',
    'zh-CN': 'p = 0 时不抽随机数（这条捷径会让随机数流错位）',
  },
  explanation: {
    en:
      'Returning x early when p = 0 gives the right out, but draws nothing from rng, so every later call (the next layer, ' +
      'the next batch) reads different numbers than it would otherwise: a run is no longer reproducible when p changes. ' +
      'Train mode draws exactly one number per entry, N·D in all, whatever p is.',
    'zh-CN':
      'p = 0 时提前返回 x，out 是对的，却没有从 rng 抽任何数，于是之后的每次调用（下一层、下一个批量）读到的数都和原本不同：' +
      '只要 p 变了，运行结果就无法复现。训练模式对每个元素恰好抽一个数，共 N·D 个，不论 p 是多少。',
  },
};

export function dropoutForward(x: Matrix, p: number, mode: DropoutMode, rng: Rng): DropoutForwardResult {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropoutForward: p must be in [0, 1] (the probability of dropping), got ${p}`);
  const out = matrix(x.rows, x.cols);
  if (mode === 'eval' || p === 0) {
    out.data.set(x.data);
    return { out, cache: { mode, rows: x.rows, cols: x.cols, mask: null } };
  }
  const keep = 1 - p;
  const scale = keep > 0 ? 1 / keep : 0;
  const mask = new Float64Array(x.data.length);
  for (let k = 0; k < mask.length; k++) {
    mask[k] = rng() < keep ? scale : 0;
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
