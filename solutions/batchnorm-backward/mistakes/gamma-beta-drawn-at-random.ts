/**
 * A bug of the seed article's NumPy BatchNorm, ported: γ and β drawn from a standard normal
 * (`gamma = np.random.randn(...)`, `beta = np.random.randn(...)`) instead of PyTorch's ones and
 * zeros. NumPy's global generator is unseeded there; Math.random plays its part here.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { normalVector } from '../../lib/index.ts';
import type { BatchNormParams } from '../batchnorm.ts';
export { batchnormBackward, batchnormForward } from '../batchnorm.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'γ and β drawn at random (np.random.randn) instead of ones and zeros',
    'zh-CN': 'γ 和 β 用随机数初始化（np.random.randn），而不是 1 和 0',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: gamma = np.random.randn(D) and beta = np.random.randn(D). A fresh ' +
      'torch.nn.BatchNorm1d has weight (γ) all ones and bias (β) all zeros, so the layer starts as pure standardisation, ' +
      'out = x̂, and learns any scale and shift from there. Random γ flips the sign of some features, blows some up and ' +
      'nearly silences others, and random β shifts them: the layer distorts its input before training has said anything. ' +
      'Return new Float64Array(D).fill(1) for γ and new Float64Array(D) for β.',
    'zh-CN':
      '一篇流传很广的教程里的 bug：gamma = np.random.randn(D)，beta = np.random.randn(D)。刚构造的 torch.nn.BatchNorm1d ' +
      '的 weight（γ）全为 1，bias（β）全为 0，所以这一层一开始就是单纯的标准化，out = x̂，之后再学出需要的缩放和平移。' +
      '随机的 γ 会把一些特征的符号翻转，把一些放大，把另一些几乎压成 0；随机的 β 还会把它们平移：训练还没开始，' +
      '这一层就已经在扭曲输入了。γ 应返回 new Float64Array(D).fill(1)，β 应返回 new Float64Array(D)。',
  },
};

export function createBatchNorm(features: number): BatchNormParams {
  if (!Number.isInteger(features) || features < 1) {
    throw new Error(`createBatchNorm: features must be a positive integer, got ${String(features)}`);
  }
  return {
    gamma: normalVector(features, Math.random),
    beta: normalVector(features, Math.random),
    // Running mean 0 and variance 1: before any training, eval mode passes x through (up to eps).
    // 滑动均值 0、滑动方差 1：训练之前，评估模式几乎原样输出 x（只差 eps）。
    state: { runningMean: new Float64Array(features), runningVar: new Float64Array(features).fill(1) },
  };
}
