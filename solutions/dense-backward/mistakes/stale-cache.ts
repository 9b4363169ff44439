import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import {
  denseBackward as correctBackward,
  denseForward as correctForward,
  type DenseCache,
  type DenseForwardResult,
  type DenseGradients,
} from '../dense.ts';

export const mistake: Mistake = {
  title: {
    en: 'backward reads the latest forward pass instead of its cache',
    'zh-CN': '反向传播读取的是最近一次前向传播，而不是自己的缓存',
  },
  explanation: {
    en:
      'A network runs the forward pass of every layer (and a training loop, of every batch) before the backward passes, ' +
      'so a module-level variable set by denseForward holds another call\'s x and w. Read x and w from the cache argument: ' +
      'it belongs to this very dout.',
    'zh-CN':
      '网络会先跑完每一层的前向传播（训练循环则是每个批量的前向传播），再做反向传播，' +
      '所以由 denseForward 设置的模块级变量里存的是另一次调用的 x 和 w。要从 cache 参数中读取 x 和 w：' +
      '它正属于这一个 dout。',
  },
};

let latest: DenseCache | undefined;

export function denseForward(x: Matrix, w: Matrix, b: Float64Array): DenseForwardResult {
  const result = correctForward(x, w, b);
  latest = result.cache;
  return result;
}

export function denseBackward(dout: Matrix, cache: DenseCache): DenseGradients {
  return correctBackward(dout, latest ?? cache);
}
