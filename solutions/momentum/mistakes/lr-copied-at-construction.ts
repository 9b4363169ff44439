/**
 * A complete wrong momentum.ts: torch.optim.SGD's update, but with the learning rate the
 * constructor was given, whatever is written to `optimizer.lr` afterwards.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isMatrix, paramData, shapeOf, type Param } from '../../lib/matrix.ts';
import type { SGDMomentumOptions } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: 'lr copied in the constructor: later writes to optimizer.lr are ignored',
    'zh-CN': 'lr 在构造函数中被复制了一份：之后写入 optimizer.lr 都不起作用',
  },
  explanation: {
    en:
      "lr is a public, writable field, like PyTorch's param_groups[0]['lr']: a schedule (the MNIST trainer's drop to lr/10 " +
      'for its last epochs) sets it between steps, and the very next step must use the new value. This step uses a copy ' +
      'of lr taken in the constructor (a private field, or a closure), so the schedule never takes effect. Read this.lr ' +
      'inside step, every time.',
    'zh-CN':
      "lr 是一个公开、可写的字段，相当于 PyTorch 的 param_groups[0]['lr']：学习率调度（例如 MNIST 训练器在最后几轮把它降到 lr/10）会在两步之间修改它，紧接着的下一步就必须使用新值。" +
      '这里的 step 用的是构造函数中复制下来的 lr（一个私有字段或闭包），所以调度永远不会生效。' +
      '在 step 里每次都读取 this.lr。',
  },
};

export class SGDMomentum {
  /** Public, as the contract asks; but step never reads it again. */
  lr: number;
  readonly #lr: number;
  readonly #momentum: number;
  readonly #nesterov: boolean;
  readonly #weightDecay: number;
  readonly #velocities: Float64Array[] = [];

  constructor(options: SGDMomentumOptions) {
    const { lr, momentum, nesterov = false, weightDecay = 0 } = options;
    if (!(lr >= 0)) throw new Error(`SGDMomentum: lr must be ≥ 0, got ${lr}`);
    if (!(momentum >= 0)) throw new Error(`SGDMomentum: momentum must be ≥ 0, got ${momentum}`);
    if (!(weightDecay >= 0)) throw new Error(`SGDMomentum: weightDecay must be ≥ 0, got ${weightDecay}`);
    if (nesterov && momentum === 0) throw new Error('SGDMomentum: nesterov needs momentum > 0');
    this.lr = lr;
    this.#lr = lr; // the mistake: the step below uses this copy
    this.#momentum = momentum;
    this.#nesterov = nesterov;
    this.#weightDecay = weightDecay;
  }

  step(params: readonly Param[], grads: readonly Param[]): void {
    if (params.length !== grads.length) {
      throw new Error(`SGDMomentum.step: ${params.length} params but ${grads.length} grads`);
    }
    for (let i = 0; i < params.length; i++) {
      if (sizeOf(params[i]) !== sizeOf(grads[i])) {
        throw new Error(`SGDMomentum.step: params[${i}] is ${sizeOf(params[i])} but grads[${i}] is ${sizeOf(grads[i])}`);
      }
    }
    const lr = this.#lr;
    const mu = this.#momentum;
    for (let i = 0; i < params.length; i++) {
      const p = paramData(params[i]);
      const grad = paramData(grads[i]);
      this.#velocities[i] ??= new Float64Array(p.length);
      const v = this.#velocities[i];
      for (let k = 0; k < p.length; k++) {
        const g = grad[k] + this.#weightDecay * p[k];
        v[k] = mu * v[k] + g;
        p[k] -= lr * (this.#nesterov ? g + mu * v[k] : v[k]);
      }
    }
  }
}

function sizeOf(p: Param): string {
  return isMatrix(p) ? shapeOf(p) : `${p.length} entries`;
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  lr: number;
  protected readonly momentum: number;`, `  lr: number;
  protected readonly learningRate: number;
  protected readonly momentum: number;`],
    [`    this.lr = lr;
`, `    this.lr = lr;
    this.learningRate = lr;
`],
    ['    const { lr, momentum: mu, nesterov, weightDecay } = this;', '    const { learningRate: lr, momentum: mu, nesterov, weightDecay } = this;'],
  ],
};
