import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../../lib/tensor.ts';
import type { ConvCache, ConvGradients } from '../conv.ts';
export { conv2dForward, maxPool2dForward, maxPool2dBackward } from '../conv.ts';

export const mistake: Mistake = {
  title: {
    en: 'db averaged over the output positions instead of summed',
    'zh-CN': 'db 对输出位置取了平均，而不是求和',
  },
  explanation: {
    en: 'b[f] is added at every one of the OH×OW positions of every image, so every position sends its dout back into the same b[f]: db[f] = Σ over n, i, j of dout[n, f, i, j], a sum. Dividing by OH·OW treats the bias as if it were added once per image.',
    'zh-CN': 'b[f] 被加到每张图像的全部 OH×OW 个位置上，所以每个位置都把它的 dout 送回同一个 b[f]：db[f] = 对 n、i、j 求和的 dout[n, f, i, j]，是求和。除以 OH·OW 相当于把偏置当成每张图像只加一次。',
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
  for (let f = 0; f < F; f++) db[f] /= OH * OW;
  return { dx, dw, db };
}
