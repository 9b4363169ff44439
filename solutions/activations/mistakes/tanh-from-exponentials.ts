import type { Mistake } from '../../../grader/core/mistakes.ts';
import { map, type Matrix } from '../../lib/matrix.ts';
import type { ActivationResult, TanhCache } from '../activations.ts';
export { geluBackward, geluForward, leakyReluBackward, leakyReluForward, reluBackward, reluForward, tanhBackward } from '../activations.ts';

export const mistake: Mistake = {
  title: {
    en: 'tanh written as (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ): NaN for large |x|',
    'zh-CN': 'tanh 写成 (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)：|x| 很大时得到 NaN',
  },
  explanation: {
    en:
      'The textbook definition overflows: for |x| above about 710, eˣ or e⁻ˣ is Infinity and the quotient is ' +
      'Infinity/Infinity = NaN, although tanh is simply ±1 there. The NaN then flows into the backward pass and every ' +
      'weight it touches. Use Math.tanh (np.tanh), or a form that only exponentiates −2|x|.',
    'zh-CN':
      '教科书上的定义会上溢：|x| 大于约 710 时，eˣ 或 e⁻ˣ 变成 Infinity，商是 Infinity/Infinity = NaN，' +
      '而 tanh 在那里其实就是 ±1。这个 NaN 接着流进反向传播，污染它碰到的每一个权重。' +
      '用 Math.tanh（np.tanh），或者只对 −2|x| 求指数的写法。',
  },
};

export function tanhForward(x: Matrix): ActivationResult<TanhCache> {
  const out = map(x, (v) => (Math.exp(v) - Math.exp(-v)) / (Math.exp(v) + Math.exp(-v)));
  return { out, cache: { out } };
}
