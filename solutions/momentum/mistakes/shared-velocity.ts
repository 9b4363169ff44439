import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: 'one velocity shared by every parameter',
    'zh-CN': '所有参数共用一个速度',
  },
  explanation: {
    en:
      'Every parameter needs its own velocity: v for the weights remembers the weight gradients, v for the bias the bias ' +
      'gradients. A single buffer mixes them (entry k of the bias accumulates entry k of the weight gradient too). ' +
      'Keep one Float64Array per position i in params.',
    'zh-CN':
      '每个参数都需要自己的速度：权重的 v 记住的是权重的梯度，偏置的 v 记住的是偏置的梯度。' +
      '只用一个缓冲区会把它们混在一起（偏置的第 k 个元素也会累积权重梯度的第 k 个元素）。' +
      '为 params 中的每个位置 i 各保留一个 Float64Array。',
  },
};

export class SGDMomentum extends Reference {
  private shared = new Float64Array(0);

  protected override velocity(_i: number, size: number): Float64Array {
    if (this.shared.length < size) {
      const grown = new Float64Array(size);
      grown.set(this.shared);
      this.shared = grown;
    }
    return this.shared.subarray(0, size);
  }
}
