/**
 * The benchmark's yardstick: the default recipe's network (784-128-128-10, ReLU, softmax cross-entropy,
 * Adam, batch 32) as a straightforward TypeScript port would first write it. Textbook i-j-k
 * triple loops over flat Float64Arrays, a fresh array for every intermediate result and every
 * transpose, and no use of the zeros in the data. Correct, and about as fast as plain code gets
 * without thinking about the machine: the point of comparison for `npm run bench`.
 */
import { batchToMatrix, IMAGE_SIZE, type MnistSet } from '../../katas/lib/mnist.ts';
import { matrix } from '../../katas/lib/matrix.ts';
import { createRng, normal, permutation } from '../../katas/lib/random.ts';
import { zerosTensor, type Tensor } from '../../katas/lib/tensor.ts';

interface Mat {
  rows: number;
  cols: number;
  data: Float64Array;
}

const zeros = (rows: number, cols: number): Mat => ({ rows, cols, data: new Float64Array(rows * cols) });

function matmul(a: Mat, b: Mat): Mat {
  const c = zeros(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let sum = 0;
      for (let k = 0; k < a.cols; k++) sum += a.data[i * a.cols + k] * b.data[k * b.cols + j];
      c.data[i * b.cols + j] = sum;
    }
  }
  return c;
}

function transpose(a: Mat): Mat {
  const t = zeros(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) t.data[j * a.rows + i] = a.data[i * a.cols + j];
  return t;
}

/** Adam over one array, PyTorch's update, with its state. */
class AdamState {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  constructor(size: number) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
  }
  step(p: Float64Array, g: Float64Array, t: number, lr = 1e-3, beta1 = 0.9, beta2 = 0.999, eps = 1e-8): void {
    for (let i = 0; i < p.length; i++) {
      this.m[i] = beta1 * this.m[i] + (1 - beta1) * g[i];
      this.v[i] = beta2 * this.v[i] + (1 - beta2) * g[i] * g[i];
      const mHat = this.m[i] / (1 - beta1 ** t);
      const vHat = this.v[i] / (1 - beta2 ** t);
      p[i] -= (lr * mHat) / (Math.sqrt(vHat) + eps);
    }
  }
}

/**
 * Trains the default network for one pass over the first `count` images of `set`, batch 32.
 * @returns the seconds it took and the mean training loss (to show it really learns)
 */
export function baselineEpoch(set: MnistSet, count: number, seed = 1, batchSize = 32): { seconds: number; loss: number; images: number } {
  const sizes = [IMAGE_SIZE, 128, 128, 10];
  const rng = createRng(seed);
  const weights = sizes.slice(1).map((fanOut, l) => {
    const w = zeros(sizes[l], fanOut);
    for (let i = 0; i < w.data.length; i++) w.data[i] = normal(rng, 0, Math.sqrt(2 / sizes[l]));
    return w;
  });
  const biases = sizes.slice(1).map((n) => new Float64Array(n));
  const wState = weights.map((w) => new AdamState(w.data.length));
  const bState = biases.map((b) => new AdamState(b.length));
  const images = Math.min(count, set.count);
  const order = permutation(images, rng);
  let step = 0;
  let lossSum = 0;

  const started = performance.now();
  for (let start = 0; start < images; start += batchSize) {
    const indices = order.subarray(start, Math.min(images, start + batchSize));
    const n = indices.length;
    const x: Mat = batchToMatrix(set, indices, matrix(n, IMAGE_SIZE));
    // Forward: keep every layer's input and pre-activation.
    const inputs: Mat[] = [];
    const pre: Mat[] = [];
    let a = x;
    for (let l = 0; l < weights.length; l++) {
      inputs.push(a);
      const z = matmul(a, weights[l]);
      for (let i = 0; i < n; i++) for (let j = 0; j < z.cols; j++) z.data[i * z.cols + j] += biases[l][j];
      pre.push(z);
      if (l < weights.length - 1) {
        a = zeros(n, z.cols);
        for (let k = 0; k < z.data.length; k++) a.data[k] = Math.max(0, z.data[k]);
      } else {
        a = z;
      }
    }
    // Softmax cross-entropy and its gradient.
    const dz = zeros(n, 10);
    for (let i = 0; i < n; i++) {
      const row = a.data.subarray(i * 10, i * 10 + 10);
      const max = Math.max(...row);
      let sum = 0;
      for (let j = 0; j < 10; j++) sum += Math.exp(row[j] - max);
      const label = set.labels[indices[i]];
      lossSum += Math.log(sum) - (row[label] - max);
      for (let j = 0; j < 10; j++) dz.data[i * 10 + j] = (Math.exp(row[j] - max) / sum - (j === label ? 1 : 0)) / n;
    }
    // Backward, then Adam on every parameter.
    step++;
    let dout = dz;
    for (let l = weights.length - 1; l >= 0; l--) {
      const dw = matmul(transpose(inputs[l]), dout);
      const db = new Float64Array(dout.cols);
      for (let i = 0; i < n; i++) for (let j = 0; j < dout.cols; j++) db[j] += dout.data[i * dout.cols + j];
      if (l > 0) {
        const dx = matmul(dout, transpose(weights[l]));
        for (let k = 0; k < dx.data.length; k++) if (pre[l - 1].data[k] <= 0) dx.data[k] = 0;
        dout = dx;
      }
      wState[l].step(weights[l].data, dw.data, step);
      bState[l].step(biases[l], db, step);
    }
  }
  return { seconds: (performance.now() - started) / 1000, loss: lossSum / images, images };
}

// ---------------------------------------------------------------------------------------
// The CNN's yardstick: the convolution as the conv2d-backward kata is first solved, direct
// loops over n, f, i, j, c, p, q (the reference's own code before it went through im2col).
// `npm run bench` trains the CNN with this block in place of the reference's conv2dForward and
// conv2dBackward (max pool and every other block unchanged), so the ratio is the convolution's.
// ---------------------------------------------------------------------------------------

interface DirectConvCache {
  x: Tensor;
  w: Tensor;
  stride: number;
  padding: number;
}

/** F.conv2d by its definition: out[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q xpad[n, c, i·s + p, j·s + q] · w[f, c, p, q]. */
export function directConv2dForward(x: Tensor, w: Tensor, b: Float64Array, options: { stride?: number; padding?: number } = {}): { out: Tensor; cache: DirectConvCache } {
  const { stride = 1, padding = 0 } = options;
  const [N, C, H, W] = x.shape;
  const [F, , KH, KW] = w.shape;
  const OH = Math.floor((H + 2 * padding - KH) / stride) + 1;
  const OW = Math.floor((W + 2 * padding - KW) / stride) + 1;
  const out = zerosTensor([N, F, OH, OW]);
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      for (let i = 0; i < OH; i++) {
        for (let j = 0; j < OW; j++) {
          let sum = b[f];
          for (let c = 0; c < C; c++) {
            for (let p = 0; p < KH; p++) {
              const h = i * stride + p - padding;
              if (h < 0 || h >= H) continue;
              for (let q = 0; q < KW; q++) {
                const col = j * stride + q - padding;
                if (col < 0 || col >= W) continue;
                sum += x.data[((n * C + c) * H + h) * W + col] * w.data[((f * C + c) * KH + p) * KW + q];
              }
            }
          }
          out.data[((n * F + f) * OH + i) * OW + j] = sum;
        }
      }
    }
  }
  return { out, cache: { x, w, stride, padding } };
}

/** Its backward pass, the same loops: every product sends its gradient to both factors. */
export function directConv2dBackward(dout: Tensor, cache: unknown): { dx: Tensor; dw: Tensor; db: Float64Array } {
  const { x, w, stride, padding } = cache as DirectConvCache;
  const [N, C, H, W] = x.shape;
  const [F, , KH, KW] = w.shape;
  const [, , OH, OW] = dout.shape;
  const dx = zerosTensor(x.shape);
  const dw = zerosTensor(w.shape);
  const db = new Float64Array(F);
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      for (let i = 0; i < OH; i++) {
        for (let j = 0; j < OW; j++) {
          const g = dout.data[((n * F + f) * OH + i) * OW + j];
          db[f] += g;
          for (let c = 0; c < C; c++) {
            for (let p = 0; p < KH; p++) {
              const h = i * stride + p - padding;
              if (h < 0 || h >= H) continue;
              for (let q = 0; q < KW; q++) {
                const col = j * stride + q - padding;
                if (col < 0 || col >= W) continue;
                const xi = ((n * C + c) * H + h) * W + col;
                const wi = ((f * C + c) * KH + p) * KW + q;
                dx.data[xi] += g * w.data[wi];
                dw.data[wi] += g * x.data[xi];
              }
            }
          }
        }
      }
    }
  }
  return { dx, dw, db };
}
