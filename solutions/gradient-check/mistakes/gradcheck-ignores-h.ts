import type { Mistake } from '../../../grader/core/mistakes.ts';
import { numericalGradient, type GradCheckResult } from '../gradcheck.ts';
export { numericalGradient, relativeError } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: "gradCheck ignores the caller's h",
    'zh-CN': 'gradCheck 忽略了调用方给的 h',
  },
  explanation: {
    en:
      'numericalGradient(f, x) always uses its default step 1e-5, whatever options.h says. A caller passes a larger h for a ' +
      'function that is noisy at 1e-5 (float32 code, a loss averaged over many terms) or a smaller one near a kink; pass it on.',
    'zh-CN':
      '无论 options.h 是多少，numericalGradient(f, x) 都用默认步长 1e-5。调用方传入更大的 h，是因为函数在 1e-5 的尺度上噪声太大' +
      '（float32 代码、对很多项取平均的损失），传入更小的 h 则是为了离不可导点远一些；要把它传下去。',
  },
};

export function gradCheck(
  f: (x: Float64Array) => number,
  analytic: Float64Array,
  x: Float64Array,
  options: { h?: number; tolerance?: number } = {},
): GradCheckResult {
  const { tolerance = 1e-6 } = options;
  if (analytic.length !== x.length) throw new Error(`gradCheck: analytic has ${analytic.length} entries but x has ${x.length}`);
  const numeric = numericalGradient(f, x);
  let worstIndex = -1;
  let maxRelativeError = 0;
  for (let i = 0; i < x.length; i++) {
    const e = Math.abs(analytic[i] - numeric[i]) / Math.max(1e-8, Math.abs(analytic[i]) + Math.abs(numeric[i]));
    if (Number.isNaN(e)) {
      worstIndex = i;
      maxRelativeError = NaN;
      break;
    }
    if (worstIndex < 0 || e > maxRelativeError) {
      worstIndex = i;
      maxRelativeError = e;
    }
  }
  return { ok: maxRelativeError <= tolerance, maxRelativeError, worstIndex, numeric };
}
