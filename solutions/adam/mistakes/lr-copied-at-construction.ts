import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference, type AdamOptions } from '../adam.ts';

export const mistake: Mistake = {
  title: 'lr copied in the constructor: a new optimizer.lr is ignored',
  explanation:
    "lr is a public, writable field, like PyTorch's param_groups[0]['lr']: a schedule (the MNIST trainer's drop to " +
    'lr/10 for its last epochs) writes it between steps, and the next step must use the new value. Copying it into ' +
    'another field (or a closure, or a precomputed step size) in the constructor keeps training at the first lr. ' +
    'Read this.lr inside step, every step.',
};

export class Adam extends Reference {
  private readonly lrAtConstruction: number;

  constructor(options: AdamOptions = {}) {
    super(options);
    this.lrAtConstruction = this.lr;
  }

  protected override setBiasCorrections(t: number): void {
    super.setBiasCorrections(t);
    this.stepSize = this.lrAtConstruction / (1 - this.beta1 ** t);
  }
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  protected readonly weightDecay: number;
`, `  protected readonly weightDecay: number;
  protected readonly learningRate: number;
`],
    [`    this.lr = lr;
`, `    this.lr = lr;
    this.learningRate = lr;
`],
    ['    this.stepSize = this.lr / (1 - this.beta1 ** t);', '    this.stepSize = this.learningRate / (1 - this.beta1 ** t);'],
  ],
};
