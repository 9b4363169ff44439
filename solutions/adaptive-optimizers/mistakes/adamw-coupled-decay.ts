import type { Mistake } from '../../../grader/core/mistakes.ts';
import { AdamW as Reference } from '../optimizers.ts';
export { Adagrad, RMSprop } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: "AdamW's decay coupled into the gradient (Adam's L2)",
    'zh-CN': 'AdamW 的衰减被耦合进了梯度（Adam 的 L2 写法）',
  },
  explanation: {
    en:
      'Adding weightDecay·p to g before the moments is torch.optim.Adam with weight_decay: the decay is averaged into m and ' +
      'divided by √v̂ like any gradient, so weights with large gradients are barely decayed. AdamW decouples it: first ' +
      'p ← p·(1 − lr·weightDecay), then the Adam update on the raw gradient, with no L2 term in g, m or v.',
    'zh-CN':
      '在计算矩估计之前把 weightDecay·p 加到 g 上，这是带 weight_decay 的 torch.optim.Adam：衰减项被平均进 m，又像其他梯度一样除以 √v̂，' +
      '于是梯度大的权重几乎不衰减。AdamW 把它解耦：先做 p ← p·(1 − lr·weightDecay)，再对原始梯度做 Adam 更新，g、m、v 中都没有 L2 项。',
  },
};

export class AdamW extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, weightDecay, stepSize, sqrtBias2 } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) / sqrtBias2 + eps);
    }
  }
}
