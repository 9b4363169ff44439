import type { Mistake } from '../../../grader/core/mistakes.ts';
import { paramData, type Param } from '../../lib/matrix.ts';
import { Adam as Reference } from '../adam.ts';

export const mistake: Mistake = {
  title: 'one m and v shared by every parameter',
  explanation:
    'Each parameter needs its own moments: m for the weights averages the weight gradients, m for the bias the bias ' +
    'gradients. With one pair of buffers, entry k of the bias keeps using what entry k of the weights left there. ' +
    'Keep one m and one v per position i in params.',
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
