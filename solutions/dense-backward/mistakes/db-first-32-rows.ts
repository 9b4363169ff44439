import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'db sums a fixed 32 rows (the batch size written into the code)',
    'zh-CN': 'db 固定只加 32 行（批量大小写死在代码里）',
  },
  explanation: {
    en:
      'db = Σₙ dout[n] must add up every row of dout, however many there are: the MNIST trainer uses batches of 32, but ' +
      'an evaluation pass, a last partial batch or another trainer does not. A loop bound of 32 (or of options.batchSize) ' +
      'gives the right db for N ≤ 32 and silently drops rows beyond it. Loop to dout.rows.',
    'zh-CN':
      'db = Σₙ dout[n] 必须把 dout 的每一行都加起来，不管有多少行：MNIST 训练器用的批量是 32，' +
      '但评估、最后一个不完整的批量或别的训练器就不是。循环上界写成 32（或 options.batchSize），' +
      '在 N ≤ 32 时 db 是对的，超出的行却被悄悄丢掉了。循环应以 dout.rows 为界。',
  },
};

const BATCH_SIZE = 32;

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const { dx, dw } = correctBackward(dout, cache);
  const db = new Float64Array(dout.cols);
  for (let n = 0; n < Math.min(BATCH_SIZE, dout.rows); n++) {
    for (let j = 0; j < dout.cols; j++) db[j] += dout.data[n * dout.cols + j];
  }
  return { dx, dw, db };
}
