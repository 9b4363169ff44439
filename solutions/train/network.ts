/**
 * One forward and backward pass of the whole network over a mini-batch, composed from the
 * blocks in `Parts` (dense layers, BatchNorm, sigmoid from the katas; ReLU and the softmax
 * cross-entropy here):
 *
 *     x → dense₁ → [BN₁] → act → dense₂ → [BN₂] → act → … → dense_L → softmax → cross-entropy
 *
 * The activations and their gradients go into buffers the network owns (kept from batch to
 * batch), never into a block's results, which its cache may still refer to.
 */
import { argmaxRows, matmulTransA, matrix, sumRows, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import type { Model } from './model.ts';
import type { Parts } from './parts.ts';

/**
 * Softmax cross-entropy of a batch, and its gradient. For each row i with label yᵢ:
 * pᵢ = softmax(logitsᵢ) (computed after subtracting the row's max, so large logits cannot
 * overflow), lossᵢ = −log pᵢ[yᵢ], and dlogitsᵢ = scale·(pᵢ − onehot(yᵢ)).
 * @returns the SUM of the rows' losses and how many rows the argmax gets right
 */
export function softmaxCrossEntropy(
  logits: Matrix,
  labels: ArrayLike<number>,
  scale: number,
  dlogits: Matrix,
): { lossSum: number; correct: number } {
  const { rows, cols } = logits;
  const z = logits.data;
  const d = dlogits.data;
  let lossSum = 0;
  let correct = 0;
  for (let i = 0; i < rows; i++) {
    const r = i * cols;
    let max = z[r];
    let best = 0;
    for (let j = 1; j < cols; j++) {
      if (z[r + j] > max) {
        max = z[r + j];
        best = j;
      }
    }
    let sum = 0;
    for (let j = 0; j < cols; j++) {
      const e = Math.exp(z[r + j] - max);
      d[r + j] = e;
      sum += e;
    }
    const label = labels[i];
    lossSum += Math.log(sum) - (z[r + label] - max);
    if (best === label) correct++;
    const norm = scale / sum;
    for (let j = 0; j < cols; j++) d[r + j] *= norm;
    d[r + label] -= scale;
  }
  return { lossSum, correct };
}

type Mode = 'train' | 'eval';

/** A matrix of the given shape: `m` itself when it already has it, else a new one. */
const sized = (m: Matrix | undefined, rows: number, cols: number): Matrix => (m?.rows === rows && m.cols === cols ? m : matrix(rows, cols));

export class Network {
  /** The gradients of the last backward pass, aligned with model.params. */
  readonly grads: Param[];
  private readonly layers: number;
  private readonly denseCaches: unknown[] = [];
  private readonly normCaches: unknown[] = [];
  /** The batch of the last forward pass: the first layer's weight gradient reads it. */
  private input: Matrix | null = null;
  /** Each hidden layer's activation output, and the gradient at its input (dz). */
  private readonly hidden: Matrix[] = [];
  private readonly dz: Matrix[] = [];
  /** The first layer's weight and bias gradients (see backward). */
  private readonly firstDw: Matrix;
  private readonly firstDb: Float64Array;
  /** Index in model.params of each layer's w, b (and γ, β). */
  private readonly slots: { w: number; b: number; gamma: number; beta: number }[];

  constructor(
    private readonly parts: Parts,
    private readonly model: Model,
  ) {
    const { sizes } = model.config;
    this.layers = sizes.length - 1;
    const at = (name: string): number => model.names.indexOf(name);
    this.slots = sizes.slice(1).map((_, l) => ({ w: at(`w${l + 1}`), b: at(`b${l + 1}`), gamma: at(`gamma${l + 1}`), beta: at(`beta${l + 1}`) }));
    this.grads = model.params.slice();
    this.firstDw = matrix(sizes[0], sizes[1]);
    this.firstDb = new Float64Array(sizes[1]);
  }

  /** The logits (rows×classes) for a batch x (rows×inputs). Mode 'eval' uses BatchNorm's running statistics. */
  forward(x: Matrix, mode: Mode): Matrix {
    const { parts, model } = this;
    this.input = x;
    let a = x;
    for (let l = 0; l < this.layers; l++) {
      const { w, b } = model.dense[l];
      const dense = parts.denseForward(a, w, b);
      this.denseCaches[l] = dense.cache;
      if (l === this.layers - 1) return dense.out;
      let z = dense.out;
      if (model.config.batchnorm) {
        const norm = model.norms[l];
        const bn = (parts.batchnormForward as NonNullable<Parts['batchnormForward']>)(z, norm.gamma, norm.beta, norm.state, { mode });
        this.normCaches[l] = bn.cache;
        z = bn.out;
      }
      this.hidden[l] = sized(this.hidden[l], z.rows, z.cols);
      a = this.activate(z, this.hidden[l]);
    }
    // i18n-exempt: a developer assertion; checkConfig refuses fewer than two layer sizes first.
    throw new Error('a network needs at least one layer');
  }

  /**
   * Backpropagates dlogits (rows×classes) through the layers of the last forward pass.
   * @returns `grads`, one per model parameter; they are valid until the next backward pass
   */
  backward(dlogits: Matrix): Param[] {
    const { parts, grads } = this;
    let dout = dlogits;
    for (let l = this.layers - 1; l >= 0; l--) {
      const slot = this.slots[l];
      if (l < this.layers - 1) {
        this.dz[l] = sized(this.dz[l], dout.rows, dout.cols);
        dout = this.activateBackward(dout, this.hidden[l], this.dz[l]);
        if (this.model.config.batchnorm) {
          const bn = (parts.batchnormBackward as NonNullable<Parts['batchnormBackward']>)(dout, this.normCaches[l]);
          grads[slot.gamma] = bn.dgamma;
          grads[slot.beta] = bn.dbeta;
          dout = bn.dx;
        }
      }
      if (l > 0) {
        const g = parts.denseBackward(dout, this.denseCaches[l]);
        grads[slot.w] = g.dw;
        grads[slot.b] = g.db;
        dout = g.dx;
      } else {
        // The first layer's dx would be the gradient for the images, which nobody needs, and the
        // dense block always computes it (N·D·M multiply-adds, a third of a step's work). Its
        // weight and bias gradients are the two lines of denseBackward that are needed.
        grads[slot.w] = matmulTransA(this.input as Matrix, dout, this.firstDw);
        grads[slot.b] = sumRows(dout, this.firstDb);
      }
    }
    return grads;
  }

  /** Predicted classes of a batch (eval mode). */
  predict(x: Matrix): Uint32Array {
    return argmaxRows(this.forward(x, 'eval'));
  }

  /**
   * The hidden activation of z, into `a`. ReLU multiplies by the 0 or 1 of (z > 0) instead of
   * branching: half the signs are coin flips, and the mispredicted branches cost 4× the loop.
   * (The same for every finite z; a negative z gives −0, which every later step treats as 0.)
   */
  private activate(z: Matrix, a: Matrix): Matrix {
    const [from, to] = [z.data, a.data];
    if (this.model.config.activation === 'relu') {
      for (let k = 0; k < from.length; k++) to[k] = from[k] * +(from[k] > 0);
    } else {
      const sigmoid = this.parts.sigmoid as (z: number) => number;
      for (let k = 0; k < from.length; k++) to[k] = sigmoid(from[k]);
    }
    return a;
  }

  /** da → dz (into `dz`), from the activation's output a: ReLU passes where a > 0, sigmoid scales by σ′ = a(1 − a). */
  private activateBackward(da: Matrix, a: Matrix, dz: Matrix): Matrix {
    const [d, out, to] = [da.data, a.data, dz.data];
    if (this.model.config.activation === 'relu') {
      for (let k = 0; k < d.length; k++) to[k] = d[k] * +(out[k] > 0); // without a branch, as in activate
    } else {
      const derivative = this.parts.sigmoidDerivativeFromOutput as (a: number) => number;
      for (let k = 0; k < d.length; k++) to[k] = d[k] * derivative(out[k]);
    }
    return dz;
  }
}
