import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';
import { REFERENCE_VARIANT, trainVariant } from './_variant.ts';

export const mistake: Mistake = {
  title: {
    en: 'weights initialised with standard deviation 1',
    'zh-CN': '权重用标准差 1 初始化',
  },
  explanation: {
    en:
      'normal(0, 1) weights make each layer multiply the scale of its input by about √fan_in (28 for 784 inputs), so ' +
      'the scores are in the hundreds, the softmax saturates and Adam\'s small steps barely matter. Use std √(2/fan_in).',
    'zh-CN':
      '权重取 normal(0, 1) 时，每一层都会把输入的尺度放大约 √fan_in 倍（784 个输入时约为 28），于是分数达到几百，softmax 饱和，Adam 的小步长几乎不起作用。' +
      '应使用标准差 √(2/fan_in)。',
  },
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  return trainVariant({ ...REFERENCE_VARIANT, initStd: () => 1 }, train, options);
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  // He initialisation: std √(2/fan_in) keeps the ReLU activations' scale from layer to layer.
  // He 初始化：std 取 √(2/fan_in)，让 ReLU 激活值的尺度逐层保持不变。
  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, LAYER_SIZES[l + 1], rng, 0, Math.sqrt(2 / fanIn)));`, '  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, LAYER_SIZES[l + 1], rng, 0, 1));'],
  ],
};
