import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';
import { REFERENCE_VARIANT, trainVariant } from './_variant.ts';

export const mistake: Mistake = {
  title: 'predict takes the argmax over the wrong axis',
  explanation:
    'The scores are M×10, one row per image. The predicted digit of image i is the argmax of row i (over the 10 ' +
    'classes); an argmax down each column (over the images) gives 10 numbers, the image that scores highest for each class.',
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  return trainVariant({ ...REFERENCE_VARIANT, argmaxOver: 'examples' }, train, options);
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ["import { argmaxRows, matrix, takeRows, type Matrix } from '../lib/matrix.ts';", "import { argmaxRows, matrix, takeRows, transpose, type Matrix } from '../lib/matrix.ts';"],
    [`      // argmax over each row: the class with the highest score, one per image.
      return Uint8Array.from(argmaxRows(scores));`, '      return Uint8Array.from(argmaxRows(transpose(scores)));'],
  ],
};
