import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { CrossEntropyResult } from '../softmax.ts';
export { bceWithLogits, logSoftmax, softmax, softmaxBackward } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'dlogits as P − y with y the class indices, not one-hot',
    'zh-CN': 'dlogits 写成 P − y，而 y 是类别下标，不是 one-hot 编码',
  },
  explanation: {
    en:
      '"dlogits = P − y" holds when y is the one-hot matrix: 1 at the label, 0 elsewhere. Your labels are class ' +
      'indices, and subtracting them as a column (numpy: probs - y[:, None]) takes the number labels[n] from every ' +
      'entry of row n. Subtract 1 at [n][labels[n]] only (numpy: probs[np.arange(N), y] -= 1), then divide by N.',
    'zh-CN':
      '“dlogits = P − y” 成立的前提是 y 为 one-hot 矩阵：标签处为 1，其他处为 0。你的 labels 是类别下标，' +
      '把它当成一列来减（NumPy：probs - y[:, None]），就是从第 n 行的每个元素都减去数值 labels[n]。' +
      '应当只在 [n][labels[n]] 处减 1（NumPy：probs[np.arange(N), y] -= 1），再除以 N。',
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
    // dlogits = (P − y)/N
    for (let c = 0; c < classes; c++) dlogits.data[r + c] = (Math.exp(logits.data[r + c] - logSum) - labels[i]) / n;
  }
  return { loss: total / n, dlogits };
}
