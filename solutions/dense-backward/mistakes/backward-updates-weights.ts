import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { denseBackward as correctBackward, type DenseCache, type DenseGradients } from '../dense.ts';
export { denseForward } from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'backward also updates the weights',
    'zh-CN': '反向传播顺带更新了权重',
  },
  explanation: {
    en:
      'denseBackward must only compute gradients; the update w ← w − lr·dw is the optimizer\'s job. Changing w in place ' +
      'silently changes the caller\'s parameters and the cache, so a second backward pass or a gradient check reads other weights.',
    'zh-CN':
      'denseBackward 只应计算梯度；更新 w ← w − lr·dw 是优化器的职责。原地修改 w ' +
      '会悄悄改变调用方的参数和缓存，于是第二次反向传播或梯度检验读到的是另一组权重。',
  },
};

const LEARNING_RATE = 0.01;

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  const grads = correctBackward(dout, cache);
  const w = cache.w.data;
  for (let i = 0; i < w.length; i++) w[i] -= LEARNING_RATE * grads.dw.data[i];
  return grads;
}
