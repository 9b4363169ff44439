import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: 'one velocity shared by every parameter',
  explanation:
    'Every parameter needs its own velocity: v for the weights remembers the weight gradients, v for the bias the bias ' +
    'gradients. A single buffer mixes them (entry k of the bias accumulates entry k of the weight gradient too). ' +
    'Keep one Float64Array per position i in params.',
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
