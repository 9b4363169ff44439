import type { Mistake } from '../../../grader/core/mistakes.ts';
import { RMSprop as Reference } from '../optimizers.ts';
export { Adagrad, AdamW } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: "RMSprop's eps inside the square root: √(v + eps)",
    'zh-CN': 'RMSprop 的 eps 放在了平方根里面：√(v + eps)',
  },
  explanation: {
    en:
      "That is TensorFlow 1's RMSPropOptimizer. torch.optim.RMSprop divides by √v + eps, eps added after the root. For " +
      'ordinary gradients the two agree, but for gradients around 1e-8 the root of eps = 1e-8 is 1e-4, which swamps √v and ' +
      'makes the step thousands of times too small. Take √v first, then add eps.',
    'zh-CN':
      '这是 TensorFlow 1 中 RMSPropOptimizer 的写法。torch.optim.RMSprop 除以的是 √v + eps，eps 在开平方之后才加。' +
      '对普通大小的梯度，两种写法结果一致；但当梯度在 1e-8 附近时，eps = 1e-8 开方后是 1e-4，会压过 √v，步长小上几千倍。先求 √v，再加 eps。',
  },
};

export class RMSprop extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array, buf: Float64Array): void {
    const { lr, alpha, eps, weightDecay, momentum } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      v[k] = alpha * v[k] + (1 - alpha) * g * g;
      const scaled = g / Math.sqrt(v[k] + eps);
      if (momentum > 0) {
        buf[k] = momentum * buf[k] + scaled;
        p[k] -= lr * buf[k];
      } else {
        p[k] -= lr * scaled;
      }
    }
  }
}
