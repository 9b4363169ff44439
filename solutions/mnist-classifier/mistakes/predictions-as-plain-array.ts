import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { trainMnistClassifier as trainReference, type MnistClassifier, type MnistOptions, type MnistTrainSet } from '../mnist.ts';

export const mistake: Mistake = {
  title: {
    en: 'predict returns a plain array instead of a Uint8Array',
    'zh-CN': 'predict 返回普通数组，而不是 Uint8Array',
  },
  explanation: {
    en:
      'The contract is a Uint8Array of digits (compact, and what the trainer and grader expect). Array.from(...) or ' +
      '.map on a typed array\'s keys gives a number[]; wrap the result with Uint8Array.from(...).',
    'zh-CN':
      '约定的返回值是由数字组成的 Uint8Array（紧凑，也是训练器和评测程序所期望的）。' +
      'Array.from(...) 或在类型化数组的键上调用 .map 得到的是 number[]；用 Uint8Array.from(...) 把结果包起来。',
  },
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  const classifier = trainReference(train, options);
  return { predict: (images: Matrix) => Array.from(classifier.predict(images)) as unknown as Uint8Array };
}
