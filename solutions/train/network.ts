/**
 * One forward and backward pass of the whole network over a mini-batch, composed from the
 * blocks in `Parts` (every layer from its kata; the softmax cross-entropy here):
 *
 *     x → dense₁ → [norm₁] → act → [dropout] → dense₂ → … → dense_L → softmax → cross-entropy
 *
 * and for a CNN (ConvNetwork), convolution blocks in front of those dense layers:
 *
 *     x (N×1×28×28) → conv₁ → act → max pool → … → conv_K → act → max pool → flatten → dense layers
 *
 * and for an LSTM (LstmNetwork), the image read row by row, its last hidden state to the dense layer:
 *
 *     x (N×784) → 28 rows of N×28 → LSTM → h₂₈ (N×H) → dense → softmax → cross-entropy
 *
 * Every block returns new arrays (the katas' contract), so a block's result may be kept in the
 * next block's cache; the network only keeps the caches, in order.
 */
import { argmaxRows, matmulTransA, matrix, sumRows, zeros, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import type { Rng } from '../../katas/lib/random.ts';
import { tensor, type Tensor } from '../../katas/lib/tensor.ts';
import { CNN_PADDING, CNN_POOL, IMAGE_SIDE, LSTM_INPUTS, LSTM_STEPS } from './config.ts';
import type { Model } from './model.ts';
import type { ConvBlock, DropoutBlock, LstmBlock, NormBlock, NormInputs, Parts } from './parts.ts';

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

/** What the trainer and the evaluation use of a network, MLP or CNN. */
export interface Net {
  readonly grads: Param[];
  forward(x: Matrix, mode: Mode): Matrix;
  backward(dlogits: Matrix): Param[];
  predict(x: Matrix): Uint32Array;
}

/** The network a model's configuration describes: a Network, a ConvNetwork for a CNN, an LstmNetwork for an LSTM. */
export function createNetwork(parts: Parts, model: Model, dropout: { p: number; rng: Rng } | null = null): Net {
  if (model.config.arch === 'lstm') return new LstmNetwork(parts, model);
  return model.config.arch === 'cnn' ? new ConvNetwork(parts, model, dropout) : new Network(parts, model, dropout);
}

export class Network implements Net {
  /** The gradients of the last backward pass, aligned with model.params. */
  readonly grads: Param[];
  /** ∂L/∂x of the last backward pass, when the network was built to compute it (a CNN's dense layers). */
  inputGradient: Matrix | null = null;
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
    /** Compute ∂L/∂x in `inputGradient` (the dense layers of a CNN pass it back to the convolutions). */
    private readonly needsInputGradient = false,
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
      if (l > 0 || this.needsInputGradient) {
        const g = parts.denseBackward(dout, this.denseCaches[l]);
        grads[slot.w] = g.dw;
        grads[slot.b] = g.db;
        dout = g.dx;
        if (l === 0) this.inputGradient = g.dx;
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

/** What the backward pass needs of one convolution block's forward pass. */
interface ConvCaches {
  conv: unknown;
  activation: unknown;
  pool: unknown;
  /** The activation's input and output shape, F×H×W per image. */
  shape: readonly number[];
}

/**
 * A CNN: convolution blocks (conv 3×3, padding 1 → activation → max pool 2×2, from the
 * conv2d-backward and activation katas) in front of a Network of dense layers, which gets the last
 * block's output flattened, one row per image (PyTorch's `x.flatten(1)`: channel, row, column).
 * The activation katas work on matrices: a block's N×F×H×W tensor goes through them as an
 * N×(F·H·W) matrix over the same numbers.
 */
export class ConvNetwork implements Net {
  readonly grads: Param[];
  private readonly dense: Network;
  private readonly conv: ConvBlock;
  private readonly caches: ConvCaches[] = [];
  /** Index in model.params of each block's filters and bias. */
  private readonly slots: { w: number; b: number }[];

  constructor(
    private readonly parts: Parts,
    private readonly model: Model,
    dropout: { p: number; rng: Rng } | null = null,
  ) {
    // i18n-exempt: a developer assertion; rolesFor loads the conv block for every CNN.
    if (!parts.conv) throw new Error('ConvNetwork: the parts have no conv block');
    this.conv = parts.conv;
    this.dense = new Network(parts, model, dropout, true);
    this.grads = this.dense.grads; // one array: the dense layers fill their slots, the blocks theirs
    this.slots = model.convs.map((_, k) => ({ w: model.names.indexOf(`conv-w${k + 1}`), b: model.names.indexOf(`conv-b${k + 1}`) }));
  }

  forward(x: Matrix, mode: Mode): Matrix {
    const { conv, parts, model } = this;
    const n = x.rows;
    let t: Tensor = tensor([n, 1, IMAGE_SIDE, IMAGE_SIDE], x.data);
    model.convs.forEach(({ w, b }, k) => {
      const z = conv.conv2dForward(t, w, b, { padding: CNN_PADDING });
      const shape = z.out.shape;
      const act = parts.activation.forward(matrix(n, z.out.data.length / n, z.out.data));
      const pool = conv.maxPool2dForward(tensor(shape, act.out.data), { kernel: CNN_POOL });
      this.caches[k] = { conv: z.cache, activation: act.cache, pool: pool.cache, shape };
      t = pool.out;
    });
    return this.dense.forward(matrix(n, t.data.length / n, t.data), mode);
  }

  backward(dlogits: Matrix): Param[] {
    const { conv, parts, grads } = this;
    this.dense.backward(dlogits);
    let d = this.dense.inputGradient as Matrix;
    const n = d.rows;
    for (let k = this.caches.length - 1; k >= 0; k--) {
      const caches = this.caches[k];
      const [, F, H, W] = caches.shape;
      const pooled = tensor([n, F, Math.floor(H / CNN_POOL), Math.floor(W / CNN_POOL)], d.data);
      const dact = conv.maxPool2dBackward(pooled, caches.pool);
      const dz = parts.activation.backward(matrix(n, dact.data.length / n, dact.data), caches.activation);
      const g = conv.conv2dBackward(tensor(caches.shape, dz.data), caches.conv);
      grads[this.slots[k].w] = matrix(F, g.dw.data.length / F, g.dw.data);
      grads[this.slots[k].b] = g.db;
      d = matrix(n, g.dx.data.length / n, g.dx.data);
    }
    return grads;
  }

  predict(x: Matrix): Uint32Array {
    return argmaxRows(this.forward(x, 'eval'));
  }
}

/**
 * The images of a batch (N×784) as a sequence: step t is row t of every image, N×28 (PyTorch's
 * `x.view(N, 28, 28)` with batch_first, one step per row).
 */
export function rowsAsSequence(x: Matrix): Matrix[] {
  const n = x.rows;
  return Array.from({ length: LSTM_STEPS }, (_, t) => {
    const step = matrix(n, LSTM_INPUTS);
    for (let i = 0; i < n; i++) step.data.set(x.data.subarray(i * x.cols + t * LSTM_INPUTS, i * x.cols + (t + 1) * LSTM_INPUTS), i * LSTM_INPUTS);
    return step;
  });
}

/**
 * An LSTM over the image's rows (the lstm-backward kata: 28 steps of 28 pixels, h₀ = c₀ = 0) in
 * front of a Network of dense layers, which gets the last hidden state h₂₈ (N×H): a many-to-one
 * sequence classifier. In the backward pass only h₂₈ receives a gradient from the loss: dhs is
 * zero on every other step, and lstmBackward carries it back through time.
 */
export class LstmNetwork implements Net {
  readonly grads: Param[];
  private readonly dense: Network;
  private readonly lstm: LstmBlock;
  private cache: unknown = null;
  /** Index in model.params of wx, wh and b. */
  private readonly slots: { wx: number; wh: number; b: number };

  constructor(
    parts: Parts,
    private readonly model: Model,
  ) {
    // i18n-exempt: a developer assertion; rolesFor loads the lstm block and createModel the weights for every LSTM.
    if (!parts.lstm || !model.lstm) throw new Error('LstmNetwork: the parts have no lstm block or the model no LSTM weights');
    this.lstm = parts.lstm;
    this.dense = new Network(parts, model, null, true);
    this.grads = this.dense.grads; // one array: the dense layers fill their slots, the LSTM its own
    const at = (name: string): number => model.names.indexOf(name);
    this.slots = { wx: at('lstm-wx'), wh: at('lstm-wh'), b: at('lstm-b') };
  }

  forward(x: Matrix, mode: Mode): Matrix {
    const { wx, wh, b } = this.model.lstm as NonNullable<Model['lstm']>;
    const n = x.rows;
    const H = wh.rows;
    const { hs, cache } = this.lstm.lstmForward(rowsAsSequence(x), zeros(n, H), zeros(n, H), wx, wh, b);
    this.cache = cache;
    return this.dense.forward(hs[hs.length - 1], mode);
  }

  backward(dlogits: Matrix): Param[] {
    const { grads, slots } = this;
    this.dense.backward(dlogits);
    const dh = this.dense.inputGradient as Matrix;
    const dhs = Array.from({ length: LSTM_STEPS }, (_, t) => (t === LSTM_STEPS - 1 ? dh : zeros(dh.rows, dh.cols)));
    const g = this.lstm.lstmBackward(dhs, this.cache);
    grads[slots.wx] = g.dwx;
    grads[slots.wh] = g.dwh;
    grads[slots.b] = g.db;
    return grads;
  }

  predict(x: Matrix): Uint32Array {
    return argmaxRows(this.forward(x, 'eval'));
  }
}
