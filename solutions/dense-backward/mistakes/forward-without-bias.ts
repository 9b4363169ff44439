import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matmul, type Matrix } from '../../lib/matrix.ts';
import type { DenseForwardResult } from '../dense.ts';
export { denseBackward } from '../dense.ts';

export const mistake: Mistake = {
  title: 'the bias is missing from the forward pass',
  explanation:
    'denseForward must return x·w + b, with b added to every row of x·w (addRowVector does that). Without it, ' +
    'every entry of column j of out is off by b[j], and nothing checks that b has M entries.',
};

// The mistake: b is taken and never used (the underscore says so to the type checker).
export function denseForward(x: Matrix, w: Matrix, _b: Float64Array): DenseForwardResult {
  return { out: matmul(x, w), cache: { x, w } };
}
