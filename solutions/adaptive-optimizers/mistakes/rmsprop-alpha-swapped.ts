import type { Mistake } from '../../../grader/core/mistakes.ts';
import { RMSprop as Reference } from '../optimizers.ts';
export { Adagrad, AdamW } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: "RMSprop's α on the wrong side: v ← (1 − α)·v + α·g²",
    'zh-CN': 'RMSprop 的 α 乘错了项：v ← (1 − α)·v + α·g²',
  },
  explanation: {
    en:
      'α is the decay of the running mean: it multiplies the old v, and the new g² gets the small weight 1 − α, so with ' +
      'α = 0.99 v averages about the last 100 squared gradients. Swapped, v is almost just the latest g², RMSprop becomes ' +
      'a sign-like update of size ≈ lr from the first step, and the first step is no longer lr/√(1 − α). Write v ← α·v + (1 − α)·g².',
    'zh-CN':
      'α 是滑动平均的衰减系数：它乘的是旧的 v，新的 g² 只得到很小的权重 1 − α，所以 α = 0.99 时 v 约等于最近 100 个梯度平方的平均。' +
      '两者对调后，v 几乎就是最新的 g²，RMSprop 从第一步起就变成了步长约为 lr 的“取符号”更新，第一步也不再是 lr/√(1 − α)。' +
      '应当写成 v ← α·v + (1 − α)·g²。',
  },
};

export class RMSprop extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array, buf: Float64Array): void {
    const { lr, alpha, eps, weightDecay, momentum } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      v[k] = (1 - alpha) * v[k] + alpha * g * g;
      const scaled = g / (Math.sqrt(v[k]) + eps);
      if (momentum > 0) {
        buf[k] = momentum * buf[k] + scaled;
        p[k] -= lr * buf[k];
      } else {
        p[k] -= lr * scaled;
      }
    }
  }
}
