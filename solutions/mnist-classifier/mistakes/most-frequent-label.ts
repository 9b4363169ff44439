import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';

export const mistake: Mistake = {
  title: {
    en: 'a classifier that always answers the most frequent label',
    'zh-CN': '分类器总是回答出现最多的标签',
  },
  explanation: {
    en:
      'Answering the commonest digit for every image scores about 11% on MNIST, whatever the training did. Predictions ' +
      'must come from the network\'s scores for each image: forward the images and take the argmax of each row.',
    'zh-CN':
      '不管训练做了什么，对每张图像都回答最常见的数字，在 MNIST 上的准确率只有约 11%。预测必须来自网络对每张图像的分数：对图像做前向传播，再取每一行的 argmax。',
  },
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  const counts = new Array<number>(10).fill(0);
  for (const label of train.labels) counts[label]++;
  const mostFrequent = counts.indexOf(Math.max(...counts));
  const batches = Math.ceil(train.images.rows / 32);
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    options.onProgress?.({ epoch, epochs: options.epochs, batch: batches, batches, loss: Math.log(10), samplesPerSecond: 1 });
  }
  return { predict: (images: Matrix) => new Uint8Array(images.rows).fill(mostFrequent) };
}
