import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { BinaryCrossEntropyResult } from '../softmax.ts';
export { crossEntropy, logSoftmax, softmax, softmaxBackward } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'BCE computed as −[y·log σ + (1 − y)·log(1 − σ)]',
    'zh-CN': 'BCE 按 −[y·log σ + (1 − y)·log(1 − σ)] 计算',
  },
  explanation: {
    en:
      'σ(z) rounds to exactly 1 in float64 for z above about 37, and to 0 below about −745; then log(1 − σ) or ' +
      'log σ is log 0 = −Infinity, and 0·(−Infinity) is NaN. At logits of ±800 your loss is Infinity or NaN where ' +
      'PyTorch gives 800 per wrong entry. Never go through σ: −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = ' +
      'max(z, 0) − y·z + log(1 + exp(−|z|)), and log1p keeps the last term accurate.',
    'zh-CN':
      '在 float64 中，z 大于约 37 时 σ(z) 恰好舍入为 1，小于约 −745 时舍入为 0；这时 log(1 − σ) 或 log σ 就是 ' +
      'log 0 = −Infinity，而 0·(−Infinity) 是 NaN。logits 为 ±800 时你的损失是 Infinity 或 NaN，而 PyTorch 对每个判错的元素给出 800。' +
      '不要经过 σ：−[y·log σ(z) + (1 − y)·log(1 − σ(z))] = max(z, 0) − y·z + log(1 + exp(−|z|))，用 log1p 让最后一项保持精确。',
  },
};

export function bceWithLogits(logits: Float64Array, targets: Float64Array): BinaryCrossEntropyResult {
  if (logits.length !== targets.length) {
    throw new Error(`bceWithLogits: logits has ${logits.length} entries but targets has ${targets.length}; they must match`);
  }
  const count = logits.length;
  let total = 0;
  const dlogits = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const z = logits[k];
    const y = targets[k];
    const sigma = 1 / (1 + Math.exp(-z));
    total += -(y * Math.log(sigma) + (1 - y) * Math.log(1 - sigma));
    dlogits[k] = (sigma - y) / count;
  }
  return { loss: total / count, dlogits };
}
