import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { CrossEntropyResult } from '../softmax.ts';
export { bceWithLogits, logSoftmax, softmax, softmaxBackward } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'the cross-entropy loss is summed over the batch instead of averaged',
    'zh-CN': '交叉熵损失对批量求和而不是取平均',
  },
  explanation: {
    en:
      "F.cross_entropy's default reduction is the mean over the N rows. Your loss is the sum, and your dlogits the " +
      "gradient of that sum: both are N times too large, so the loss's scale and the right learning rate change with " +
      'the batch size. Divide the loss by N, and the gradient with it.',
    'zh-CN':
      'F.cross_entropy 默认的 reduction 是对 N 行取平均。你的损失是求和，dlogits 也是这个和的梯度：' +
      '两者都大了 N 倍，于是损失的量级和合适的学习率都会随批量大小而变。把损失除以 N，梯度也一起除以 N。',
  },
};

export function crossEntropy(logits: Matrix, labels: ArrayLike<number>): CrossEntropyResult {
  const { rows: n, cols: classes } = logits;
  if (labels.length !== n) {
    throw new Error(`crossEntropy: logits is ${shapeOf(logits)} but labels has ${labels.length} entries (one per row, ${n})`);
  }
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!Number.isInteger(label) || label < 0 || label >= classes) {
      throw new Error(`crossEntropy: the label of row ${i} is ${label}, but logits is ${shapeOf(logits)}: a label is a class index in 0..${classes - 1}`);
    }
  }
  // One pass per row, as PyTorch's fused kernel does: log-sum-exp with the row's maximum taken out.
  const dlogits = matrix(n, classes);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = i * classes;
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, logits.data[r + c]);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits.data[r + c] - max);
    const logSum = max + Math.log(sum); // log Σₖ exp(logits[i][k]), never overflowing
    total += logSum - logits.data[r + labels[i]]; // −log softmax at the label
    for (let c = 0; c < classes; c++) dlogits.data[r + c] = Math.exp(logits.data[r + c] - logSum);
    dlogits.data[r + labels[i]] -= 1;
  }
  return { loss: total, dlogits };
}
