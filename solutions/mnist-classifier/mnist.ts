/**
 * Kata: mnist-classifier. Statement: README.md beside this file.
 *
 * 中文：本题是 mnist-classifier，题面见本文件旁的 README.zh-CN.md。
 *
 * The classic 784-128-128-10 network (ReLU, softmax cross-entropy, Adam, batch 32), built
 * from your own dense layer and Adam. Grade it with `npm run grade -- mnist`.
 *
 * 中文：经典的 784-128-128-10 网络（ReLU、softmax 交叉熵、Adam、批量大小 32），用你自己写的全连接层和 Adam 搭建。用 `npm run grade -- mnist` 评测。
 */
import { Adam } from '../adam/adam.ts';
import { denseBackward, denseForward } from '../dense-backward/dense.ts';
import { argmaxRows, matrix, takeRows, type Matrix } from '../lib/matrix.ts';
import { createRng, normalMatrix, permutation } from '../lib/random.ts';

/**
 * The training data: images N×784 with pixels in [0, 1], and N labels 0..9.
 *
 * 中文：训练数据：N×784 的图像，像素值在 [0, 1] 内，以及 N 个取值 0..9 的标签。
 */
export interface MnistTrainSet {
  images: Matrix;
  labels: Uint8Array;
}

/**
 * What `onProgress` receives: where training is, and how fast it goes.
 *
 * 中文：`onProgress` 收到的信息：训练进行到哪里，以及速度多快。
 */
export interface TrainProgress {
  /**
   * 1-based epoch.
   *
   * 中文：当前是第几轮（从 1 数起）。
   */
  epoch: number;
  epochs: number;
  /**
   * 1-based mini-batch within the epoch.
   *
   * 中文：本轮中的第几个小批量（从 1 数起）。
   */
  batch: number;
  batches: number;
  /**
   * Mean training loss over the epoch's batches so far.
   *
   * 中文：本轮到目前为止各批量训练损失的平均值。
   */
  loss: number;
  samplesPerSecond: number;
}

export interface MnistOptions {
  epochs: number;
  seed: number;
  onProgress?: (progress: TrainProgress) => void;
}

export interface MnistClassifier {
  /**
   * One predicted digit per row of `images` (M×784).
   *
   * 中文：`images`（M×784）的每一行给出一个预测的数字。
   */
  predict(images: Matrix): Uint8Array;
}

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
  }

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
