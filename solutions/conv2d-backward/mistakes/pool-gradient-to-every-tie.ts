import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../../lib/tensor.ts';
import type { PoolCache } from '../conv.ts';
export { conv2dForward, conv2dBackward, maxPool2dForward } from '../conv.ts';

export const mistake: Mistake = {
  title: {
    en: 'max pool sends the gradient to every maximum of a tie',
    'zh-CN': '最大池化把梯度送给了所有并列的最大值',
  },
  explanation: {
    en: 'out = max(window) passes its gradient to one entry: the one the forward pass picked. F.max_pool2d picks the first maximum in row-major order, so on a tie only that entry gets dout. Sending dout to every tied entry multiplies the gradient by the number of ties.',
    'zh-CN': 'out = max(window) 只把梯度传给一个元素：前向传播选中的那个。F.max_pool2d 选的是行主序中的第一个最大值，所以出现并列时只有它得到 dout。把 dout 送给每个并列的元素，会让梯度乘上并列的个数。',
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
        for (let p = 0; p < kernel; p++) {
          for (let q = 0; q < kernel; q++) {
            const k = (nc * H + i * stride + p) * W + j * stride + q;
            if (x.data[k] === best) dx.data[k] += dout.data[(nc * OH + i) * OW + j];
          }
        }
      }
    }
  }
  return dx;
}
