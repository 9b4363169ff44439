import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: 'weight decay applied outside the velocity (decoupled, AdamW-style)',
    'zh-CN': '权重衰减放在了速度之外（解耦权重衰减，AdamW 的做法）',
  },
  explanation: {
    en:
      'Here weight decay shrinks p by lr·λ·p after the momentum step, so it never enters the velocity. ' +
      'torch.optim.SGD adds λ·p to the gradient first (g ← grad + λ·p) and lets the velocity carry it: ' +
      'the first step agrees, every later one does not.',
    'zh-CN':
      '这里的权重衰减在动量那一步之后再把 p 减去 lr·λ·p，所以它从不进入速度。' +
      'torch.optim.SGD 先把 λ·p 加到梯度上（g ← grad + λ·p），再由速度带着它走：第一步结果一致，之后的每一步都不一致。',
  },
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const mu = this.momentum;
    for (let k = 0; k < p.length; k++) {
      v[k] = mu * v[k] + grad[k];
      p[k] -= this.lr * (this.nesterov ? grad[k] + mu * v[k] : v[k]) + this.lr * this.weightDecay * p[k];
    }
  }
}
