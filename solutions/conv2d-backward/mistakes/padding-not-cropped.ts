import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../../lib/tensor.ts';
import type { ConvCache, ConvGradients } from '../conv.ts';
export { conv2dForward, maxPool2dForward, maxPool2dBackward } from '../conv.ts';

export const mistake: Mistake = {
  title: {
    en: 'padding not cropped from dx',
    'zh-CN': 'dx 没有去掉填充部分',
  },
  explanation: {
    en: 'With padding, the backward pass can accumulate into a padded dx of (H + 2·padding)×(W + 2·padding), but the padding zeros are constants, not part of x: dx must be cropped back to N×C×H×W (dxpad[:, :, p:−p, p:−p]) before it is returned.',
    'zh-CN': '有填充时，反向传播可以先累加到 (H + 2·padding)×(W + 2·padding) 的 dxpad 上，但填充的 0 是常数，不属于 x：返回之前必须把 dx 裁回 N×C×H×W（dxpad[:, :, p:−p, p:−p]）。',
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
  const HP = H + 2 * padding;
  const WP = W + 2 * padding;
  const dx = zerosTensor([N, C, HP, WP]);
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
                const pi = ((n * C + c) * HP + h + padding) * WP + col + padding;
                const wi = ((f * C + c) * KH + p) * KW + q;
                dx.data[pi] += g * wd[wi];
                dw.data[wi] += g * xd[xi];
              }
            }
          }
        }
      }
    }
  }
  return { dx, dw, db };
}
