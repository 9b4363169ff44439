import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { CrossEntropyResult } from '../softmax.ts';
export { bceWithLogits, logSoftmax, softmax, softmaxBackward } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'the cross-entropy gradient is not divided by N',
    'zh-CN': '交叉熵的梯度没有除以 N',
  },
  explanation: {
    en:
      'The loss is the mean over the N rows, so every row of dlogits carries its 1/N: dlogits = (P − onehot(labels))/N. ' +
      'Your loss is averaged but your dlogits is P − onehot, N times too large: a learning rate tuned for it would ' +
      'change with the batch size. Divide the gradient by N wherever you divide the loss by N.',
    'zh-CN':
      '损失是对 N 行取平均，所以 dlogits 的每一行都带着 1/N：dlogits = (P − onehot(labels))/N。' +
      '你的损失取了平均，dlogits 却是 P − onehot，大了 N 倍：为它调好的学习率会随批量大小而变。' +
      '损失除以 N 的地方，梯度也要除以 N。',
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
  return { loss: total / n, dlogits };
}
