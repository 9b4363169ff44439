import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../../lib/tensor.ts';
import type { ConvCache, ConvGradients } from '../conv.ts';
export { conv2dForward, maxPool2dForward, maxPool2dBackward } from '../conv.ts';

export const mistake: Mistake = {
  title: {
    en: 'dw averaged over the batch instead of summed',
    'zh-CN': 'dw 对批量取了平均，而不是求和',
  },
  explanation: {
    en: 'The same filters slide over every image of the batch, so every image adds its contribution to dw: dw is a sum over n (and over every output position). If the loss is a mean over the batch, its 1/N is already inside dout; dividing by N again makes dw N times too small.',
    'zh-CN': '同一组滤波器在批量中的每张图像上滑动，所以每张图像都要把它的贡献加到 dw 上：dw 是对 n（以及每个输出位置）的求和。如果损失是对批量取平均，它的 1/N 已经包含在 dout 里了；再除以 N 会让 dw 小 N 倍。',
  },
};

export function conv2dBackward(dout: Tensor, cache: ConvCache): ConvGradients {
  const { x, w, stride, padding } = cache;
  const [N, C, H, W] = x.shape;
  const [F, , KH, KW] = w.shape;
  const OH = Math.floor((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.floor((W + 2 * padding - KW) / stride) + 1;
  const want = [N, F, OH, OW];
  if (!isTensor(dout) || dout.shape.length !== 4 || dout.shape.some((s, k) => s !== want[k])) {
    throw new Error(`conv2dBackward: dout is ${isTensor(dout) ? tensorShape(dout) : typeof dout} but the forward output was ${tensorShape(want)}`);
  }
  const dx = zerosTensor(x.shape);
  const dw = zerosTensor(w.shape);
  const db = new Float64Array(F);
  const xd = x.data;
  const wd = w.data;
  const dd = dout.data;
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      for (let i = 0; i < OH; i++) {
        for (let j = 0; j < OW; j++) {
          const g = dd[((n * F + f) * OH + i) * OW + j];
          db[f] += g; // b[f] is added at every position of every image
          for (let c = 0; c < C; c++) {
            for (let p = 0; p < KH; p++) {
              const h = i * stride + p - padding;
              if (h < 0 || h >= H) continue; // padding: no x there, nothing to send back
                                             // 填充区：那里没有 x，没有梯度要回传
              for (let q = 0; q < KW; q++) {
                const col = j * stride + q - padding;
                if (col < 0 || col >= W) continue;
                const xi = ((n * C + c) * H + h) * W + col;
                const wi = ((f * C + c) * KH + p) * KW + q;
                dx.data[xi] += g * wd[wi];
                dw.data[wi] += g * xd[xi];
              }
            }
          }
        }
      }
    }
  }
  for (let k = 0; k < dw.data.length; k++) dw.data[k] /= N;
  return { dx, dw, db };
}
