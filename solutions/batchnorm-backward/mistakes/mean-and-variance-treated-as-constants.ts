import type { Mistake } from '../../../grader/core/mistakes.ts';
import { batchnormBackward as reference, type BatchNormCache } from '../batchnorm.ts';
import type { Matrix } from '../../lib/index.ts';
export { batchnormForward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'backward treats the batch mean and variance as constants',
    'zh-CN': '反向传播把批量均值和方差当成了常数',
  },
  explanation: {
    en:
      'In train mode μ and σ² are computed from x, so every x[n][j] also moves the output of every other row through ' +
      'them. dx = dout·γ/√(σ² + eps) keeps only the direct path; add the paths through μ and σ² (the chain rule ' +
      'through x − μ and through the variance). A sign: your dx columns do not sum to zero over the batch.',
    'zh-CN':
      '训练模式下 μ 和 σ² 是由 x 算出来的，所以每个 x[n][j] 还会通过它们影响其他每一行的输出。' +
      'dx = dout·γ/√(σ² + eps) 只保留了直接路径；还要加上经过 μ 和 σ² 的路径（沿 x − μ 和方差应用链式法则）。' +
      '一个征兆：你的 dx 每一列对批量求和不为零。',
  },
};

/** Always the eval-mode gradient, dx = dout·γ/√(σ² + eps), as if μ and σ² did not depend on x. */
export function batchnormBackward(dout: Matrix, cache: BatchNormCache): ReturnType<typeof reference> {
  return reference(dout, { ...cache, mode: 'eval' });
}
