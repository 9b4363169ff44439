/**
 * Kata: mnist-classifier. Statement: README.md beside this file.
 *
 * The classic 784-128-128-10 network (ReLU, softmax cross-entropy, Adam, batch 32), built
 * from your own dense layer and Adam. Grade it with `npm run grade -- mnist`.
 */
import { Adam } from '../adam/adam.ts';
import { denseBackward, denseForward } from '../dense-backward/dense.ts';
import { argmaxRows, matrix, takeRows, type Matrix } from '../lib/matrix.ts';
import { createRng, normalMatrix, permutation } from '../lib/random.ts';

/** The training data: images N×784 with pixels in [0, 1], and N labels 0..9. */
export interface MnistTrainSet {
  images: Matrix;
  labels: Uint8Array;
}

/** What `onProgress` receives: where training is, and how fast it goes. */
export interface TrainProgress {
  /** 1-based epoch. */
  epoch: number;
  epochs: number;
  /** 1-based mini-batch within the epoch. */
  batch: number;
  batches: number;
  /** Mean training loss over the epoch's batches so far. */
  loss: number;
  samplesPerSecond: number;
}

export interface MnistOptions {
  epochs: number;
  seed: number;
  onProgress?: (progress: TrainProgress) => void;
}

export interface MnistClassifier {
  /** One predicted digit per row of `images` (M×784). */
  predict(images: Matrix): Uint8Array;
}

const LAYER_SIZES = [784, 128, 128, 10];
const BATCH_SIZE = 32;
const LEARNING_RATE = 1e-3;
const PROGRESS_EVERY = 100;

/**
 * ReLU, elementwise: max(0, z). z is N×H; returns a new N×H matrix.
 */
function relu(z: Matrix): Matrix {
  throw new Error('not implemented: relu(z)');
}

/**
 * ReLU backward: dz = da ⊙ [z > 0]. da and z are N×H; returns dz, N×H.
 */
function reluBackward(da: Matrix, z: Matrix): Matrix {
  throw new Error('not implemented: reluBackward(da, z)');
}

/**
 * Softmax cross-entropy with integer labels. scores is N×K, labels has N digits.
 * Returns the mean loss −(1/N) Σ log p[n, yₙ] and dscores = (softmax(scores) − Y) / N, N×K.
 */
function softmaxCrossEntropy(scores: Matrix, labels: ArrayLike<number>): { loss: number; dscores: Matrix } {
  throw new Error('not implemented: softmaxCrossEntropy(scores, labels)');
}

/**
 * Train the network on `train` and return a classifier.
 * @param train images N×784 in [0, 1] and N labels
 * @param options epochs, seed for every random choice, and an optional progress callback
 */
export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  throw new Error('not implemented: trainMnistClassifier(train, options)');
}
