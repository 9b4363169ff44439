import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: "CS231n's form mixed with PyTorch's: the step goes uphill",
    'zh-CN': 'CS231n 的写法与 PyTorch 的写法混用：每一步都在往上坡走',
  },
  explanation: {
    en:
      'In the CS231n form the velocity already holds −lr·g (v ← μv − lr·g), so it is ADDED: p ← p + v. ' +
      'Subtracting it as in PyTorch\'s form moves p up the gradient. Use one convention throughout: ' +
      'the graded one is v ← μv + g, p ← p − lr·v.',
    'zh-CN':
      '在 CS231n 的写法中，速度里已经包含 −lr·g（v ← μv − lr·g），所以更新时要把它“加”上去：p ← p + v。' +
      '像 PyTorch 的写法那样减去它，p 就会沿梯度方向往上走。' +
      '自始至终只用一种约定：本题评测用的是 v ← μv + g，p ← p − lr·v。',
  },
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + this.weightDecay * p[k];
      v[k] = this.momentum * v[k] - this.lr * g;
      p[k] -= this.nesterov ? -this.lr * g + this.momentum * v[k] : v[k];
    }
  }
}
