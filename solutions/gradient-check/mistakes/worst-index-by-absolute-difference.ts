import type { Mistake } from '../../../grader/core/mistakes.ts';
import { numericalGradient, type GradCheckResult } from '../gradcheck.ts';
export { numericalGradient, relativeError } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'worstIndex picked by the largest absolute difference',
    'zh-CN': 'worstIndex 按最大的绝对差来选',
  },
  explanation: {
    en:
      'The entry with the largest |analytic − numeric| is usually just the largest gradient. worstIndex must point at the entry ' +
      'whose relative error is the largest, the one maxRelativeError reports, or it sends you to a correct entry.',
    'zh-CN':
      '|analytic − numeric| 最大的分量通常只是梯度本身最大的那个。worstIndex 必须指向相对误差最大的分量，' +
      '也就是 maxRelativeError 所报告的那个；否则它会把你引到一个本来正确的分量上。',
  },
};

export function gradCheck(
  f: (x: Float64Array) => number,
  analytic: Float64Array,
  x: Float64Array,
  options: { h?: number; tolerance?: number } = {},
): GradCheckResult {
  const { h = 1e-5, tolerance = 1e-6 } = options;
  if (analytic.length !== x.length) throw new Error(`gradCheck: analytic has ${analytic.length} entries but x has ${x.length}`);
  const numeric = numericalGradient(f, x, h);
  let worstIndex = -1;
  let maxRelativeError = 0;
  let maxDifference = -1;
  for (let i = 0; i < x.length; i++) {
    const e = Math.abs(analytic[i] - numeric[i]) / Math.max(1e-8, Math.abs(analytic[i]) + Math.abs(numeric[i]));
    maxRelativeError = Math.max(maxRelativeError, e);
    const d = Math.abs(analytic[i] - numeric[i]);
    if (d > maxDifference || Number.isNaN(d)) {
      maxDifference = d;
      worstIndex = i;
    }
  }
  return { ok: maxRelativeError <= tolerance, maxRelativeError, worstIndex, numeric };
}
