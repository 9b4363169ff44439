import type { Mistake } from '../../../grader/core/mistakes.ts';
import { SGDMomentum as Reference } from '../momentum.ts';

export const mistake: Mistake = {
  title: {
    en: "CS231n's form: lr folded into the velocity, so a new lr takes effect only slowly",
    'zh-CN': 'CS231n 的写法：lr 被并入速度，新的 lr 只能慢慢生效',
  },
  explanation: {
    en:
      "v ← μ·v − lr·g, p ← p + v is PyTorch's update only while lr stays constant: this v is −lr times PyTorch's. When a " +
      'schedule lowers lr (the MNIST trainer divides it by 10 for its last epochs), the velocity still holds the old steps ' +
      "at the old lr and keeps moving p at the old rate for many steps. Keep lr out of the velocity, v ← μ·v + g, and " +
      'multiply at the end, p ← p − lr·(nesterov ? g + μ·v : v), reading this.lr at every step.',
    'zh-CN':
      '只有在 lr 保持不变时，v ← μ·v − lr·g、p ← p + v 才与 PyTorch 的更新等价：这里的 v 是 PyTorch 的 v 的 −lr 倍。' +
      '当学习率调度降低 lr 时（MNIST 训练器在最后几轮把它除以 10），速度里仍然保存着按旧 lr 走的步子，在之后的许多步里继续以旧的速率移动 p。' +
      '让 lr 留在速度之外，v ← μ·v + g，最后再乘上它：p ← p − lr·(nesterov ? g + μ·v : v)，并且每一步都读取 this.lr。',
  },
};

export class SGDMomentum extends Reference {
  protected override update(p: Float64Array, grad: Float64Array, v: Float64Array): void {
    for (let k = 0; k < p.length; k++) {
      const g = grad[k] + this.weightDecay * p[k];
      v[k] = this.momentum * v[k] - this.lr * g;
      p[k] += this.nesterov ? -this.lr * g + this.momentum * v[k] : v[k];
    }
  }
}
