/**
 * One forward and backward pass of the whole network over a mini-batch, composed from the
 * blocks in `Parts` (every layer from its kata; the softmax cross-entropy here):
 *
 *     x → dense₁ → [norm₁] → act → [dropout] → dense₂ → … → dense_L → softmax → cross-entropy
 *
 * Every block returns new arrays (the katas' contract), so a block's result may be kept in the
 * next block's cache; the network only keeps the caches, in order.
 */
import { argmaxRows, matmulTransA, matrix, sumRows, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import type { Rng } from '../../katas/lib/random.ts';
import type { Model } from './model.ts';
import type { DropoutBlock, NormBlock, NormInputs, Parts } from './parts.ts';

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

/** What the backward pass needs of one hidden layer's forward pass. */
interface HiddenCaches {
  norm?: unknown;
  activation?: unknown;
  dropout?: unknown;
}

export class Network {
  /** The gradients of the last backward pass, aligned with model.params. */
  readonly grads: Param[];
  private readonly layers: number;
  private readonly denseCaches: unknown[] = [];
  private readonly hidden: HiddenCaches[] = [];
  /** The batch of the last forward pass: the first layer's weight gradient reads it. */
  private input: Matrix | null = null;
  /** The first layer's weight and bias gradients (see backward). */
  private readonly firstDw: Matrix;
  private readonly firstDb: Float64Array;
  /** Index in model.params of each layer's w, b (and γ, β; -1 where absent). */
  private readonly slots: { w: number; b: number; gamma: number; beta: number }[];

  /**
   * @param dropout the probability of dropping a hidden activation in train mode, and the random
   *   numbers the dropout kata draws (one per entry): 0 and no rng for none
   */
  constructor(
    private readonly parts: Parts,
    private readonly model: Model,
    private readonly dropout: { p: number; rng: Rng } | null = null,
  ) {
    const { sizes } = model.config;
    this.layers = sizes.length - 1;
    const at = (name: string): number => model.names.indexOf(name);
    this.slots = sizes.slice(1).map((_, l) => ({ w: at(`w${l + 1}`), b: at(`b${l + 1}`), gamma: at(`gamma${l + 1}`), beta: at(`beta${l + 1}`) }));
    this.grads = model.params.slice();
    this.firstDw = matrix(sizes[0], sizes[1]);
    this.firstDb = new Float64Array(sizes[1]);
  }

  /** The logits (rows×classes) for a batch x (rows×inputs). Mode 'eval' uses BatchNorm's running statistics and no dropout. */
  forward(x: Matrix, mode: Mode): Matrix {
    const { parts, model } = this;
    this.input = x;
    let a = x;
    for (let l = 0; l < this.layers; l++) {
      const { w, b } = model.dense[l];
      const dense = parts.denseForward(a, w, b);
      this.denseCaches[l] = dense.cache;
      if (l === this.layers - 1) return dense.out;
      const caches: HiddenCaches = {};
      let z = dense.out;
      if (parts.norm) {
        const norm = parts.norm.forward(z, model.norms[l] as NormInputs, mode);
        caches.norm = norm.cache;
        z = norm.out;
      }
      const act = parts.activation.forward(z);
      caches.activation = act.cache;
      a = act.out;
      if (parts.dropout && this.dropout && this.dropout.p > 0) {
        const dropped = (parts.dropout as DropoutBlock).forward(a, this.dropout.p, mode, this.dropout.rng);
        caches.dropout = dropped.cache;
        a = dropped.out;
      }
      this.hidden[l] = caches;
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
        const caches = this.hidden[l];
        if (caches.dropout !== undefined) dout = (parts.dropout as DropoutBlock).backward(dout, caches.dropout);
        dout = parts.activation.backward(dout, caches.activation);
        if (parts.norm) {
          const norm = (parts.norm as NormBlock).backward(dout, caches.norm);
          grads[slot.gamma] = norm.dgamma;
          if (slot.beta >= 0 && norm.dbeta) grads[slot.beta] = norm.dbeta;
          dout = norm.dx;
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
}
