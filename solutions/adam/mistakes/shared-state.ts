import type { Mistake } from '../../../grader/core/mistakes.ts';
import { paramData, type Param } from '../../lib/matrix.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'one m and v shared by every parameter',
    'zh-CN': '所有参数共用一组 m 和 v',
  },
  explanation: {
    en:
      'Each parameter needs its own moments: m for the weights averages the weight gradients, m for the bias the bias ' +
      'gradients. With one pair of buffers, entry k of the bias keeps using what entry k of the weights left there. ' +
      'Keep one m and one v per position i in params.',
    'zh-CN':
      '每个参数都需要自己的矩：权重的 m 平均的是权重的梯度，偏置的 m 平均的是偏置的梯度。' +
      '只用一对缓冲区时，偏置的第 k 个元素会接着使用权重的第 k 个元素留在那里的值。' +
      '为 params 中的每个位置 i 各保留一个 m 和一个 v。',
  },
};

export class Adam extends Reference {
  protected override createState(params: readonly Param[]): void {
    const size = Math.max(0, ...params.map((p) => paramData(p).length));
    const m = new Float64Array(size);
    const v = new Float64Array(size);
    this.m = params.map((p) => m.subarray(0, paramData(p).length));
    this.v = params.map((p) => v.subarray(0, paramData(p).length));
  }
}
