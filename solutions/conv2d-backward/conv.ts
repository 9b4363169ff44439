/**
 * Kata: conv2d-backward. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- conv`.
 * The toolkit in katas/lib/tensor.ts has the Tensor type, zerosTensor and offset4; plain loops
 * over n, c, h, w are all you need.
 */
import { isTensor, tensorShape, zerosTensor, type Tensor } from '../lib/tensor.ts';

/** Options of `conv2dForward`: PyTorch's `stride` and `padding` (zeros on every side). */
export interface ConvOptions {
  stride?: number;
  padding?: number;
}

/** What the convolution's forward pass keeps for its backward pass (references, not copies). */
export interface ConvCache {
  readonly x: Tensor;
  readonly w: Tensor;
  readonly stride: number;
  readonly padding: number;
}

/** The result of `conv2dForward`. */
export interface ConvForwardResult {
  /** N×F×OH×OW, with OH = ⌊(H + 2·padding − KH)/stride⌋ + 1 and OW likewise. */
  out: Tensor;
  cache: ConvCache;
}

/** The gradients of the loss with respect to each input of `conv2dForward`. */
export interface ConvGradients {
  /** ∂L/∂x, N×C×H×W (the shape of x, without the padding). */
  dx: Tensor;
  /** ∂L/∂w, F×C×KH×KW (the shape of w). */
  dw: Tensor;
  /** ∂L/∂b, F entries. */
  db: Float64Array;
}

/** Options of `maxPool2dForward`: a square window of `kernel`×`kernel`, moved by `stride` (default: kernel). */
export interface PoolOptions {
  kernel: number;
  stride?: number;
}

/** What max pool's forward pass keeps for its backward pass. */
export interface PoolCache {
  readonly x: Tensor;
  readonly kernel: number;
  readonly stride: number;
}

/** The result of `maxPool2dForward`. */
export interface PoolForwardResult {
  /** N×C×OH×OW, with OH = ⌊(H − kernel)/stride⌋ + 1 and OW likewise. */
  out: Tensor;
  cache: PoolCache;
}

function positiveInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got ${value}`);
}

/**
 * Forward pass of a 2-D convolution, PyTorch's `F.conv2d(x, w, b, stride, padding)`: a
 * cross-correlation (the kernel is not flipped) over x padded with `padding` zeros on every side.
 * out[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q xpad[n, c, i·stride + p, j·stride + q] · w[f, c, p, q].
 * @param x the images, N×C×H×W; not modified
 * @param w the filters, F×C×KH×KW; not modified
 * @param b the bias, F entries; not modified
 * @param options stride (default 1) and padding (default 0)
 * @returns out, N×F×OH×OW, and the cache that `conv2dBackward` needs
 * @throws Error naming both shapes when x's channels ≠ w's, or b's length ≠ F; Error when the
 *   kernel is larger than the padded input
 */
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

/**
 * Backward pass of the convolution. Given dout = ∂L/∂out, returns the gradients of L with
 * respect to x, w and b, each of the shape of its input.
 * @param dout the upstream gradient, N×F×OH×OW; not modified
 * @param cache what `conv2dForward` returned with the out that dout belongs to; not modified
 * @returns dx (N×C×H×W), dw (F×C×KH×KW), db (F entries), each a new array
 * @throws Error naming both shapes when dout is not the shape of the forward output
 */
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

/**
 * Forward pass of 2-D max pooling, PyTorch's `F.max_pool2d(x, kernel, stride)` without padding:
 * out[n, c, i, j] is the largest entry of the kernel×kernel window of channel c whose top-left
 * corner is (i·stride, j·stride).
 * @param x the images, N×C×H×W; not modified
 * @param options kernel (the window's side) and stride (default: kernel, windows side by side)
 * @returns out, N×C×OH×OW with OH = ⌊(H − kernel)/stride⌋ + 1, and the cache for `maxPool2dBackward`
 * @throws Error naming x's shape when the window is larger than the input
 */
export function maxPool2dForward(x: Tensor, options: PoolOptions): PoolForwardResult {
  const { kernel, stride = kernel } = options;
  positiveInteger('maxPool2dForward: kernel', kernel, 1);
  positiveInteger('maxPool2dForward: stride', stride, 1);
  if (!isTensor(x) || x.shape.length !== 4) throw new Error(`maxPool2dForward: x must be N×C×H×W`);
  const [N, C, H, W] = x.shape;
  if (kernel > H || kernel > W) throw new Error(`maxPool2dForward: a ${kernel}×${kernel} window is larger than x ${tensorShape(x)}`);
  const OH = Math.floor((H - kernel) / stride) + 1;
  const OW = Math.floor((W - kernel) / stride) + 1;
  const out = zerosTensor([N, C, OH, OW]);
  for (let nc = 0; nc < N * C; nc++) {
    for (let i = 0; i < OH; i++) {
      for (let j = 0; j < OW; j++) {
        let best = -Infinity;
        for (let p = 0; p < kernel; p++) {
          for (let q = 0; q < kernel; q++) {
            const value = x.data[(nc * H + i * stride + p) * W + j * stride + q];
            if (value > best) best = value;
          }
        }
        out.data[(nc * OH + i) * OW + j] = best;
      }
    }
  }
  return { out, cache: { x, kernel, stride } };
}

/**
 * Backward pass of max pooling: each window's upstream gradient goes to the position of its
 * maximum (the first one in row-major order on a tie); where windows overlap, the gradients add up.
 * @param dout the upstream gradient, N×C×OH×OW; not modified
 * @param cache what `maxPool2dForward` returned; not modified
 * @returns dx, N×C×H×W, a new array
 * @throws Error naming both shapes when dout is not the shape of the forward output
 */
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
        dx.data[where] += dout.data[(nc * OH + i) * OW + j]; // += : overlapping windows add up
      }
    }
  }
  return dx;
}
