import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adagrad as Reference } from '../optimizers.ts';
export { AdamW, RMSprop } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: "Adagrad's eps inside the square root: √(sum + eps)",
    'zh-CN': 'Adagrad 的 eps 放在了平方根里面：√(sum + eps)',
  },
  explanation: {
    en:
      'torch.optim.Adagrad divides by √sum + eps: eps is added after the square root. With its tiny default eps = 1e-10, ' +
      '√(sum + eps) looks the same for ordinary gradients, but for gradients around 1e-8 the root of eps (1e-5) swamps √sum ' +
      '(1e-8) and the step becomes about a thousand times too small. Take the square root of sum first, then add eps.',
    'zh-CN':
      'torch.optim.Adagrad 除以的是 √sum + eps：eps 在开平方之后才加。Adagrad 默认的 eps = 1e-10 很小，' +
      '对普通大小的梯度，√(sum + eps) 的结果看起来一样；但当梯度在 1e-8 附近时，eps 开方后的 1e-5 会压过 √sum（1e-8），步长会小上约一千倍。' +
      '先对 sum 开平方，再加 eps。',
  },
};

export class Adagrad extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, sum: Float64Array): void {
    const { lr, eps, weightDecay } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      sum[k] += g * g;
      p[k] -= (lr * g) / Math.sqrt(sum[k] + eps);
    }
  }
}
