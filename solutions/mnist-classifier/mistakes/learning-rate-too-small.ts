import type { Mistake } from '../../../grader/core/mistakes.ts';
import type { MnistClassifier, MnistOptions, MnistTrainSet } from '../mnist.ts';
import { REFERENCE_VARIANT, trainVariant } from './_variant.ts';

export const mistake: Mistake = {
  title: {
    en: 'a learning rate far too small',
    'zh-CN': '学习率小得离谱',
  },
  explanation: {
    en:
      'With lr = 1e-6, Adam moves each weight by about a millionth per step: after the five graded epochs the network has barely ' +
      'left its random start and the loss has hardly moved. The recipe is Adam with lr = 1e-3.',
    'zh-CN':
      'lr = 1e-6 时，Adam 每步只让每个权重移动约百万分之一：评测用的五轮训练结束后，网络几乎没离开随机初始点，损失也几乎没动。配方是 Adam，lr = 1e-3。',
  },
};

export function trainMnistClassifier(train: MnistTrainSet, options: MnistOptions): MnistClassifier {
  return trainVariant({ ...REFERENCE_VARIANT, learningRate: 1e-6 }, train, options);
}

// The bug hunt's drill (npm run hunt): the reference with this mistake planted, see grader/core/hunt.ts.
export const drill = {
  replace: [
    ['const LEARNING_RATE = 1e-3;', 'const LEARNING_RATE = 1e-6;'],
  ],
};
