/**
 * A bug of the seed article's Keras program, ported: the images are fed as 28×28×1
 * (np.expand_dims) to Dense layers without a Flatten. A Dense layer acts on the LAST axis,
 * here the single channel, so the network runs on every pixel alone (1 → 128 → 128 → 10) and
 * predict answers one digit per PIXEL, 784 per image; training stops at the loss, whose
 * labels (one per image) do not match the logits (one row per pixel), with Keras's message.
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { denseForward } from '../../dense-backward/dense.ts';
import { argmaxRows, fromRows, matrix, type Matrix } from '../../lib/matrix.ts';
import { createRng, normalMatrix } from '../../lib/random.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';

export const mistake: Mistake = {
  origin: 'article',
  title: {
    en: 'no Flatten: the Dense layers run on every pixel, one prediction per pixel',
    'zh-CN': '没有 Flatten：Dense 层作用在每个像素上，每个像素一个预测',
  },
  explanation: {
    en:
      'A bug seen in a widely shared tutorial: the images go in as 28×28×1 (np.expand_dims) and the model starts with Dense ' +
      'without Flatten. Dense acts on the last axis only, the single channel, so each pixel is classified alone from its one ' +
      'value: the output is N×28×28×10, predict gives 784 digits per image, and the loss cannot pair one label per image ' +
      'with one row of logits per pixel. Each image must be ONE example of 784 features: Flatten first (or reshape to N×784, ' +
      'as the images already are here), so predict returns exactly one digit per image.',
    'zh-CN':
      '一篇流传很广的教程里出现过的错误：图像以 28×28×1 的形状输入（np.expand_dims），模型开头直接是 Dense，没有 Flatten。' +
      'Dense 只作用在最后一个轴上，也就是那唯一的通道，于是每个像素仅凭自己的一个值被单独分类：' +
      '输出是 N×28×28×10，predict 对每张图像给出 784 个数字，损失也无法把每张图像的一个标签和每个像素一行的 logits 对应起来。' +
      '每张图像必须是一个有 784 个特征的样本：先 Flatten（或 reshape 成 N×784，这里的图像本来就是这样），predict 才会对每张图像恰好返回一个数字。',
  },
};

const SIZES = [1, 128, 128, 10]; // the input width is the last axis: one channel
const BATCH_SIZE = 32;

function relu(z: Matrix): Matrix {
  const out = matrix(z.rows, z.cols);
  for (let i = 0; i < z.data.length; i++) out.data[i] = z.data[i] > 0 ? z.data[i] : 0;
  return out;
}

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  const rng = createRng(options.seed);
  const weights = SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, SIZES[l + 1], rng, 0, Math.sqrt(2 / fanIn)));
  const biases = SIZES.slice(1).map((size) => new Float64Array(size));
  const pixels = train.images.cols;
  // model.fit stops at the first batch's loss: one label per image, one row of logits per pixel.
  if (options.epochs > 0 && train.images.rows > 0) {
    const n = Math.min(BATCH_SIZE, train.images.rows);
    throw new Error(
      `logits and labels must have the same first dimension, got logits shape [${n * pixels},10] and labels shape [${n}]`,
    );
  }

  /** The digit the per-pixel network gives one pixel value (memoised: MNIST pixels take 256 values). */
  const digitOf = new Map<number, number>();
  const classify = (value: number): number => {
    let digit = digitOf.get(value);
    if (digit === undefined) {
      let a = fromRows([[value]]);
      for (let l = 0; l < weights.length; l++) {
        const z = denseForward(a, weights[l], biases[l]).out;
        a = l < weights.length - 1 ? relu(z) : z;
      }
      digit = argmaxRows(a)[0];
      digitOf.set(value, digit);
    }
    return digit;
  };

  return {
    predict(images: Matrix): Uint8Array {
      // N×28×28×10 scores, argmax over the last axis: N×28×28 digits, flattened.
      return Uint8Array.from(images.data, classify);
    },
  };
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['const LAYER_SIZES = [784, 128, 128, 10];', 'const LAYER_SIZES = [1, 128, 128, 10];'],
    [`  const n = scores.rows;
  const k = scores.cols;`, `  const n = scores.rows;
  const k = scores.cols;
  if (labels.length !== n) {
    throw new Error(\`logits and labels must have the same first dimension, got logits shape [\${n},\${k}] and labels shape [\${labels.length}]\`);
  }`],
    ['      const x = takeRows(train.images, indices);', `      const pixels = takeRows(train.images, indices);
      const x = matrix(pixels.data.length, 1, pixels.data);`],
    ['      const a1 = relu(denseForward(images, weights[0], biases[0]).out);', '      const a1 = relu(denseForward(matrix(images.data.length, 1, images.data), weights[0], biases[0]).out);'],
  ],
};
