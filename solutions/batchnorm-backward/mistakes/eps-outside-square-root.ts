import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward, createBatchNorm } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'eps added outside the square root',
    'zh-CN': 'eps 加在了平方根外面',
  },
  explanation: {
    en:
      'x̂ = (x − μ)/√(σ² + eps): eps is added to the variance, inside the square root. With σ the standard deviation, ' +
      '1/(σ + eps) is smaller than 1/√(σ² + eps) by about eps/σ − eps/(2σ²) relative: 9.5e-7 at σ = 10 and 5e-6 at σ = 1 ' +
      '(eps = 1e-5), which the fixtures see. The two terms cancel near σ = ½, and below it the sign turns: 4e-4 too large ' +
      'at σ = 0.1. It is far worse when eps is large or σ is 0 (a constant column: 1/eps instead of 1/√eps).',
    'zh-CN':
      'x̂ = (x − μ)/√(σ² + eps)：eps 加在方差上，位于平方根里面。记 σ 为标准差，1/(σ + eps) 比 1/√(σ² + eps) 小，' +
      '相对差约为 eps/σ − eps/(2σ²)：σ = 10 时为 9.5e-7，σ = 1 时为 5e-6（eps = 1e-5），fixture 能测出这个差别。' +
      '两项在 σ = ½ 附近相互抵消，σ 再小时符号反转：σ = 0.1 时偏大 4e-4。' +
      '当 eps 较大或 σ 为 0 时（常数列：得到 1/eps 而不是 1/√eps），误差要严重得多。',
  },
};

export const batchnormForward = forwardWith({ invStd: (variance, eps) => 1 / (Math.sqrt(variance) + eps) });

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));', 'const invStd = variance.map((v) => 1 / (Math.sqrt(v) + eps));'],
  ],
};
