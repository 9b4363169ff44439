import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';
import { REFERENCE_VARIANT, trainVariant } from './_variant.ts';

export const mistake: Mistake = {
  title: {
    en: 'weights initialised to zero',
    'zh-CN': '权重初始化为零',
  },
  explanation: {
    en:
      'With every weight at 0, every hidden unit computes the same value (0 after the ReLU) and receives the same ' +
      'gradient (0), so the symmetry never breaks and only the output bias learns: every image gets the same digit. ' +
      'Draw the weights from a normal distribution with std √(2/fan_in) (He initialisation).',
    'zh-CN':
      '所有权重都为 0 时，每个隐藏单元算出的值都相同（ReLU 之后为 0），收到的梯度也相同（为 0），对称性永远无法打破，只有输出层的偏置在学习：每张图像都得到同一个数字。' +
      '应从标准差为 √(2/fan_in) 的正态分布中抽取权重（He 初始化）。',
  },
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  return trainVariant({ ...REFERENCE_VARIANT, initStd: () => 0 }, train, options);
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    [`  // He initialisation: std √(2/fan_in) keeps the ReLU activations' scale from layer to layer.
  // He 初始化：std 取 √(2/fan_in)，让 ReLU 激活值的尺度逐层保持不变。
  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => normalMatrix(fanIn, LAYER_SIZES[l + 1], rng, 0, Math.sqrt(2 / fanIn)));`, '  const weights = LAYER_SIZES.slice(0, -1).map((fanIn, l) => matrix(fanIn, LAYER_SIZES[l + 1]));'],
  ],
};
