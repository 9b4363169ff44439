import type { Mistake } from '../../../grader/core/mistakes.ts';
import { forwardWith } from './_conventions.ts';
export { batchnormBackward } from '../batchnorm.ts';

export const mistake: Mistake = {
  title: {
    en: 'running statistics updated in eval mode too',
    'zh-CN': '评估模式也更新了滑动统计量',
  },
  explanation: {
    en:
      'Eval mode only reads state: updating the running averages from test batches leaks the test data into the ' +
      'model and makes predictions depend on what was evaluated before. Update runningMean and runningVar only when ' +
      "mode is 'train'.",
    'zh-CN':
      '评估模式只读取 state：用测试批量更新滑动平均，会把测试数据泄漏进模型，' +
      "还会让预测结果取决于之前评估过哪些数据。只在 mode 为 'train' 时更新 runningMean 和 runningVar。",
  },
};

export const batchnormForward = forwardWith({ updatesState: { train: true, eval: true } });
