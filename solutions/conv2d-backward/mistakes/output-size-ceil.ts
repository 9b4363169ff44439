import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../../lib/tensor.ts';
import type { ConvCache, ConvForwardResult, ConvGradients, ConvOptions } from '../conv.ts';
export { maxPool2dForward, maxPool2dBackward } from '../conv.ts';

export const mistake: Mistake = {
  title: {
    en: 'the output size rounded up instead of down',
    'zh-CN': '输出尺寸向上取整，而不是向下取整',
  },
  explanation: {
    en: 'F.conv2d only places a window where it fits entirely in the padded input: OH = ⌊(H + 2·padding − KH)/stride⌋ + 1, rounded down. Rounding up (ceil) adds a last row or column of windows that hang over the edge whenever H + 2·padding − KH is not a multiple of the stride.',
    'zh-CN': 'F.conv2d 只在窗口完全落在填充后的输入内时才放置窗口：OH = ⌊(H + 2·padding − KH)/stride⌋ + 1，向下取整。当 H + 2·padding − KH 不是 stride 的倍数时，向上取整（ceil）会多出一行或一列伸出边界的窗口。',
  },
};

function positiveInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${value}`);
}

export function conv2dForward(x: Tensor, w: Tensor, b: Float64Array, options: ConvOptions = {}): ConvForwardResult {
  const { stride = 1, padding = 0 } = options;
  positiveInteger('conv2dForward: stride', stride, 1);
  positiveInteger('conv2dForward: padding', padding, 0);
  if (!isTensor(x) || x.shape.length !== 4 || !isTensor(w) || w.shape.length !== 4) {
    throw new Error(`conv2dForward: x (${isTensor(x) ? tensorShape(x) : typeof x}) must be N×C×H×W and w (${isTensor(w) ? tensorShape(w) : typeof w}) F×C×KH×KW`);
  }
  const [N, C, H, W] = x.shape;
  const [F, CW, KH, KW] = w.shape;
  if (C !== CW) throw new Error(`conv2dForward: x is ${tensorShape(x)} but w is ${tensorShape(w)} (x's ${C} channels must match w's ${CW})`);
  if (b.length !== F) throw new Error(`conv2dForward: w is ${tensorShape(w)} but b has ${b.length} entries (one per filter, ${F})`);
  if (KH > H + 2 * padding || KW > W + 2 * padding) {
    throw new Error(`conv2dForward: the kernel of w ${tensorShape(w)} is larger than x ${tensorShape(x)} padded by ${padding}`);
  }
  const OH = Math.ceil((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.ceil((W + 2 * padding - KW) / stride) + 1;
  const out = zerosTensor([N, F, OH, OW]);
  const xd = x.data;
  const wd = w.data;
  const od = out.data;
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      for (let i = 0; i < OH; i++) {
        for (let j = 0; j < OW; j++) {
          let sum = b[f];
          for (let c = 0; c < C; c++) {
            for (let p = 0; p < KH; p++) {
              const h = i * stride + p - padding;
              if (h < 0 || h >= H) continue; // a padding row: zeros
              for (let q = 0; q < KW; q++) {
                const col = j * stride + q - padding;
                if (col < 0 || col >= W) continue;
                sum += xd[((n * C + c) * H + h) * W + col] * wd[((f * C + c) * KH + p) * KW + q];
              }
            }
          }
          od[((n * F + f) * OH + i) * OW + j] = sum;
        }
      }
    }
  }
  return { out, cache: { x, w, stride, padding } };
}

export function conv2dBackward(dout: Tensor, cache: ConvCache): ConvGradients {
  const { x, w, stride, padding } = cache;
  const [N, C, H, W] = x.shape;
  const [F, , KH, KW] = w.shape;
  const OH = Math.ceil((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.ceil((W + 2 * padding - KW) / stride) + 1;
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
  return { dx, dw, db };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  const OH = Math.floor((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.floor((W + 2 * padding - KW) / stride) + 1;
  const out`, `  const OH = Math.ceil((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.ceil((W + 2 * padding - KW) / stride) + 1;
  const out`],
    [`  const OH = Math.floor((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.floor((W + 2 * padding - KW) / stride) + 1;
  const want`, `  const OH = Math.ceil((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.ceil((W + 2 * padding - KW) / stride) + 1;
  const want`],
  ],
};
