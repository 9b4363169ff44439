import type { Mistake } from '../../../grader/core/mistakes.ts';
import { batchnormBackward as reference, type BatchNormCache } from '../batchnorm.ts';
import { map, meanRows, type Matrix } from '../../lib/index.ts';
export { batchnormForward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'backward misses the path through the variance',
    'zh-CN': '反向传播漏掉了经过方差的路径',
  },
  explanation: {
    en:
      'σ² = Σₙ(x − μ)²/N depends on x too, so besides the direct path and the path through μ, every x[n][j] also ' +
      'reaches the loss through ∂L/∂σ², with ∂σ²/∂x = 2(x − μ)/N. Your dx has the mean path but not this one, so ' +
      'it is right only where x̂ is 0.',
    'zh-CN':
      'σ² = Σₙ(x − μ)²/N 也依赖 x，所以除了直接路径和经过 μ 的路径，每个 x[n][j] 还会通过 ∂L/∂σ² 影响损失，' +
      '其中 ∂σ²/∂x = 2(x − μ)/N。你的 dx 有均值这条路径却没有这一条，所以只在 x̂ 为 0 的地方是对的。',
  },
};

/** The paths through x − μ and μ, but σ² treated as a constant. */
export function batchnormBackward(dout: Matrix, cache: BatchNormCache): ReturnType<typeof reference> {
  const result = reference(dout, cache);
  if (cache.mode === 'eval') return result;
  const direct = reference(dout, { ...cache, mode: 'eval' }).dx; // dout·γ/√(σ² + eps)
  const mean = meanRows(direct);
  return { ...result, dx: map(direct, (g, _i, j) => g - mean[j]) };
}
