import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';
import { REFERENCE_VARIANT, trainVariant } from './_variant.ts';

export const mistake: Mistake = {
  title: {
    en: 'predict takes the argmax over the wrong axis',
    'zh-CN': 'predict 在错误的轴上取 argmax',
  },
  explanation: {
    en:
      'The scores are M×10, one row per image. The predicted digit of image i is the argmax of row i (over the 10 ' +
      'classes); an argmax down each column (over the images) gives 10 numbers, the image that scores highest for each class.',
    'zh-CN':
      '分数是 M×10，每张图像一行。图像 i 的预测数字是第 i 行的 argmax（在 10 个类别上取）；' +
      '沿每一列（在图像上）取 argmax 得到的是 10 个数，即每个类别得分最高的那张图像。',
  },
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  return trainVariant({ ...REFERENCE_VARIANT, argmaxOver: 'examples' }, train, options);
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ["import { argmaxRows, matrix, takeRows, type Matrix } from '../lib/matrix.ts';", "import { argmaxRows, matrix, takeRows, transpose, type Matrix } from '../lib/matrix.ts';"],
    [`      // argmax over each row: the class with the highest score, one per image.
      // 对每行取 argmax：得分最高的类别，每张图像一个。
      return Uint8Array.from(argmaxRows(scores));`, '      return Uint8Array.from(argmaxRows(transpose(scores)));'],
  ],
};
