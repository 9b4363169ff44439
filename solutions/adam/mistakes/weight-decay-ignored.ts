import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'weightDecay ignored',
    'zh-CN': 'weightDecay 被忽略了',
  },
  explanation: {
    en:
      'With weightDecay > 0, PyTorch adds the L2 term to the gradient before anything else: g ← g + weightDecay·p. ' +
      'That term then flows into m and v. Read weightDecay from the options and use it.',
    'zh-CN':
      'weightDecay > 0 时，PyTorch 先把 L2 项加到梯度上，再做其他计算：g ← g + weightDecay·p。' +
      '这一项随后会进入 m 和 v。' +
      '从选项中读取 weightDecay 并使用它。',
  },
};

export class Adam extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, stepSize, sqrtVScale } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) * sqrtVScale + eps);
    }
  }
}
