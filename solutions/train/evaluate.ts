/** Measuring a model on a set of images: its predictions, accuracy and confusion matrix. */
import { matrix, type Matrix } from '../../katas/lib/matrix.ts';
import { batchToMatrix, CLASS_COUNT, IMAGE_SIZE, type MnistSet } from '../../katas/lib/mnist.ts';
import type { Model } from './model.ts';
import { Network } from './network.ts';
import type { Parts } from './parts.ts';

export interface Evaluation {
  accuracy: number;
  count: number;
  /** The predicted digit of every image. */
  predicted: Uint8Array;
  /** confusion[actual][predicted]: how many images of digit `actual` were read as `predicted`. */
  confusion: number[][];
}

/** The predicted digit of every image of `set` (eval mode, in chunks), written into `out`. */
export function predictSet(parts: Parts, model: Model, set: MnistSet, out: Uint8Array, chunk = 500): Uint8Array {
  const networks = new Map<number, { net: Network; x: Matrix }>();
  for (let start = 0; start < set.count; start += chunk) {
    const rows = Math.min(chunk, set.count - start);
    let entry = networks.get(rows);
    if (!entry) {
      entry = { net: new Network(parts, model, rows), x: matrix(rows, IMAGE_SIZE) };
      networks.set(rows, entry);
    }
    const indices = Uint32Array.from({ length: rows }, (_, i) => start + i);
    out.set(entry.net.predict(batchToMatrix(set, indices, entry.x)), start);
  }
  return out;
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

/** Predictions, accuracy and confusion matrix of a model on a set, in this thread. */
export function evaluate(parts: Parts, model: Model, set: MnistSet): Evaluation {
  return summarize(set.labels, predictSet(parts, model, set, new Uint8Array(set.count)));
}
