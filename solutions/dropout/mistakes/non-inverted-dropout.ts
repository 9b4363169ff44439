import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutForwardResult, DropoutMode } from '../dropout.ts';
export { dropoutBackward } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'the old, non-inverted dropout: no scale at train time, × (1 − p) at eval time',
    'zh-CN': '旧式（非反向缩放）Dropout：训练时不缩放，评估时乘以 (1 − p)',
  },
  explanation: {
    en:
      'The original dropout paper keeps the kept entries as they are and multiplies by 1 − p at test time. That matches ' +
      'the expectations too, but it is not what PyTorch (or this contract) does: inverted dropout scales the kept entries ' +
      'by 1/(1 − p) during training, so that eval mode is the plain identity and the model needs no change for inference.',
    'zh-CN':
      'Dropout 原始论文让保留的元素保持原值，测试时再乘以 1 − p。这样期望也对得上，但它不是 PyTorch（也不是本题约定）的做法：' +
      '反向缩放的 Dropout 在训练时就给保留的元素乘以 1/(1 − p)，于是评估模式就是单纯的恒等映射，推理时模型无需任何改动。',
  },
};

export function dropoutForward(x: Matrix, p: number, mode: DropoutMode, rng: Rng): DropoutForwardResult {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropoutForward: p must be in [0, 1] (the probability of dropping), got ${p}`);
  const out = matrix(x.rows, x.cols);
  const keep = 1 - p;
  const mask = new Float64Array(x.data.length);
  for (let k = 0; k < mask.length; k++) {
    mask[k] = mode === 'eval' ? keep : rng() < keep ? 1 : 0;
    out.data[k] = mask[k] === 0 ? 0 : x.data[k] * mask[k];
  }
  return { out, cache: { mode, rows: x.rows, cols: x.cols, mask } };
}
