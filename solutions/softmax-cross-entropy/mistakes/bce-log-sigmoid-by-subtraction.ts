import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { BinaryCrossEntropyResult } from '../softmax.ts';
export { crossEntropy, logSoftmax, softmax, softmaxBackward } from '../softmax.ts';

export const mistake: Mistake = {
  title: {
    en: 'BCE with log σ(z) formed by subtraction, z − log(1 + e^z)',
    'zh-CN': 'BCE 中的 log σ(z) 用减法构造：z − log(1 + e^z)',
  },
  explanation: {
    en:
      'log σ(z) = z − log(1 + e^z) is right on paper, but e^z overflows to Infinity for z above about 709, and then ' +
      'log σ(800) is 800 − Infinity = −Infinity (and 0·(−Infinity) is NaN) where it should be about 0. Take the ' +
      'positive part out first: −[y·log σ(z) + (1 − y)·log(1 − σ(z))] = max(z, 0) − y·z + log1p(exp(−|z|)), whose ' +
      'exponent is never positive.',
    'zh-CN':
      'log σ(z) = z − log(1 + e^z) 在纸面上是对的，但 z 大于约 709 时 e^z 上溢为 Infinity，于是 log σ(800) ' +
      '成了 800 − Infinity = −Infinity（而 0·(−Infinity) 是 NaN），而它本应约等于 0。先把正的部分提出来：' +
      '−[y·log σ(z) + (1 − y)·log(1 − σ(z))] = max(z, 0) − y·z + log1p(exp(−|z|))，其中的指数永远不为正。',
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
    // log σ(z) = z − log(1 + e^z) and log(1 − σ(z)) = −log(1 + e^z): no σ, so no log of 0.
    // log σ(z) = z − log(1 + e^z)，log(1 − σ(z)) = −log(1 + e^z)：不经过 σ，也就不会取 0 的对数。
    const softplus = Math.log1p(Math.exp(z));
    total -= y * (z - softplus) + (1 - y) * -softplus;
    const e = Math.exp(-Math.abs(z)); // σ(z) from whichever side keeps exp's argument ≤ 0
    const sigma = z >= 0 ? 1 / (1 + e) : e / (1 + e);
    dlogits[k] = (sigma - y) / count;
  }
  return { loss: total / count, dlogits };
}
