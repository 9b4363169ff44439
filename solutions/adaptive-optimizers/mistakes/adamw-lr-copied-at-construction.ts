import type { Mistake } from '../../../grader/core/mistakes.ts';
import { AdamW as Reference, type AdamWOptions } from '../optimizers.ts';
export { Adagrad, RMSprop } from '../optimizers.ts';

export const mistake: Mistake = {
  title: {
    en: 'AdamW copies lr in the constructor: a new optimizer.lr is ignored',
    'zh-CN': 'AdamW 在构造函数中复制了 lr：新的 optimizer.lr 不起作用',
  },
  explanation: {
    en:
      "lr is a public, writable field, like PyTorch's param_groups[0]['lr']: a schedule (warmup, cosine) writes it between " +
      'steps, and the next step must use the new value, in the step size lr/(1 − β1ᵗ) and in the decay factor 1 − lr·weightDecay ' +
      'alike. Copying it into another field in the constructor keeps training at the first lr. Read this.lr inside step, every step.',
    'zh-CN':
      "lr 是一个公开、可写的字段，相当于 PyTorch 的 param_groups[0]['lr']：学习率调度（预热、余弦退火）会在两步之间写入它，" +
      '下一步就必须使用新值，步长 lr/(1 − β1ᵗ) 和衰减因子 1 − lr·weightDecay 都一样。' +
      '在构造函数中把它复制到另一个字段里，训练就会一直停留在最初的 lr。在 step 里每一步都读取 this.lr。',
  },
};

export class AdamW extends Reference {
  private readonly lrAtConstruction: number;

  constructor(options: AdamWOptions = {}) {
    super(options);
    this.lrAtConstruction = this.lr;
  }

  protected override prepare(t: number): void {
    const lr = this.lrAtConstruction;
    this.decay = 1 - lr * this.weightDecay;
    this.stepSize = lr / (1 - this.beta1 ** t);
    this.sqrtBias2 = Math.sqrt(1 - this.beta2 ** t);
  }
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  protected readonly weightDecay: number;
  /**
   * First and second moments`, `  protected readonly weightDecay: number;
  protected readonly learningRate: number;
  /**
   * First and second moments`],
    [`    this.lr = lr;
    this.beta1 = beta1;`, `    this.lr = lr;
    this.learningRate = lr;
    this.beta1 = beta1;`],
    [`    this.decay = 1 - this.lr * this.weightDecay;
    this.stepSize = this.lr / (1 - this.beta1 ** t);`, `    this.decay = 1 - this.learningRate * this.weightDecay;
    this.stepSize = this.learningRate / (1 - this.beta1 ** t);`],
  ],
};
