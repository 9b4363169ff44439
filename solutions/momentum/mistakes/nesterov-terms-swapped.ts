import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: "Nesterov's step written as v + μ·g instead of g + μ·v",
    'zh-CN': 'Nesterov 的步长写成了 v + μ·g，而不是 g + μ·v',
  },
  explanation: {
    en:
      "Nesterov's look-ahead step is p ← p − lr·(g + μ·v), with v the velocity after this step's update. " +
      'Swapping the roles, v + μ·g, agrees on the first step (v = g then) and drifts from the second on.',
    'zh-CN':
      'Nesterov 的前瞻步是 p ← p − lr·(g + μ·v)，其中 v 是本步更新之后的速度。' +
      '把两者的角色对调成 v + μ·g，第一步结果一致（此时 v = g），从第二步起就开始偏离。',
  },
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const mu = this.momentum;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + this.weightDecay * p[k];
      v[k] = mu * v[k] + g;
      p[k] -= this.lr * (this.nesterov ? v[k] + mu * g : v[k]);
    }
  }
}
