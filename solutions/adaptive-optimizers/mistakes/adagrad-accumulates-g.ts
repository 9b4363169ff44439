import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adagrad as Reference } from '../optimizers.ts';
export { AdamW, RMSprop } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: 'Adagrad accumulates g instead of g²',
    'zh-CN': 'Adagrad 累加的是 g 而不是 g²',
  },
  explanation: {
    en:
      "Adagrad's state is the running sum of squared gradients, sum ← sum + g², so √sum is the size of every gradient " +
      'seen so far. Summing g itself lets positive and negative gradients cancel, the step no longer shrinks, and as soon ' +
      'as the sum turns negative its square root is NaN. Square each gradient (entry by entry) before adding it.',
    'zh-CN':
      'Adagrad 的状态是梯度平方的累加和：sum ← sum + g²，所以 √sum 衡量的是至今所有梯度的大小。' +
      '直接累加 g 会让正负梯度相互抵消，步长不再缩小；而一旦累加和变成负数，开平方就得到 NaN。先把每个梯度（逐元素）平方，再累加。',
  },
};

export class Adagrad extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, sum: Float64Array): void {
    const { lr, eps, weightDecay } = this;
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + weightDecay * p[k];
      sum[k] += g;
      p[k] -= (lr * g) / (Math.sqrt(sum[k]) + eps);
    }
  }
}
