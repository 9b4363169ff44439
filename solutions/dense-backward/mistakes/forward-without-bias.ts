import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, type Matrix } from '../../lib/matrix.ts';
import type { DenseForwardResult } from '../dense.ts';
export { denseBackward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'the bias is missing from the forward pass',
    'zh-CN': '前向传播漏了偏置',
  },
  explanation: {
    en:
      'denseForward must return x·w + b, with b added to every row of x·w (addRowVector does that). Without it, ' +
      'every entry of column j of out is off by b[j], and nothing checks that b has M entries.',
    'zh-CN':
      'denseForward 必须返回 x·w + b，b 要加到 x·w 的每一行上（addRowVector 就是做这个的）。漏了它，' +
      'out 第 j 列的每个元素都差了 b[j]，而且也没有检查 b 是否有 M 项。',
  },
};

// The mistake: b is taken and never used (the underscore says so to the type checker).
export function denseForward(x: Matrix, w: Matrix, _b: Float64Array): DenseForwardResult {
  return { out: matmul(x, w), cache: { x, w } };
}
