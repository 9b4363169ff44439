import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: 'weight decay written into the grads arrays',
    'zh-CN': '权重衰减被写进了 grads 数组',
  },
  explanation: {
    en:
      'grad[k] += λ·p[k] gives the right step but changes the caller\'s gradients: whoever reads them next ' +
      '(a gradient-norm log, a second optimizer, a gradient check) sees gradients that were never computed. ' +
      'Keep g ← grad + λ·p in a local variable.',
    'zh-CN':
      'grad[k] += λ·p[k] 算出的步长是对的，但改动了调用方的梯度：之后读取它们的代码（记录梯度范数的日志、第二个优化器、梯度检验）看到的是从未算出过的梯度。' +
      '把 g ← grad + λ·p 保存在局部变量里。',
  },
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    const mu = this.momentum;
    for (let k = 0; k < p.length; k++) {
      grad[k] += this.weightDecay * p[k];
      v[k] = mu * v[k] + grad[k];
      p[k] -= this.lr * (this.nesterov ? grad[k] + mu * v[k] : v[k]);
    }
  }
}
