import type { Mistake } from '../../../grader/core/mistakes.ts';
import { paramData, type Param } from '../../lib/matrix.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'the step count advances once per parameter',
    'zh-CN': '每个参数都让步数增加一次',
  },
  explanation: {
    en:
      't counts optimizer steps, not parameters: with a weight matrix and a bias, one call of step must use t = 1 for both. ' +
      'Incrementing t inside the loop over params gives the bias t = 2 on the first step, so its bias correction is wrong. ' +
      'Increment t once, before the loop.',
    'zh-CN':
      't 统计的是优化器走过的步数，而不是参数的个数：有一个权重矩阵和一个偏置时，一次 step 调用对两者都必须用 t = 1。' +
      '在遍历 params 的循环里让 t 自增，会让偏置在第一步就得到 t = 2，于是它的偏差修正是错的。' +
      '在循环之前让 t 自增一次。',
  },
};

export class Adam extends Reference {
  override step(params: readonly Param[], grads: readonly Param[]): void {
    this.checkSizes(params, grads);
    if (this.t === 0) this.createState(params);
    for (let i = 0; i < params.length; i++) {
      this.t++;
      this.setBiasCorrections(this.t);
      this.update(paramData(params[i]), paramData(grads[i]), this.m[i], this.v[i]);
    }
  }
}
