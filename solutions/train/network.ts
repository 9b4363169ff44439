/**
 * One forward and backward pass of the whole network over a mini-batch, composed from the
 * blocks in `Parts` (dense layers, BatchNorm, sigmoid from the katas; ReLU and the softmax
 * cross-entropy here):
 *
 *     x → dense₁ → [BN₁] → act → dense₂ → [BN₂] → act → … → dense_L → softmax → cross-entropy
 *
 * A `Network` is built for one batch size and owns every buffer its passes need, so a training
 * step allocates nothing of its own (the blocks may still allocate their results: see
 * `DenseOutputs` in parts.ts for the optional extension that avoids it).
 */
import { argmaxRows, matrix, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import type { Model } from './model.ts';
import type { DenseOutputs, Parts } from './parts.ts';

/**
 * Softmax cross-entropy of a batch, and its gradient. For each row i with label yᵢ:
 * pᵢ = softmax(logitsᵢ) (computed after subtracting the row's max, so large logits cannot
 * overflow), lossᵢ = −log pᵢ[yᵢ], and dlogitsᵢ = scale·(pᵢ − onehot(yᵢ)).
 * `scale` is 1/(the whole batch's size), also when this call sees only part of the batch.
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

export class Network {
  /** The gradients of the last backward pass, aligned with model.params. */
  readonly grads: Param[] = [];
  /** Where this network's gradients go when they must land in given memory (see backward). */
  private targets: Param[] | null;
  private denseOutputs: DenseOutputs[] = [];
  private readonly layers: number;
  private readonly denseCaches: unknown[];
  private readonly normCaches: unknown[];
  /** The output of each hidden layer's activation: what its backward pass reads. */
  private readonly hidden: Matrix[] = [];
  private readonly denseOut: Matrix[];
  /** Index in model.params of each layer's w, b (and γ, β). */
  private readonly slots: { w: number; b: number; gamma: number; beta: number }[];

  /**
   * @param targets where backward puts the gradients, one per model parameter (for example
   *   views into shared memory); fresh arrays on the first backward pass by default (a network
   *   that only predicts never allocates them)
   */
  constructor(
    private readonly parts: Parts,
    private readonly model: Model,
    readonly rows: number,
    targets?: Param[],
  ) {
    const { sizes } = model.config;
    this.layers = sizes.length - 1;
    this.targets = targets ?? null;
    this.denseCaches = new Array<unknown>(this.layers).fill(null);
    this.normCaches = new Array<unknown>(this.layers).fill(null);
    this.denseOut = sizes.slice(1).map((width) => matrix(rows, width));
    const at = (name: string): number => model.names.indexOf(name);
    this.slots = sizes.slice(1).map((_, l) => ({ w: at(`w${l + 1}`), b: at(`b${l + 1}`), gamma: at(`gamma${l + 1}`), beta: at(`beta${l + 1}`) }));
  }

  /** The gradient targets and the dense layers' preallocated results, made on first use. */
  private ensureTargets(): Param[] {
    if (this.targets === null) {
      this.targets = this.model.params.map((p) => (p instanceof Float64Array ? new Float64Array(p.length) : matrix(p.rows, p.cols)));
    }
    if (this.denseOutputs.length === 0) {
      const targets = this.targets;
      const { sizes } = this.model.config;
      this.grads.push(...targets);
      this.denseOutputs = this.slots.map((slot, l) => ({
        // The first layer's dx would be the gradient for the images: nobody needs it.
        dx: l === 0 ? null : matrix(this.rows, sizes[l]),
        dw: targets[slot.w] as Matrix,
        db: targets[slot.b] as Float64Array,
      }));
    }
    return this.targets;
  }

  /** The logits (rows×classes) for a batch x (rows×inputs). Mode 'eval' uses BatchNorm's running statistics. */
  forward(x: Matrix, mode: Mode): Matrix {
    const { parts, model } = this;
    let a = x;
    this.hidden.length = 0;
    for (let l = 0; l < this.layers; l++) {
      const { w, b } = model.dense[l];
      const dense = parts.denseForward(a, w, b, this.denseOut[l]);
      this.denseCaches[l] = dense.cache;
      if (l === this.layers - 1) return dense.out;
      let z = dense.out;
      if (model.config.batchnorm) {
        const norm = model.norms[l];
        const bn = (parts.batchnormForward as NonNullable<Parts['batchnormForward']>)(z, norm.gamma, norm.beta, norm.state, { mode });
        this.normCaches[l] = bn.cache;
        z = bn.out;
      }
      a = this.activate(z);
      this.hidden.push(a);
    }
    throw new Error('a network needs at least one layer');
  }

  /**
   * Backpropagates dlogits (rows×classes) through the layers of the last forward pass.
   * @param landInTargets true: every gradient ends up in the target memory (copied there if a
   *   block returned a fresh array); false: `grads` may point at the blocks' own results
   * @returns `grads`, one per model parameter
   */
  backward(dlogits: Matrix, landInTargets: boolean): Param[] {
    this.ensureTargets();
    const { parts } = this;
    let dout = dlogits;
    for (let l = this.layers - 1; l >= 0; l--) {
      if (l < this.layers - 1) {
        this.activateBackward(dout, this.hidden[l]);
        if (this.model.config.batchnorm) {
          const bn = (parts.batchnormBackward as NonNullable<Parts['batchnormBackward']>)(dout, this.normCaches[l] as never);
          this.keep(this.slots[l].gamma, bn.dgamma, landInTargets);
          this.keep(this.slots[l].beta, bn.dbeta, landInTargets);
          dout = bn.dx;
        }
      }
      const g = parts.denseBackward(dout, this.denseCaches[l] as never, this.denseOutputs[l]);
      this.keep(this.slots[l].w, g.dw, landInTargets);
      this.keep(this.slots[l].b, g.db, landInTargets);
      if (l > 0) dout = g.dx as Matrix;
    }
    return this.grads;
  }

  /** Predicted classes of a batch (eval mode). */
  predict(x: Matrix): Uint32Array {
    return argmaxRows(this.forward(x, 'eval'));
  }

  private keep(slot: number, grad: Param, landInTargets: boolean): void {
    const target = (this.targets as Param[])[slot];
    if (grad === target) return;
    if (landInTargets) {
      (target instanceof Float64Array ? target : target.data).set(grad instanceof Float64Array ? grad : grad.data);
      this.grads[slot] = target;
    } else {
      this.grads[slot] = grad;
    }
  }

  /** The hidden activation, in place: z is this step's own buffer. */
  private activate(z: Matrix): Matrix {
    const v = z.data;
    if (this.model.config.activation === 'relu') {
      for (let k = 0; k < v.length; k++) if (v[k] < 0) v[k] = 0;
    } else {
      const sigmoid = this.parts.sigmoid as (z: number) => number;
      for (let k = 0; k < v.length; k++) v[k] = sigmoid(v[k]);
    }
    return z;
  }

  /** da → dz in place, from the activation's output a: ReLU passes where a > 0, sigmoid scales by σ′ = a(1 − a). */
  private activateBackward(da: Matrix, a: Matrix): void {
    const d = da.data;
    const out = a.data;
    if (this.model.config.activation === 'relu') {
      for (let k = 0; k < d.length; k++) if (!(out[k] > 0)) d[k] = 0;
    } else {
      const derivative = this.parts.sigmoidDerivativeFromOutput as (a: number) => number;
      for (let k = 0; k < d.length; k++) d[k] *= derivative(out[k]);
    }
  }
}
