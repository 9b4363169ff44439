import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { trainMnistClassifier as trainReference, type MnistClassifier, type MnistOptions, type MnistTrainSet } from '../mnist.ts';

export const mistake: Mistake = {
  title: 'predict returns a plain array instead of a Uint8Array',
  explanation:
    'The contract is a Uint8Array of digits (compact, and what the trainer and grader expect). Array.from(...) or ' +
    '.map on a typed array\'s keys gives a number[]; wrap the result with Uint8Array.from(...).',
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  const classifier = trainReference(train, options);
  return { predict: (images: Matrix) => Array.from(classifier.predict(images)) as unknown as Uint8Array };
}
