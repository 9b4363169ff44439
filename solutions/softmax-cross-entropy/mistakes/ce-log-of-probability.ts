import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { CrossEntropyResult } from '../softmax.ts';
export { bceWithLogits, logSoftmax, softmax, softmaxBackward } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'the cross-entropy loss takes the log of the softmax probability',
    'zh-CN': '交叉熵损失对 softmax 概率取对数',
  },
  explanation: {
    en:
      '−log p[label] is right on paper, but a probability that underflows to 0 gives −log 0 = Infinity: at logits ' +
      "of ±1e4 with the label on a small logit your loss is Infinity where PyTorch gives about 2e4. Take the label's " +
      'entry of the log-softmax instead: log Σₖ exp(z_k) − z_label, with the row maximum taken out of the log-sum-exp.',
    'zh-CN':
      '−log p[label] 在纸面上是对的，但下溢为 0 的概率给出 −log 0 = Infinity：logits 为 ±1e4 且标签落在较小的 logit 上时，' +
      '你的损失是 Infinity，而 PyTorch 给出约 2e4。应当直接取 log-softmax 在标签处的值：log Σₖ exp(z_k) − z_label，' +
      '其中 log-sum-exp 要先提出该行的最大值。',
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
    total -= Math.log(Math.exp(logits.data[r + labels[i]] - logSum)); // −log p at the label
                                                                      // 标签处的 −log p
    // The mean's 1/N belongs to every row of the gradient: dlogits = (P − onehot(labels))/N.
    for (let c = 0; c < classes; c++) dlogits.data[r + c] = Math.exp(logits.data[r + c] - logSum) / n;
    dlogits.data[r + labels[i]] -= 1 / n;
  }
  return { loss: total / n, dlogits };
}
