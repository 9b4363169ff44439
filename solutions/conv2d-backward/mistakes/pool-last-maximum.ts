import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../../lib/tensor.ts';
import type { PoolCache } from '../conv.ts';
export { conv2dForward, conv2dBackward, maxPool2dForward } from '../conv.ts';

export const mistake: Mistake = {
  title: {
    en: 'max pool sends a tie’s gradient to the last maximum (>= instead of >)',
    'zh-CN': '最大池化把并列时的梯度送给了最后一个最大值（用了 >= 而不是 >）',
  },
  explanation: {
    en: 'On a tie, F.max_pool2d keeps the first maximum in row-major order: only a strictly greater value replaces it. Comparing with >= moves the choice to the last tied entry, so the gradient lands on a different pixel than PyTorch’s.',
    'zh-CN': '出现并列时，F.max_pool2d 保留行主序中的第一个最大值：只有严格更大的值才会替换它。用 >= 比较会把选择挪到最后一个并列的元素上，梯度就落在了与 PyTorch 不同的像素上。',
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
            if (where === -1 || x.data[k] >= best) {
              best = x.data[k];
              where = k;
            }
          }
        }
        dx.data[where] += dout.data[(nc * OH + i) * OW + j]; // += : overlapping windows add up
      }
    }
  }
  return dx;
}
