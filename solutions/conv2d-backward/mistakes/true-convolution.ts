import type { Mistake } from '../../../grader/core/mistakes.ts';
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../../lib/tensor.ts';
import type { ConvCache, ConvForwardResult, ConvGradients, ConvOptions } from '../conv.ts';
export { maxPool2dForward, maxPool2dBackward } from '../conv.ts';

export const mistake: Mistake = {
  title: {
    en: 'true convolution (flipped kernel) instead of cross-correlation',
    'zh-CN': '用了真正的卷积（翻转卷积核），而不是互相关',
  },
  explanation: {
    en: 'F.conv2d, like every deep-learning "convolution", is a cross-correlation: out[i, j] = Σ x[i·s + p, j·s + q]·w[p, q], the kernel read as stored. Reading it flipped, w[KH − 1 − p, KW − 1 − q], is the convolution of signal processing: the gradients stay consistent with it, but it is not the layer PyTorch computes.',
    'zh-CN': 'F.conv2d 和所有深度学习里的“卷积”一样，是互相关：out[i, j] = Σ x[i·s + p, j·s + q]·w[p, q]，按存储顺序读取卷积核。按翻转后的 w[KH − 1 − p, KW − 1 − q] 读取，是信号处理里的卷积：梯度与它自洽，但它不是 PyTorch 算的那一层。',
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
  const OH = Math.floor((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.floor((W + 2 * padding - KW) / stride) + 1;
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
                sum += xd[((n * C + c) * H + h) * W + col] * wd[((f * C + c) * KH + (KH - 1 - p)) * KW + (KW - 1 - q)];
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
                const wi = ((f * C + c) * KH + (KH - 1 - p)) * KW + (KW - 1 - q);
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
    [
      'const rows = matmulTransB(cols, matrix(F, C * KH * KW, w.data));',
      'const rows = matmulTransB(cols, matrix(F, C * KH * KW, w.data.map((_, k, d) => d[k + KH * KW - 1 - 2 * (k % (KH * KW))])));',
    ],
    [
      'const dw = tensor(w.shape, matmulTransA(drows, cols).data);',
      'const dw = tensor(w.shape, matmulTransA(drows, cols).data.map((_, k, d) => d[k + KH * KW - 1 - 2 * (k % (KH * KW))]));',
    ],
    [
      'const dx = col2im(matmul(drows, matrix(F, C * KH * KW, w.data)), x.shape, windows);',
      'const dx = col2im(matmul(drows, matrix(F, C * KH * KW, w.data.map((_, k, d) => d[k + KH * KW - 1 - 2 * (k % (KH * KW))]))), x.shape, windows);',
    ],
  ],
};
