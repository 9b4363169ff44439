import type { Mistake } from '../../../grader/core/mistakes.ts';
import { RMSprop as Reference } from '../optimizers.ts';
export { Adagrad, AdamW } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: "RMSprop's momentum buffer holds raw gradients: buf ← μ·buf + g",
    'zh-CN': 'RMSprop 的动量缓冲区存的是原始梯度：buf ← μ·buf + g',
  },
  explanation: {
    en:
      'In torch.optim.RMSprop the buffer accumulates the already scaled step, buf ← μ·buf + g/(√v + eps), and p ← p − lr·buf: ' +
      "each gradient is divided by the √v of its own step. Accumulating raw gradients and dividing the buffer by today's " +
      '√v rescales all the old gradients with the current v, which differs as soon as v changes. Divide g before adding it to buf.',
    'zh-CN':
      'torch.optim.RMSprop 的缓冲区累加的是已经缩放过的步长：buf ← μ·buf + g/(√v + eps)，然后 p ← p − lr·buf：' +
      '每个梯度都除以它自己那一步的 √v。先累加原始梯度、再用当前的 √v 去除整个缓冲区，等于用当前的 v 重新缩放所有旧梯度，只要 v 变化结果就不同。' +
      '先把 g 除以 √v + eps，再加进 buf。',
  },
};

export class RMSprop extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array, buf: Float64Array): void {
    const { lr, alpha, eps, weightDecay, momentum } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      v[k] = alpha * v[k] + (1 - alpha) * g * g;
      if (momentum > 0) {
        buf[k] = momentum * buf[k] + g;
        p[k] -= (lr * buf[k]) / (Math.sqrt(v[k]) + eps);
      } else {
        p[k] -= (lr * g) / (Math.sqrt(v[k]) + eps);
      }
    }
  }
}
