/**
 * Spec for the mnist-classifier kata: train on the real MNIST training set, measure on the
 * official test set. Run it with `npm run grade -- mnist`.
 *
 * The project's own tests (`npm test`) grade with a quick job, on a subset with a lower
 * bar, so that proving every mistake is caught stays fast; learners are always graded on
 * the full data set with the budget and bar of the statement.
 */
import { firstImages, loadMnistSplit, toMatrixSet } from '../lib/mnist.ts';
import { check, describe, describeValue, fmt, loadTarget, showStatus, specJob, test } from '../../grader/harness/index.ts';
import { accuracyOf, describePredictions } from '../../grader/harness/classification.ts';

type Impl = typeof import('./mnist.ts');
const impl = await loadTarget<Impl>();

const QUICK = specJob().quick;
/** The statement's budget and bar (full), or the project tests' small version (quick). */
const BUDGET = QUICK
  ? { trainImages: 6_000, testImages: 2_000, epochs: 3, bar: 0.88 }
  : { trainImages: 60_000, testImages: 10_000, epochs: 5, bar: 0.97 };

const trainSplit = loadMnistSplit('train');
const testSplit = loadMnistSplit('test');
const small = toMatrixSet(firstImages(trainSplit, 600));
const probe = toMatrixSet(firstImages(testSplit, 100));

function trainSmall(seed: number, onProgress?: Parameters<Impl['trainMnistClassifier']>[1]['onProgress']) {
  return impl.trainMnistClassifier(small, { epochs: 1, seed, onProgress });
}

describe('spec', () => {
  test('predict returns one digit 0–9 per image, as a Uint8Array', () => {
    const predictions: unknown = trainSmall(1).predict(probe.images);
    check(predictions instanceof Uint8Array, () => `predict should return a Uint8Array of digits, but it returned ${describeValue(predictions)}.`);
    const p = predictions as Uint8Array;
    check(
      p.length === probe.images.rows,
      `predict returned ${p.length} digits for ${probe.images.rows} images: one per image (per row). ` +
        (p.length === 10 ? 'Exactly 10 suggests the argmax was taken over the examples instead of over the 10 classes of each row.' : ''),
    );
    const bad = p.findIndex((d) => d > 9);
    check(bad === -1, () => `predict returned ${p[bad]} for image ${bad}; a digit is 0..9.`);
  });

  test('onProgress reports the epoch, the batch, the loss and the speed', () => {
    const seen: { epoch: number; batch: number; batches: number; loss: number; samplesPerSecond: number }[] = [];
    trainSmall(1, (p) => seen.push(p));
    check(seen.length > 0, 'onProgress was never called. Call it every 100 batches or so, and after the last batch of each epoch.');
    const last = seen[seen.length - 1];
    check(last.epoch === 1 && last.batch === last.batches, `the last report should be epoch 1, batch ${last.batches}/${last.batches}; got epoch ${last.epoch}, batch ${last.batch}/${last.batches}.`);
    check(Number.isFinite(last.loss) && last.loss > 0, `the reported loss is ${fmt(last.loss)}; a cross-entropy loss is positive and finite.`);
    check(Number.isFinite(last.samplesPerSecond) && last.samplesPerSecond > 0, `samplesPerSecond is ${fmt(last.samplesPerSecond)}.`);
  });

  test('the same seed gives the same predictions', () => {
    const a = trainSmall(7).predict(probe.images);
    const b = trainSmall(7).predict(probe.images);
    const differ = a.findIndex((d, i) => d !== b[i]);
    check(differ === -1, `two runs with seed 7 disagree on image ${differ} (${a[differ]} vs ${b[differ]}). Draw every random number from createRng(seed).`);
  });
});

describe('convergence', () => {
  const what = `${BUDGET.trainImages.toLocaleString('en')} training images, ${BUDGET.epochs} epochs`;
  test(`reaches ${(BUDGET.bar * 100).toFixed(1)}% on ${BUDGET.testImages.toLocaleString('en')} test images after ${what}`, () => {
    const train = toMatrixSet(firstImages(trainSplit, BUDGET.trainImages));
    const test = toMatrixSet(firstImages(testSplit, BUDGET.testImages));
    const losses: number[] = [];
    const classifier = impl.trainMnistClassifier(train, {
      epochs: BUDGET.epochs,
      seed: 1,
      onProgress: (p) => {
        losses.push(p.loss);
        showStatus(`epoch ${p.epoch}/${p.epochs} · batch ${p.batch}/${p.batches} · loss ${p.loss.toFixed(4)} · ${Math.round(p.samplesPerSecond)} images/s`);
      },
    });
    const predictions = classifier.predict(test.images);
    check(predictions.length === test.labels.length, `predict returned ${predictions.length} digits for ${test.labels.length} images.`);
    const accuracy = accuracyOf(predictions, test.labels);
    check(
      accuracy >= BUDGET.bar,
      () =>
        `test accuracy ${(accuracy * 100).toFixed(2)}% is below the bar of ${(BUDGET.bar * 100).toFixed(1)}%. ` +
        describePredictions(predictions, losses),
    );
  });
});
