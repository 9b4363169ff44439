import type { Mistake } from '../../../grader/core/mistakes.ts';
import { batchnormBackward as reference, type BatchNormCache } from '../batchnorm.ts';
import type { Matrix } from '../../lib/index.ts';
export { batchnormForward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'eval-mode backward goes through the batch statistics',
    'zh-CN': '评估模式的反向传播仍然经过批量统计量',
  },
  explanation: {
    en:
      'In eval mode x is normalised with the running mean and variance, which do not depend on x: the layer is just ' +
      'y = γ·(x − runningMean)/√(runningVar + eps) + β, so dx = dout·γ/√(runningVar + eps). The mean and variance ' +
      'paths of the train-mode backward do not exist there.',
    'zh-CN':
      '评估模式下 x 用滑动均值和滑动方差归一化，它们不依赖 x：这一层就是 ' +
      'y = γ·(x − runningMean)/√(runningVar + eps) + β，所以 dx = dout·γ/√(runningVar + eps)。' +
      '训练模式反向传播中经过均值和方差的那些路径，在这里并不存在。',
  },
};

/** Always the train-mode gradient, whatever mode the forward pass ran in. */
export function batchnormBackward(dout: Matrix, cache: BatchNormCache): ReturnType<typeof reference> {
  return reference(dout, { ...cache, mode: 'train' });
}
