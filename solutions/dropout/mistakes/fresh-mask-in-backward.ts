import type { Mistake } from '../../../grader/core/mistakes.ts';
import { matrix, shapeOf, type Matrix } from '../../lib/matrix.ts';
import type { Rng } from '../../lib/random.ts';
import type { DropoutCache, DropoutForwardResult, DropoutMode } from '../dropout.ts';

export const mistake: Mistake = {
  title: {
    en: 'a fresh mask drawn in backward instead of the cached one',
    'zh-CN': '反向传播重新抽了一个掩码，而不是用缓存中的那个',
  },
  explanation: {
    en:
      'The gradient flows back only through the entries that the forward pass kept, so backward needs that very mask. ' +
      'Drawing again (here from an rng kept in the cache) gives a different mask: gradients reach entries that were dropped ' +
      'and miss entries that were kept. Keep the mask (with its scale) in the cache and reuse it; backward never calls rng.',
    'zh-CN':
      '梯度只经由前向传播保留下来的元素回传，所以反向传播需要的正是那一个掩码。再抽一次（这里是从存进 cache 的 rng 抽）' +
      '会得到另一个掩码：梯度流进了被丢弃的元素，却漏掉了被保留的元素。要把掩码（连同缩放）存进 cache 并复用；反向传播从不调用 rng。',
  },
};

interface CacheWithRng extends DropoutCache {
  p: number;
  rng: Rng;
}

export function dropoutForward(x: Matrix, p: number, mode: DropoutMode, rng: Rng): DropoutForwardResult {
  if (!(p >= 0 && p <= 1)) throw new Error(`dropoutForward: p must be in [0, 1] (the probability of dropping), got ${p}`);
  const out = matrix(x.rows, x.cols);
  const cache: CacheWithRng = { mode, rows: x.rows, cols: x.cols, mask: null, p, rng };
  if (mode === 'eval') {
    out.data.set(x.data);
    return { out, cache };
  }
  const keep = 1 - p;
  const scale = keep > 0 ? 1 / keep : 0;
  for (let k = 0; k < out.data.length; k++) out.data[k] = rng() < keep ? x.data[k] * scale : 0;
  return { out, cache };
}

export function dropoutBackward(dout: Matrix, cache: DropoutCache): Matrix {
  if (dout.rows !== cache.rows || dout.cols !== cache.cols) {
    throw new Error(`dropoutBackward: dout is ${shapeOf(dout)} but x and out were ${cache.rows}×${cache.cols}`);
  }
  const { mode, p, rng } = cache as CacheWithRng;
  const dx = matrix(dout.rows, dout.cols);
  if (mode === 'eval') {
    dx.data.set(dout.data);
    return dx;
  }
  const keep = 1 - p;
  const scale = keep > 0 ? 1 / keep : 0;
  for (let k = 0; k < dx.data.length; k++) dx.data[k] = rng() < keep ? dout.data[k] * scale : 0;
  return dx;
}
