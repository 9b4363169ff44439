import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'weight decay written into the caller’s gradients',
    'zh-CN': '权重衰减被写进了调用方的梯度',
  },
  explanation: {
    en:
      'The update is right, but grads[i] is overwritten with g + weightDecay·p. The gradients belong to the caller (who may log ' +
      'them, clip them or step again with them). Keep g + weightDecay·p in a local variable.',
    'zh-CN':
      '更新本身是对的，但 grads[i] 被改写成了 g + weightDecay·p。' +
      '梯度属于调用方（调用方可能会记录它们、裁剪它们，或者再用它们走一步）。' +
      '把 g + weightDecay·p 保存在局部变量里。',
  },
};

export class Adam extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, m: Float64Array, v: Float64Array): void {
    const { beta1, beta2, eps, weightDecay, stepSize, sqrtVScale } = this;
    for (let k = 0; k < p.length; k++) {
      grad[k] += weightDecay * p[k];
      m[k] = beta1 * m[k] + (1 - beta1) * grad[k];
      v[k] = beta2 * v[k] + (1 - beta2) * grad[k] * grad[k];
      p[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) * sqrtVScale + eps);
    }
  }
}
