import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: 'the gradient is damped by (1 − μ)',
    'zh-CN': '梯度被乘上了 (1 − μ)（dampening）',
  },
  explanation: {
    en:
      'v ← μ·v + (1 − μ)·g is an exponential moving average (Adam\'s first moment, or SGD with dampening = μ). ' +
      'Here dampening is 0: v ← μ·v + g, so a constant gradient builds a velocity of up to g/(1 − μ), ' +
      'which is exactly what momentum is for.',
    'zh-CN':
      'v ← μ·v + (1 − μ)·g 是指数移动平均（即 Adam 的一阶矩，或 dampening = μ 的 SGD）。' +
      '本题的 dampening 为 0：v ← μ·v + g，所以恒定的梯度会让速度一直累积到 g/(1 − μ)，而这正是动量的作用所在。',
  },
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const mu = this.momentum;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + this.weightDecay * p[k];
      v[k] = mu * v[k] + (1 - mu) * g;
      p[k] -= this.lr * (this.nesterov ? g + mu * v[k] : v[k]);
    }
  }
}
