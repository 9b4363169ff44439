import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: 'the velocity starts from 0 on every step',
    'zh-CN': '每一步速度都从 0 开始',
  },
  explanation: {
    en:
      'The velocity is state: it must survive from one call of step to the next, so create it once per parameter ' +
      '(on the first step) and keep it on the optimizer. Re-creating it inside step turns momentum into plain SGD.',
    'zh-CN':
      '速度是状态：它必须从一次 step 调用保留到下一次，所以每个参数只创建一次（在第一步时），并保存在优化器上。' +
      '在 step 里重新创建它，动量就退化成了普通的 SGD。',
  },
};

export class SGDMomentum extends Reference {
  protected override velocity(_i: number, size: number): Float64Array {
    return new Float64Array(size);
  }
}
