import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';
import { REFERENCE_VARIANT, trainVariant } from './_variant.ts';

export const mistake: Mistake = {
  title: 'weights initialised to zero',
  explanation:
    'With every weight at 0, every hidden unit computes the same value (0 after the ReLU) and receives the same ' +
    'gradient (0), so the symmetry never breaks and only the output bias learns: every image gets the same digit. ' +
    'Draw the weights from a normal distribution with std √(2/fan_in) (He initialisation).',
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  return trainVariant({ ...REFERENCE_VARIANT, initStd: () => 0 }, train, options);
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  // He initialisation: std √(2/fan_in) keeps the ReLU activations' scale from layer to layer.
  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, LAYER_SIZES[l + 1], rng, 0, Math.sqrt(2 / fanIn)));`, '  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => matrix(fanIn, LAYER_SIZES[l + 1]));'],
  ],
};
