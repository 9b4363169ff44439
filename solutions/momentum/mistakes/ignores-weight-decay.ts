import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: 'weightDecay is ignored',
    'zh-CN': 'weightDecay 被忽略了',
  },
  explanation: {
    en:
      'weightDecay λ is an L2 penalty ½λ‖p‖² added to the loss, so its gradient λ·p must be added to every gradient ' +
      '(g ← grad + λ·p) before the velocity update. Without it the parameters are never pulled towards 0.',
    'zh-CN':
      'weightDecay λ 是加到损失上的 L2 惩罚项 ½λ‖p‖²，所以它的梯度 λ·p 必须在更新速度之前加到每个梯度上（g ← grad + λ·p）。' +
      '少了这一项，参数永远不会被拉向 0。',
  },
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const mu = this.momentum;
    for (let k = 0; k < p.length; k++) {
      v[k] = mu * v[k] + grad[k];
      p[k] -= this.lr * (this.nesterov ? grad[k] + mu * v[k] : v[k]);
    }
  }
}
