/**
 * Spec for the mnist-classifier kata: train on the real MNIST training set, measure on the
 * official test set. Run it with `npm run grade -- mnist`.
 *
 * The project's own tests (`npm test`) grade with a quick job, on a subset with a lower
 * bar, so that proving every mistake is caught stays fast; learners are always graded on
 * the full data set with the budget and bar of the statement.
 */
import { firstImages, loadMnistSplit, sealTestSplit, testSplitReads, toMatrixSet } from '../lib/mnist.ts';
import { check, describe, describeValue, fail, fmt, loadTarget, say, showStatus, specJob, test } from '../../grader/harness/index.ts';
import { accuracyOf, describePredictions } from '../../grader/harness/classification.ts';

type Impl = typeof import('./mnist.ts');
const impl = await loadTarget<Impl>();

const QUICK = specJob().quick;
/** The statement's budget and bar (full), or the project tests' small version (quick). */
const BUDGET = QUICK
  ? { trainImages: 6_000, testImages: 2_000, epochs: 3, bar: 0.88 }
  : { trainImages: 60_000, testImages: 10_000, epochs: 5, bar: 0.97 };

// Your file was imported before this spec: any load of the test split so far is its own.
const readsWhileImporting = testSplitReads();
const trainSplit = loadMnistSplit('train');
const testSplit = loadMnistSplit('test');
const small = toMatrixSet(firstImages(trainSplit, 600));
const probe = toMatrixSet(firstImages(testSplit, 100));
// The spec holds its own copy; from here on every load of the test split is your code's, and is recorded.
const seal = sealTestSplit();

/** Fails when your code has loaded the MNIST test split, naming the first load. */
function expectTestSetUnseen(): void {
  const reads = [...readsWhileImporting, ...seal.reads];
  if (reads.length === 0) return;
  const first = reads[0];
  const at = first.at;
  const where = at === undefined ? first.call : say(`${first.call} at ${at}`, `${at} 处的 ${first.call}`);
  const count = reads.length;
  fail(
    say(
      `training read the MNIST test set: ${where} (${count} loads of it in all). Hold out part of train instead ` +
        '(say its last 5,000 images) to pick an epoch or watch accuracy: the test set stays unseen until the ' +
        "grader's one final measurement, or the accuracy measured on it no longer tells how the network does on unseen digits.",
      `训练读取了 MNIST 测试集：${where}（总共加载了 ${count} 次）。要挑选某一轮或观察准确率，请从 train 中留出一部分` +
        '（比如最后 5,000 张图像）作验证集：测试集要一直保持未见，直到评测程序最后那一次测量，' +
        '否则在它上面测得的准确率就不再能说明网络在未见过的数字上表现如何。',
    ),
  );
}

function trainSmall(seed: number, onProgress?: Parameters<Impl['trainMnistClassifier']>[1]['onProgress']) {
  return impl.trainMnistClassifier(small, { epochs: 1, seed, onProgress });
}

describe('spec', () => {
  test(say('training never reads the MNIST test set', '训练从不读取 MNIST 测试集'), () => {
    impl.trainMnistClassifier(small, { epochs: 2, seed: 1 }).predict(probe.images);
    expectTestSetUnseen();
  });

  test(say('predict returns one digit 0–9 per image, as a Uint8Array', 'predict 为每张图像返回一个 0–9 的数字，类型为 Uint8Array'), () => {
    const predictions: unknown = trainSmall(1).predict(probe.images);
    check(predictions instanceof Uint8Array, () =>
      say(
        `predict should return a Uint8Array of digits, but it returned ${describeValue(predictions)}.`,
        `predict 应返回由数字组成的 Uint8Array，但它返回了 ${describeValue(predictions)}。`,
      ),
    );
    const p = predictions as Uint8Array;
    check(
      p.length === probe.images.rows,
      say(
        `predict returned ${p.length} digits for ${probe.images.rows} images: one per image (per row). `,
        `predict 为 ${probe.images.rows} 张图像返回了 ${p.length} 个数字：应每张图像（每一行）一个。`,
      ) +
        (p.length === 10
          ? say(
              'Exactly 10 suggests the argmax was taken over the examples instead of over the 10 classes of each row.',
              '恰好 10 个，说明 argmax 是在样本上取的，而不是在每一行的 10 个类别上取的。',
            )
          : ''),
    );
    const bad = p.findIndex((d) => d > 9);
    check(bad === -1, () => say(`predict returned ${p[bad]} for image ${bad}; a digit is 0..9.`, `predict 对图像 ${bad} 返回了 ${p[bad]}；数字应在 0..9 之间。`));
  });

  test(say('onProgress reports the epoch, the batch, the loss and the speed', 'onProgress 报告当前轮、当前批量、损失和速度'), () => {
    const seen: { epoch: number; batch: number; batches: number; loss: number; samplesPerSecond: number }[] = [];
    trainSmall(1, (p) => seen.push(p));
    check(
      seen.length > 0,
      say(
        'onProgress was never called. Call it every 100 batches or so, and after the last batch of each epoch.',
        'onProgress 从未被调用。大约每 100 个批量调用一次，并在每轮的最后一个批量之后调用。',
      ),
    );
    const last = seen[seen.length - 1];
    check(
      last.epoch === 1 && last.batch === last.batches,
      say(
        `the last report should be epoch 1, batch ${last.batches}/${last.batches}; got epoch ${last.epoch}, batch ${last.batch}/${last.batches}.`,
        `最后一次报告应为第 1 轮、批量 ${last.batches}/${last.batches}；实际是第 ${last.epoch} 轮、批量 ${last.batch}/${last.batches}。`,
      ),
    );
    check(
      Number.isFinite(last.loss) && last.loss > 0,
      say(
        `the reported loss is ${fmt(last.loss)}; a cross-entropy loss is positive and finite.`,
        `报告的损失是 ${fmt(last.loss)}；交叉熵损失应为有限的正数。`,
      ),
    );
    check(
      Number.isFinite(last.samplesPerSecond) && last.samplesPerSecond > 0,
      say(`samplesPerSecond is ${fmt(last.samplesPerSecond)}.`, `samplesPerSecond 是 ${fmt(last.samplesPerSecond)}。`),
    );
  });

  test(say('the same seed gives the same predictions', '相同的种子给出相同的预测'), () => {
    const a = trainSmall(7).predict(probe.images);
    const b = trainSmall(7).predict(probe.images);
    const differ = a.findIndex((d, i) => d !== b[i]);
    check(
      differ === -1,
      say(
        `two runs with seed 7 disagree on image ${differ} (${a[differ]} vs ${b[differ]}). Draw every random number from createRng(seed).`,
        `种子为 7 的两次运行在图像 ${differ} 上结果不同（${a[differ]} 对 ${b[differ]}）。所有随机数都应从 createRng(seed) 中抽取。`,
      ),
    );
  });
});

describe('convergence', () => {
  const images = BUDGET.trainImages.toLocaleString('en');
  const testImages = BUDGET.testImages.toLocaleString('en');
  const bar = (BUDGET.bar * 100).toFixed(1);
  const name = say(
    `reaches ${bar}% on ${testImages} test images after ${images} training images, ${BUDGET.epochs} epochs`,
    `在 ${images} 张训练图像上训练 ${BUDGET.epochs} 轮后，在 ${testImages} 张测试图像上达到 ${bar}%`,
  );
  test(name, () => {
    const train = toMatrixSet(firstImages(trainSplit, BUDGET.trainImages));
    const test = toMatrixSet(firstImages(testSplit, BUDGET.testImages));
    const losses: number[] = [];
    const classifier = impl.trainMnistClassifier(train, {
      epochs: BUDGET.epochs,
      seed: 1,
      onProgress: (p) => {
        losses.push(p.loss);
        showStatus(
          say(
            `epoch ${p.epoch}/${p.epochs} · batch ${p.batch}/${p.batches} · loss ${p.loss.toFixed(4)} · ${Math.round(p.samplesPerSecond)} images/s`,
            `第 ${p.epoch}/${p.epochs} 轮 · 批量 ${p.batch}/${p.batches} · 损失 ${p.loss.toFixed(4)} · ${Math.round(p.samplesPerSecond)} 张图像/秒`,
          ),
        );
      },
    });
    // Selection on the test set would make the measurement below meaningless: told first.
    expectTestSetUnseen();
    const predictions = classifier.predict(test.images);
    check(
      predictions.length === test.labels.length,
      say(
        `predict returned ${predictions.length} digits for ${test.labels.length} images.`,
        `predict 为 ${test.labels.length} 张图像返回了 ${predictions.length} 个数字。`,
      ),
    );
    const accuracy = accuracyOf(predictions, test.labels);
    check(
      accuracy >= BUDGET.bar,
      () =>
        say(
          `test accuracy ${(accuracy * 100).toFixed(2)}% is below the bar of ${bar}%. `,
          `测试准确率 ${(accuracy * 100).toFixed(2)}% 低于及格线 ${bar}%。`,
        ) + describePredictions(predictions, losses),
    );
  });
});
