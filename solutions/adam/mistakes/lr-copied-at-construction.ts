import type { Mistake } from '../../../grader/core/mistakes.ts';
import { Adam as Reference, type AdamOptions } from '../adam.ts';

export const mistake: Mistake = {
  title: {
    en: 'lr copied in the constructor: a new optimizer.lr is ignored',
    'zh-CN': 'lr 在构造函数中被复制了一份：新的 optimizer.lr 不起作用',
  },
  explanation: {
    en:
      "lr is a public, writable field, like PyTorch's param_groups[0]['lr']: a schedule (the MNIST trainer's drop to " +
      'lr/10 for its last epochs) writes it between steps, and the next step must use the new value. Copying it into ' +
      'another field (or a closure, or a precomputed step size) in the constructor keeps training at the first lr. ' +
      'Read this.lr inside step, every step.',
    'zh-CN':
      "lr 是一个公开、可写的字段，相当于 PyTorch 的 param_groups[0]['lr']：学习率调度（例如 MNIST 训练器在最后几轮把它降到 lr/10）会在两步之间写入它，下一步就必须使用新值。" +
      '在构造函数中把它复制到另一个字段（或闭包，或预先算好的步长）里，训练就会一直停留在最初的 lr。' +
      '在 step 里每一步都读取 this.lr。',
  },
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
