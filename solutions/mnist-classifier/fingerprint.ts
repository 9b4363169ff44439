/**
 * Probes that tell the catalogued mnist-classifier mistakes apart. Each trains on a small,
 * fixed slice of MNIST (cheap), so the numbers are coarse features rather than raw outputs:
 * how many predictions, of which type, whether an untrained net answers one constant digit,
 * whether training changes the answers at all, and whether one epoch on 1,000 images lifts
 * accuracy well above chance.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { firstImages, loadMnistSplit, sealTestSplit, toMatrixSet, type MnistMatrixSet } from '../lib/mnist.ts';
import { accuracyOf } from '../../grader/harness/classification.ts';

type Impl = typeof import('../../katas/mnist-classifier/mnist.ts');

let data: { train: MnistMatrixSet; test: MnistMatrixSet } | undefined;
function slices(): { train: MnistMatrixSet; test: MnistMatrixSet } {
  data ??= {
    train: toMatrixSet(firstImages(loadMnistSplit('train'), 1000)),
    test: toMatrixSet(firstImages(loadMnistSplit('test'), 300)),
  };
  return data;
}

/** The single digit every image gets, or −1 when the answers vary. */
function constantAnswer(predictions: ArrayLike<number>): number {
  for (let i = 1; i < predictions.length; i++) if (predictions[i] !== predictions[0]) return -1;
  return predictions[0];
}

export const probes: Probes<Impl> = {
  'predictions per image': (k) => {
    const { train, test } = slices();
    return k.trainMnistClassifier(train, { epochs: 0, seed: 1 }).predict(test.images).length / test.images.rows;
  },
  'predict returns a Uint8Array': (k) => {
    const { train, test } = slices();
    return k.trainMnistClassifier(train, { epochs: 0, seed: 1 }).predict(test.images) instanceof Uint8Array ? 1 : 0;
  },
  'untrained net answers one constant digit': (k) => {
    const { train, test } = slices();
    return constantAnswer(k.trainMnistClassifier(train, { epochs: 0, seed: 1 }).predict(test.images));
  },
  'one epoch changes over 30% of the untrained answers': (k) => {
    const { train, test } = slices();
    const before = k.trainMnistClassifier(train, { epochs: 0, seed: 1 }).predict(test.images);
    const after = k.trainMnistClassifier(train, { epochs: 1, seed: 1 }).predict(test.images);
    let changed = 0;
    for (let i = 0; i < before.length; i++) if (before[i] !== after[i]) changed++;
    return changed > 0.3 * before.length ? 1 : 0;
  },
  // Loads of the test split during one epoch (the probe's own slices are loaded before the seal).
  'one epoch of training loads the MNIST test split': (k) => {
    const { train } = slices();
    const seal = sealTestSplit();
    try {
      k.trainMnistClassifier(train, { epochs: 1, seed: 1 });
    } finally {
      seal.unseal();
    }
    return seal.reads.length > 0 ? 1 : 0;
  },
  'one epoch on 1,000 images beats 60%': (k) => {
    const { train, test } = slices();
    const predictions = k.trainMnistClassifier(train, { epochs: 1, seed: 1 }).predict(test.images);
    return accuracyOf(predictions, test.labels) > 0.6 ? 1 : 0;
  },
};
