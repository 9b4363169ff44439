import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'an entry kept with probability p (u < p)',
    'zh-CN': '以概率 p 保留元素（u < p）',
  },
  explanation: {
    en:
      'In PyTorch p is the probability of DROPPING an entry (nn.Dropout(p=0.2) drops 20%). Keeping iff u < p is the old ' +
      'CS231n convention, where p was the probability of keeping: with p = 0.2 it keeps 20% instead of 80%. Keep iff u < 1 − p.',
    'zh-CN':
      '在 PyTorch 中 p 是丢弃元素的概率（nn.Dropout(p=0.2) 丢弃 20%）。当 u < p 时保留是 CS231n 旧作业的约定，那里 p 是保留的概率：' +
      'p = 0.2 时它保留 20%，而不是 80%。应当在 u < 1 − p 时保留。',
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
    mask[k] = rng() < p ? scale : 0;
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
