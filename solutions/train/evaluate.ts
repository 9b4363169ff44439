/** Measuring a model on a set of images: its predictions, accuracy and confusion matrix. */
import { matrix } from '../../katas/lib/matrix.ts';
import { batchToMatrix, CLASS_COUNT, IMAGE_SIZE, type MnistSet } from '../../katas/lib/mnist.ts';
import type { Model } from './model.ts';
import { createNetwork } from './network.ts';
import type { Parts } from './parts.ts';

export interface Evaluation {
  accuracy: number;
  count: number;
  /** The predicted digit of every image. */
  predicted: Uint8Array;
  /** confusion[actual][predicted]: how many images of digit `actual` were read as `predicted`. */
  confusion: number[][];
}

/** The predicted digit of every image of `set` (eval mode, `chunk` images at a time). */
export function predictSet(parts: Parts, model: Model, set: MnistSet, chunk = 500): Uint8Array {
  const network = createNetwork(parts, model);
  const predicted = new Uint8Array(set.count);
  let x = matrix(Math.min(chunk, set.count), IMAGE_SIZE);
  for (let start = 0; start < set.count; start += chunk) {
    const rows = Math.min(chunk, set.count - start);
    if (x.rows !== rows) x = matrix(rows, IMAGE_SIZE);
    const indices = Uint32Array.from({ length: rows }, (_, i) => start + i);
    predicted.set(network.predict(batchToMatrix(set, indices, x)), start);
  }
  return predicted;
}

/** Accuracy and confusion matrix of predictions against the true labels. */
export function summarize(labels: Uint8Array, predicted: Uint8Array): Evaluation {
  const confusion = Array.from({ length: CLASS_COUNT }, () => new Array<number>(CLASS_COUNT).fill(0));
  let correct = 0;
  for (let i = 0; i < labels.length; i++) {
    confusion[labels[i]][predicted[i]]++;
    if (labels[i] === predicted[i]) correct++;
  }
  return { accuracy: labels.length === 0 ? 0 : correct / labels.length, count: labels.length, predicted, confusion };
}

/** Predictions, accuracy and confusion matrix of a model on a set. */
export function evaluate(parts: Parts, model: Model, set: MnistSet): Evaluation {
  return summarize(set.labels, predictSet(parts, model, set));
}
