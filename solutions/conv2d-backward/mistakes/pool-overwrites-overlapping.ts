import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../../lib/tensor.ts';
import type { PoolCache } from '../conv.ts';
export { conv2dForward, conv2dBackward, maxPool2dForward } from '../conv.ts';

export const mistake: Mistake = {
  title: {
    en: 'max pool overwrites (=) instead of adding (+=) where windows overlap',
    'zh-CN': '窗口重叠时，最大池化用了覆盖（=）而不是累加（+=）',
  },
  explanation: {
    en: 'With stride < kernel the windows overlap, and one input can be the maximum of several of them. Each of those outputs depends on it, so its gradient is the sum of their douts: add with +=. Writing with = keeps only the last window’s dout.',
    'zh-CN': 'stride < kernel 时窗口会重叠，同一个输入可能是其中几个窗口的最大值。这些输出都依赖它，所以它的梯度是这些 dout 之和：要用 += 累加。用 = 写入只会留下最后一个窗口的 dout。',
  },
};

export function maxPool2dBackward(dout: Tensor, cache: PoolCache): Tensor {
  const { x, kernel, stride } = cache;
  const [N, C, H, W] = x.shape;
  const OH = Math.floor((H - kernel) / stride) + 1;
  const OW = Math.floor((W - kernel) / stride) + 1;
  const want = [N, C, OH, OW];
  if (!isTensor(dout) || dout.shape.length !== 4 || dout.shape.some((s, k) => s !== want[k])) {
    throw new Error(`maxPool2dBackward: dout is ${isTensor(dout) ? tensorShape(dout) : typeof dout} but the forward output was ${tensorShape(want)}`);
  }
  const dx = zerosTensor(x.shape);
  for (let nc = 0; nc < N * C; nc++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        let best = -Infinity;
        let where = -1;
        for (let p = 0; p < kernel; p++) {
          for (let q = 0; q < kernel; q++) {
            const k = (nc * H + i * stride + p) * W + j * stride + q;
            if (where === -1 || x.data[k] > best) { // strictly greater: the first maximum wins a tie
              best = x.data[k];
              where = k;
            }
          }
        }
        dx.data[where] = dout.data[(nc * OH + i) * OW + j];
      }
    }
  }
  return dx;
}
