import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: "AdamW's decoupled weight decay instead of L2",
    'zh-CN': '用了 AdamW 的解耦权重衰减，而不是 L2 权重衰减',
  },
  explanation: {
    en:
      'torch.optim.Adam adds weightDecay·p to the gradient before the moments (L2), so the decay is averaged into m and ' +
      'scaled by 1/√v̂ like any gradient. Shrinking p by lr·weightDecay·p outside the moments is AdamW, a different optimizer. ' +
      'Here, start with g ← g + weightDecay·p.',
    'zh-CN':
      'torch.optim.Adam 在计算矩之前把 weightDecay·p 加到梯度上（L2），所以衰减项会被平均进 m，并像其他梯度一样被 1/√v̂ 缩放。' +
      '在矩之外把 p 减去 lr·weightDecay·p 是 AdamW，那是另一个优化器。' +
      '这里应当先做 g ← g + weightDecay·p。',
  },
};

export class Adam extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, lr, weightDecay, stepSize, sqrtVScale } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k];
      p[k] -= lr * weightDecay * p[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) * sqrtVScale + eps);
    }
  }
}
