/**
 * The reference trainer with the knobs the catalogued mistakes turn: learning rate, weight
 * initialisation and the argmax axis in predict. Kept apart from the reference so that the
 * reference reads as one straight program for the learner who compares with it; it carries
 * its own copy of the reference's ReLU and softmax cross-entropy, which the reference keeps private.
 */
import { Adam } from '../../adam/adam.ts';
import { denseBackward, denseForward } from '../../dense-backward/dense.ts';
import { argmaxRows, matrix, takeRows, type Matrix } from '../../lib/matrix.ts';
import { createRng, normalMatrix, permutation } from '../../lib/random.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';

export interface Variant {
  learningRate: number;
  /** Standard deviation of the initial weights as a function of fan-in (0 for zeros). */
  initStd: (fanIn: number) => number;
  /** 'classes': argmax over each row (right); 'examples': over each column (wrong axis). */
  argmaxOver: 'classes' | 'examples';
}

export const REFERENCE_VARIANT: Variant = { learningRate: 1e-3, initStd: (fanIn) => Math.sqrt(2 / fanIn), argmaxOver: 'classes' };

const SIZES = [784, 128, 128, 10];

/**
 * ReLU, elementwise: max(0, z). z is N×H; returns a new N×H matrix.
 */
function relu(z: Matrix): Matrix {
  const out = matrix(z.rows, z.cols);
  for (let i = 0; i < z.data.length; i++) out.data[i] = z.data[i] > 0 ? z.data[i] : 0;
  return out;
}

/**
 * ReLU backward: dz = da ⊙ [z > 0]. da and z are N×H; returns dz, N×H.
 */
function reluBackward(da: Matrix, z: Matrix): Matrix {
  const dz = matrix(da.rows, da.cols);
  for (let i = 0; i < da.data.length; i++) dz.data[i] = z.data[i] > 0 ? da.data[i] : 0;
  return dz;
}

/**
 * Softmax cross-entropy with integer labels. scores is N×K, labels has N digits.
 * Returns the mean loss −(1/N) Σ log p[n, yₙ] and dscores = (softmax(scores) − Y) / N, N×K.
 */
function softmaxCrossEntropy(scores: Matrix, labels: ArrayLike<number>): { loss: number; dscores: Matrix } {
  const n = scores.rows;
  const k = scores.cols;
  const dscores = matrix(n, k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    // Subtract the row's max so Math.exp never overflows; softmax is unchanged by the shift.
    let max = -Infinity;
    for (let j = 0; j < k; j++) max = Math.max(max, scores.data[row + j]);
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const e = Math.exp(scores.data[row + j] - max);
      dscores.data[row + j] = e;
      sum += e;
    }
    const label = labels[i];
    loss -= scores.data[row + label] - max - Math.log(sum);
    for (let j = 0; j < k; j++) dscores.data[row + j] = (dscores.data[row + j] / sum - (j === label ? 1 : 0)) / n;
  }
  return { loss: loss / n, dscores };
}

/** Column-wise argmax: one index per class, the wrong axis for predictions. */
function argmaxColumns(scores: Matrix): Uint8Array {
  const out = new Uint8Array(scores.cols);
  for (let j = 0; j < scores.cols; j++) {
    let best = 0;
    for (let i = 1; i < scores.rows; i++) if (scores.data[i * scores.cols + j] > scores.data[best * scores.cols + j]) best = i;
    out[j] = best % 256;
  }
  return out;
}

export function trainVariant(variant: Variant, train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  const rng = createRng(options.seed);
  const w = SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, SIZES[l + 1], rng, 0, variant.initStd(fanIn)));
  const b = SIZES.slice(1).map((size) => new Float64Array(size));
  const adam = new Adam({ lr: variant.learningRate });
  const n = train.images.rows;
  const batches = Math.ceil(n / 32);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = permutation(n, rng);
    let lossSum = 0;
    for (let batch = 1; batch <= batches; batch++) {
      const indices = order.subarray((batch - 1) * 32, Math.min(batch * 32, n));
      const h1 = denseForward(takeRows(train.images, indices), w[0], b[0]);
      const h2 = denseForward(relu(h1.out), w[1], b[1]);
      const h3 = denseForward(relu(h2.out), w[2], b[2]);
      const { loss, dscores } = softmaxCrossEntropy(h3.out, Uint8Array.from(indices, (i) => train.labels[i]));
      lossSum += loss;
      const g3 = denseBackward(dscores, h3.cache);
      const g2 = denseBackward(reluBackward(g3.dx, h2.out), h2.cache);
      const g1 = denseBackward(reluBackward(g2.dx, h1.out), h1.cache);
      adam.step([w[0], b[0], w[1], b[1], w[2], b[2]], [g1.dw, g1.db, g2.dw, g2.db, g3.dw, g3.db]);
      if (batch === batches) options.onProgress?.({ epoch, epochs: options.epochs, batch, batches, loss: lossSum / batch, samplesPerSecond: 1 });
    }
  }
  return {
    predict(images: Matrix): Uint8Array {
      const a1 = relu(denseForward(images, w[0], b[0]).out);
      const scores = denseForward(relu(denseForward(a1, w[1], b[1]).out), w[2], b[2]).out;
      return variant.argmaxOver === 'classes' ? Uint8Array.from(argmaxRows(scores)) : argmaxColumns(scores);
    },
  };
}
