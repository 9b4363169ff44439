/**
 * Kata: conv2d-backward. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- conv`.
 * The toolkit in katas/lib/tensor.ts has the Tensor type, zerosTensor and offset4; plain loops
 * over n, c, h, w are all you need.
 */
import type { Tensor } from '../lib/tensor.ts';

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
  throw new Error('not implemented: conv2dForward(x, w, b, options)');
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
  throw new Error('not implemented: conv2dBackward(dout, cache)');
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
  throw new Error('not implemented: maxPool2dForward(x, options)');
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
  throw new Error('not implemented: maxPool2dBackward(dout, cache)');
}
