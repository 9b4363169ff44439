import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: 'the nesterov option is ignored',
    'zh-CN': 'nesterov 选项被忽略了',
  },
  explanation: {
    en:
      'With nesterov: true the step is lr·(g + μ·v), using the velocity just updated, not lr·v ' +
      '(g + μ·v_old, with the velocity from before this step, is lr·v again). ' +
      'The look-ahead makes the very first step (1 + μ) times larger: check the flag in step.',
    'zh-CN':
      '设置 nesterov: true 时，步长是 lr·(g + μ·v)，其中 v 是刚更新过的速度，而不是 lr·v（如果用本步之前的速度计算 g + μ·v_old，得到的正是新的 v，又回到了 lr·v）。' +
      'Nesterov 的前瞻会让第一步变为原来的 (1 + μ) 倍：在 step 里检查这个选项。',
  },
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    for (let k = 0; k < p.length; k++) {
      v[k] = this.momentum * v[k] + grad[k] + this.weightDecay * p[k];
      p[k] -= this.lr * v[k];
    }
  }
}
