/**
 * A bug of the seed article's Keras program, ported: model.fit(x_train, y_train, ...,
 * validation_data=(x_test, y_test)). After every epoch the network is measured on the official
 * test set, and the epoch that does best there is kept (ModelCheckpoint's save_best_only, the
 * usual next step): the test set takes part in training, so the grader's final measurement on
 * it no longer measures unseen data.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';
import { Adam } from '../../adam/adam.ts';
import { denseBackward, denseForward } from '../../dense-backward/dense.ts';
import { argmaxRows, matrix, paramData, takeRows, type Matrix } from '../../lib/matrix.ts';
import { loadMnistSplit, toMatrixSet } from '../../lib/mnist.ts';
import { createRng, normalMatrix, permutation } from '../../lib/random.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'validation on the test set (validation_data=(x_test, y_test))',
    'zh-CN': '在测试集上做验证（validation_data=(x_test, y_test)）',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: model.fit(..., validation_data=(x_test, y_test)). Every epoch is measured on ' +
      'the test set and the best one is kept, so the test set has chosen the model: the accuracy later reported on it is ' +
      'optimistic, a score on data the training has seen through that choice. Hold out part of train as the validation set ' +
      '(e.g. its last 6,000 images, as Keras\' validation_split=0.1 does) and leave the test set alone until the one final measurement.',
    'zh-CN':
      '一篇流传很广的教程里的 bug：model.fit(..., validation_data=(x_test, y_test))。每轮都在测试集上测量并保留最好的一轮，' +
      '等于让测试集参与了模型选择：之后在它上面报告的准确率是偏乐观的，因为训练通过这次选择已经“看过”这些数据。' +
      '应当从 train 中留出一部分作验证集（例如最后 6,000 张图像，Keras 的 validation_split=0.1 就是这样做的），' +
      '测试集一直不碰，直到最后那一次测量。',
  },
};

const LAYER_SIZES = [784, 128, 128, 10];
const BATCH_SIZE = 32;
const LEARNING_RATE = 1e-3;
const PROGRESS_EVERY = 100;

/**
 * ReLU, elementwise: max(0, z). z is N×H; returns a new N×H matrix.
 *
 * 中文：逐元素的 ReLU：max(0, z)。z 是 N×H；返回一个新的 N×H 矩阵。
 */
function relu(z: Matrix): Matrix {
  const out = matrix(z.rows, z.cols);
  for (let i = 0; i < z.data.length; i++) out.data[i] = z.data[i] > 0 ? z.data[i] : 0;
  return out;
}

/**
 * ReLU backward: dz = da ⊙ [z > 0]. da and z are N×H; returns dz, N×H.
 *
 * 中文：ReLU 的反向传播：dz = da ⊙ [z > 0]。da 和 z 都是 N×H；返回 dz，N×H。
 */
function reluBackward(da: Matrix, z: Matrix): Matrix {
  const dz = matrix(da.rows, da.cols);
  for (let i = 0; i < da.data.length; i++) dz.data[i] = z.data[i] > 0 ? da.data[i] : 0;
  return dz;
}

/**
 * Softmax cross-entropy with integer labels. scores is N×K, labels has N digits.
 * Returns the mean loss −(1/N) Σ log p[n, yₙ] and dscores = (softmax(scores) − Y) / N, N×K.
 *
 * 中文：带整数标签的 softmax 交叉熵。scores 是 N×K，labels 有 N 个数字。返回平均损失 −(1/N) Σ log p[n, yₙ] 和 dscores = (softmax(scores) − Y) / N，N×K。
 */
function softmaxCrossEntropy(scores: Matrix, labels: ArrayLike<number>): { loss: number; dscores: Matrix } {
  const n = scores.rows;
  const k = scores.cols;
  const dscores = matrix(n, k);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const row = i * k;
    // Subtract the row's max so Math.exp never overflows; softmax is unchanged by the shift.
    // 先减去该行的最大值，Math.exp 就不会上溢；这个平移不改变 softmax。
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

/**
 * Train the network on `train` and return a classifier.
 *
 * 中文：在 `train` 上训练网络，返回一个分类器。
 * @param train images N×784 in [0, 1] and N labels
 *   中文：N×784 的图像（取值在 [0, 1] 内）和 N 个标签
 * @param options epochs, seed for every random choice, and an optional progress callback
 *   中文：epochs（轮数）、seed（所有随机选择的种子），以及可选的进度回调
 */
export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  const rng = createRng(options.seed);
  // He initialisation: std √(2/fan_in) keeps the ReLU activations' scale from layer to layer.
  // He 初始化：std 取 √(2/fan_in)，让 ReLU 激活值的尺度逐层保持不变。
  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, LAYER_SIZES[l + 1], rng, 0, Math.sqrt(2 / fanIn)));
  const biases = LAYER_SIZES.slice(1).map((size) => new Float64Array(size));
  const params = [weights[0], biases[0], weights[1], biases[1], weights[2], biases[2]];
  const adam = new Adam({ lr: LEARNING_RATE });
  // Validation after every epoch, as model.fit(..., validation_data=(x_test, y_test)) does; the best epoch is kept.
  // 每轮结束后做一次验证，和 model.fit(..., validation_data=(x_test, y_test)) 一样；保留最好的那一轮。
  const validation = toMatrixSet(loadMnistSplit('test'));
  let best = { accuracy: -1, params: params.map((p) => Float64Array.from(paramData(p))) };

  const n = train.images.rows;
  const batches = Math.ceil(n / BATCH_SIZE);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const order = permutation(n, rng);
    const started = performance.now();
    let lossSum = 0;
    for (let batch = 1; batch <= batches; batch++) {
      const indices = order.subarray((batch - 1) * BATCH_SIZE, Math.min(batch * BATCH_SIZE, n));
      const x = takeRows(train.images, indices);
      const labels = Uint8Array.from(indices, (i) => train.labels[i]);

      const h1 = denseForward(x, weights[0], biases[0]);
      const a1 = relu(h1.out);
      const h2 = denseForward(a1, weights[1], biases[1]);
      const a2 = relu(h2.out);
      const h3 = denseForward(a2, weights[2], biases[2]);
      const { loss, dscores } = softmaxCrossEntropy(h3.out, labels);

      const g3 = denseBackward(dscores, h3.cache);
      const g2 = denseBackward(reluBackward(g3.dx, h2.out), h2.cache);
      const g1 = denseBackward(reluBackward(g2.dx, h1.out), h1.cache);
      adam.step(params, [g1.dw, g1.db, g2.dw, g2.db, g3.dw, g3.db]);

      lossSum += loss;
      if (options.onProgress && (batch % PROGRESS_EVERY === 0 || batch === batches)) {
        const seconds = (performance.now() - started) / 1000;
        const seen = Math.min(batch * BATCH_SIZE, n);
        options.onProgress({ epoch, epochs: options.epochs, batch, batches, loss: lossSum / batch, samplesPerSecond: seen / Math.max(seconds, 1e-9) });
      }
    }
    const a1 = relu(denseForward(validation.images, weights[0], biases[0]).out);
    const a2 = relu(denseForward(a1, weights[1], biases[1]).out);
    const predicted = argmaxRows(denseForward(a2, weights[2], biases[2]).out);
    let correct = 0;
    for (let i = 0; i < predicted.length; i++) if (predicted[i] === validation.labels[i]) correct++;
    const accuracy = correct / Math.max(predicted.length, 1);
    if (accuracy > best.accuracy) best = { accuracy, params: params.map((p) => Float64Array.from(paramData(p))) };
  }
  best.params.forEach((saved, i) => paramData(params[i]).set(saved));

  return {
    predict(images: Matrix): Uint8Array {
      const a1 = relu(denseForward(images, weights[0], biases[0]).out);
      const a2 = relu(denseForward(a1, weights[1], biases[1]).out);
      const scores = denseForward(a2, weights[2], biases[2]).out;
      // argmax over each row: the class with the highest score, one per image.
      // 对每行取 argmax：得分最高的类别，每张图像一个。
      return Uint8Array.from(argmaxRows(scores));
    },
  };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ["import { argmaxRows, matrix, takeRows, type Matrix } from '../lib/matrix.ts';\n",
     "import { argmaxRows, matrix, paramData, takeRows, type Matrix } from '../lib/matrix.ts';\nimport { loadMnistSplit, toMatrixSet } from '../lib/mnist.ts';\n"],
    ["  const adam = new Adam({ lr: LEARNING_RATE });\n",
     "  const adam = new Adam({ lr: LEARNING_RATE });\n  // Validation after every epoch, as model.fit(..., validation_data=(x_test, y_test)) does; the best epoch is kept.\n  // 每轮结束后做一次验证，和 model.fit(..., validation_data=(x_test, y_test)) 一样；保留最好的那一轮。\n  const validation = toMatrixSet(loadMnistSplit('test'));\n  let best = { accuracy: -1, params: params.map((p) => Float64Array.from(paramData(p))) };\n"],
    ["        options.onProgress({ epoch, epochs: options.epochs, batch, batches, loss: lossSum / batch, samplesPerSecond: seen / Math.max(seconds, 1e-9) });\n      }\n    }\n  }\n",
     "        options.onProgress({ epoch, epochs: options.epochs, batch, batches, loss: lossSum / batch, samplesPerSecond: seen / Math.max(seconds, 1e-9) });\n      }\n    }\n    const a1 = relu(denseForward(validation.images, weights[0], biases[0]).out);\n    const a2 = relu(denseForward(a1, weights[1], biases[1]).out);\n    const predicted = argmaxRows(denseForward(a2, weights[2], biases[2]).out);\n    let correct = 0;\n    for (let i = 0; i < predicted.length; i++) if (predicted[i] === validation.labels[i]) correct++;\n    const accuracy = correct / Math.max(predicted.length, 1);\n    if (accuracy > best.accuracy) best = { accuracy, params: params.map((p) => Float64Array.from(paramData(p))) };\n  }\n  best.params.forEach((saved, i) => paramData(params[i]).set(saved));\n"],
  ],
};
