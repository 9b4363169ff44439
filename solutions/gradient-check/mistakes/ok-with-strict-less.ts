import type { Mistake } from '../../../grader/core/mistakes.ts';
import { numericalGradient, type GradCheckResult } from '../gradcheck.ts';
export { numericalGradient, relativeError } from '../gradcheck.ts';

export const mistake: Mistake = {
  title: {
    en: 'ok compares with < instead of ≤',
    'zh-CN': 'ok 用了 < 而不是 ≤',
  },
  explanation: {
    en:
      'The contract says ok is maxRelativeError ≤ tolerance. With <, an error exactly at the tolerance fails, and gradCheck with ' +
      'tolerance 0 rejects even a perfect match. Read the boundary of a contract as carefully as its formula.',
    'zh-CN':
      '约定是 ok 为 maxRelativeError ≤ tolerance。用 <，误差恰好等于容差时就判为不通过；tolerance 取 0 时，' +
      '连完全一致的梯度也会被拒绝。约定里的边界要和公式一样仔细读。',
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
  return { ok: maxRelativeError < tolerance, maxRelativeError, worstIndex, numeric };
}
