import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';
import { REFERENCE_VARIANT, trainVariant } from './_variant.ts';

export const mistake: Mistake = {
  title: 'weights initialised with standard deviation 1',
  explanation:
    'normal(0, 1) weights make each layer multiply the scale of its input by about √fan_in (28 for 784 inputs), so ' +
    'the scores are in the hundreds, the softmax saturates and Adam\'s small steps barely matter. Use std √(2/fan_in).',
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  return trainVariant({ ...REFERENCE_VARIANT, initStd: () => 1 }, train, options);
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  // He initialisation: std √(2/fan_in) keeps the ReLU activations' scale from layer to layer.
  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, LAYER_SIZES[l + 1], rng, 0, Math.sqrt(2 / fanIn)));`, '  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, LAYER_SIZES[l + 1], rng, 0, 1));'],
  ],
};
