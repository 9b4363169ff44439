/**
 * Kata: conv2d-backward. Statement: README.md beside this file.
 *
 * 中文：本题是 conv2d-backward，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- conv`.
 * The toolkit in katas/lib/tensor.ts has the Tensor type, zerosTensor and offset4; plain loops
 * over n, c, h, w are all you need.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- conv`。katas/lib/tensor.ts 里的工具库有 Tensor 类型、zerosTensor 和 offset4；对 n、c、h、w 写普通循环就够了。
 */
import { matmul, matmulTransA, matmulTransB, matrix } from '../lib/matrix.ts';
import { col2im, im2col, isTensor, tensor, tensorShape, zerosTensor, type Tensor } from '../lib/tensor.ts';

/**
 * Options of `conv2dForward`: PyTorch's `stride` and `padding` (zeros on every side).
 *
 * 中文：`conv2dForward` 的选项：PyTorch 的 `stride` 和 `padding`（四周补 0）。
 */
export interface ConvOptions {
  stride?: number;
  padding?: number;
}

/**
 * What the convolution's forward pass keeps for its backward pass (references, not copies).
 *
 * 中文：卷积的前向传播为反向传播保存的东西（引用，不是副本）。
 */
export interface ConvCache {
  readonly x: Tensor;
  readonly w: Tensor;
  readonly stride: number;
  readonly padding: number;
}

/**
 * The result of `conv2dForward`.
 *
 * 中文：`conv2dForward` 的返回值。
 */
export interface ConvForwardResult {
  /**
   * N×F×OH×OW, with OH = ⌊(H + 2·padding − KH)/stride⌋ + 1 and OW likewise.
   *
   * 中文：N×F×OH×OW，OH = ⌊(H + 2·padding − KH)/stride⌋ + 1，OW 同理。
   */
  out: Tensor;
  cache: ConvCache;
}

/**
 * The gradients of the loss with respect to each input of `conv2dForward`.
 *
 * 中文：损失对 `conv2dForward` 每个输入的梯度。
 */
export interface ConvGradients {
  /**
   * ∂L/∂x, N×C×H×W (the shape of x, without the padding).
   *
   * 中文：∂L/∂x，N×C×H×W（与 x 形状相同，不含填充）。
   */
  dx: Tensor;
  /**
   * ∂L/∂w, F×C×KH×KW (the shape of w).
   *
   * 中文：∂L/∂w，F×C×KH×KW（与 w 形状相同）。
   */
  dw: Tensor;
  /**
   * ∂L/∂b, F entries.
   *
   * 中文：∂L/∂b，F 个元素。
   */
  db: Float64Array;
}

/**
 * Options of `maxPool2dForward`: a square window of `kernel`×`kernel`, moved by `stride` (default: kernel).
 *
 * 中文：`maxPool2dForward` 的选项：`kernel`×`kernel` 的正方形窗口，每次移动 `stride`（默认等于 kernel）。
 */
export interface PoolOptions {
  kernel: number;
  stride?: number;
}

/**
 * What max pool's forward pass keeps for its backward pass.
 *
 * 中文：最大池化的前向传播为反向传播保存的东西。
 */
export interface PoolCache {
  readonly x: Tensor;
  readonly kernel: number;
  readonly stride: number;
}

/**
 * The result of `maxPool2dForward`.
 *
 * 中文：`maxPool2dForward` 的返回值。
 */
export interface PoolForwardResult {
  /**
   * N×C×OH×OW, with OH = ⌊(H − kernel)/stride⌋ + 1 and OW likewise.
   *
   * 中文：N×C×OH×OW，OH = ⌊(H − kernel)/stride⌋ + 1，OW 同理。
   */
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
 *
 * 中文：二维卷积的前向传播，即 PyTorch 的 `F.conv2d(x, w, b, stride, padding)`：在四周各补 `padding` 个 0 的 x 上做互相关（不翻转卷积核）。
 * out[n, f, i, j] = b[f] + Σ_c Σ_p Σ_q xpad[n, c, i·stride + p, j·stride + q] · w[f, c, p, q]。
 * @param x the images, N×C×H×W; not modified
 *   中文：图像，N×C×H×W；不会被修改
 * @param w the filters, F×C×KH×KW; not modified
 *   中文：滤波器，F×C×KH×KW；不会被修改
 * @param b the bias, F entries; not modified
 *   中文：偏置，F 个元素；不会被修改
 * @param options stride (default 1) and padding (default 0)
 *   中文：stride（默认 1）和 padding（默认 0）
 * @returns out, N×F×OH×OW, and the cache that `conv2dBackward` needs
 *   中文：out（N×F×OH×OW），以及 `conv2dBackward` 需要的缓存
 * @throws Error naming both shapes when x's channels ≠ w's, or b's length ≠ F; Error when the
 *   kernel is larger than the padded input
 *   中文：当 x 的通道数 ≠ w 的通道数，或 b 的长度 ≠ F 时，抛出写明两个形状的 Error；卷积核比填充后的输入还大时抛出 Error
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
  // Every output position's window as a row (im2col), every filter as a row of w viewed as
  // F×(C·KH·KW): the whole convolution is one matrix product, whose fast kernels skip the
  // zeros of the images and of the ReLUs.
  // 中文：把每个输出位置的窗口排成一行（im2col），把 w 看成 F×(C·KH·KW)，每个滤波器一行：整个卷积就是
  // 一次矩阵乘法，而矩阵乘法的快速内核会跳过图像和 ReLU 输出中的 0。
  const cols = im2col(x, { KH, KW, stride, padding, OH, OW }); // (N·OH·OW)×(C·KH·KW)
  const rows = matmulTransB(cols, matrix(F, C * KH * KW, w.data)); // rows[(n, i, j), f]
  const P = OH * OW;
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      for (let k = 0; k < P; k++) out.data[(n * F + f) * P + k] = b[f] + rows.data[(n * P + k) * F + f];
    }
  }
  return { out, cache: { x, w, stride, padding } };
}

/**
 * Backward pass of the convolution. Given dout = ∂L/∂out, returns the gradients of L with
 * respect to x, w and b, each of the shape of its input.
 *
 * 中文：卷积的反向传播。给定 dout = ∂L/∂out，返回 L 对 x、w 和 b 的梯度，每个梯度的形状都与对应的输入相同。
 * @param dout the upstream gradient, N×F×OH×OW; not modified
 *   中文：上游梯度，N×F×OH×OW；不会被修改
 * @param cache what `conv2dForward` returned with the out that dout belongs to; not modified
 *   中文：`conv2dForward` 在返回 dout 所对应的那个 out 时一并返回的缓存；不会被修改
 * @returns dx (N×C×H×W), dw (F×C×KH×KW), db (F entries), each a new array
 *   中文：dx（N×C×H×W）、dw（F×C×KH×KW）、db（F 个元素），每个都是新数组
 * @throws Error naming both shapes when dout is not the shape of the forward output
 *   中文：dout 与前向输出的形状不同时，抛出写明两个形状的 Error
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
  // dout as the forward's product: a row per output position (n, i, j), a column per filter.
  // 中文：把 dout 排成前向乘积的样子：每个输出位置 (n, i, j) 一行，每个滤波器一列。
  const P = OH * OW;
  const drows = matrix(N * P, F);
  const db = new Float64Array(F);
  for (let n = 0; n < N; n++) {
    for (let f = 0; f < F; f++) {
      for (let k = 0; k < P; k++) {
        const g = dout.data[(n * F + f) * P + k];
        drows.data[(n * P + k) * F + f] = g;
        db[f] += g; // b[f] is added at every position of every image
                    // b[f] 加到了每张图像的每个位置上
      }
    }
  }
  // rows = cols · wᵀ, so dw = drowsᵀ · cols and dcols = drows · w, as for a dense layer; the
  // windows are rebuilt from x (the cache keeps x, not them).
  // 中文：rows = cols · wᵀ，所以和全连接层一样，dw = drowsᵀ · cols，dcols = drows · w；窗口由 x 重新构造（缓存里存的是 x，不是窗口）。
  const windows = { KH, KW, stride, padding, OH, OW };
  const cols = im2col(x, windows);
  const dw = tensor(w.shape, matmulTransA(drows, cols).data);
  // Each window's gradient goes back to where it was read; the padding's is dropped.
  // 中文：每个窗口的梯度送回它被读取的位置；填充区的梯度丢弃。
  const dx = col2im(matmul(drows, matrix(F, C * KH * KW, w.data)), x.shape, windows);
  return { dx, dw, db };
}

/**
 * Forward pass of 2-D max pooling, PyTorch's `F.max_pool2d(x, kernel, stride)` without padding:
 * out[n, c, i, j] is the largest entry of the kernel×kernel window of channel c whose top-left
 * corner is (i·stride, j·stride).
 *
 * 中文：二维最大池化的前向传播，即不带填充的 PyTorch `F.max_pool2d(x, kernel, stride)`：out[n, c, i, j] 是通道 c 中左上角位于 (i·stride, j·stride) 的 kernel×kernel 窗口里的最大元素。
 * @param x the images, N×C×H×W; not modified
 *   中文：图像，N×C×H×W；不会被修改
 * @param options kernel (the window's side) and stride (default: kernel, windows side by side)
 *   中文：kernel（窗口的边长）和 stride（默认等于 kernel，窗口首尾相接）
 * @returns out, N×C×OH×OW with OH = ⌊(H − kernel)/stride⌋ + 1, and the cache for `maxPool2dBackward`
 *   中文：out（N×C×OH×OW，OH = ⌊(H − kernel)/stride⌋ + 1），以及 `maxPool2dBackward` 需要的缓存
 * @throws Error naming x's shape when the window is larger than the input
 *   中文：窗口比输入还大时，抛出写明 x 形状的 Error
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
 *
 * 中文：最大池化的反向传播：每个窗口的上游梯度送到它的最大值所在的位置（并列时取行主序中的第一个）；窗口重叠时梯度累加。
 * @param dout the upstream gradient, N×C×OH×OW; not modified
 *   中文：上游梯度，N×C×OH×OW；不会被修改
 * @param cache what `maxPool2dForward` returned; not modified
 *   中文：`maxPool2dForward` 返回的缓存；不会被修改
 * @returns dx, N×C×H×W, a new array
 *   中文：dx，N×C×H×W，一个新数组
 * @throws Error naming both shapes when dout is not the shape of the forward output
 *   中文：dout 与前向输出的形状不同时，抛出写明两个形状的 Error
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
                                                    // 严格大于：并列时第一个最大值胜出
              best = x.data[k];
              where = k;
            }
          }
        }
        dx.data[where] += dout.data[(nc * OH + i) * OW + j]; // += : overlapping windows add up
                                                             // +=：重叠的窗口相加
      }
    }
  }
  return dx;
}
