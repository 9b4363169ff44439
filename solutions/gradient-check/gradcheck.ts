/**
 * Kata: gradient-check. Statement: README.md beside this file.
 *
 * 中文：本题是 gradient-check，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- gradient-check`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- gradient-check`。
 */

/**
 * What `gradCheck` reports.
 *
 * 中文：`gradCheck` 的返回结果。
 */
export interface GradCheckResult {
  /** maxRelativeError ≤ tolerance. */
  ok: boolean;
  /**
   * The largest per-entry relative error between the analytic and the numerical gradient.
   *
   * 中文：解析梯度与数值梯度逐元素相对误差中的最大值。
   */
  maxRelativeError: number;
  /**
   * The index of that entry (the first one, on a tie).
   *
   * 中文：该元素的下标（并列时取第一个）。
   */
  worstIndex: number;
  /**
   * The numerical gradient, as numericalGradient(f, x, h) returns it.
   *
   * 中文：数值梯度，即 numericalGradient(f, x, h) 的返回值。
   */
  numeric: Float64Array;
}

/**
 * The numerical gradient of a scalar function by central differences:
 * numeric[i] = (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h, eᵢ the i-th unit vector.
 *
 * 中文：用中心差分求标量函数的数值梯度：numeric[i] = (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h，eᵢ 是第 i 个单位向量。
 * @param f a scalar function of a vector of n entries; it may read x while you evaluate it
 *   中文：n 个元素的向量的标量函数；你求值时它可能会读取 x
 * @param x the point, n entries; left exactly as it was found, bit for bit, also when f throws
 *   (f's error then goes on to the caller)
 *   中文：点，n 个元素；返回时必须与传入时逐位完全相同，f 抛出异常时也一样（此时 f 的错误继续抛给调用者）
 * @param h the step (default 1e-5)
 *   中文：步长（默认 1e-5）
 * @returns a new Float64Array of n entries; f is called exactly 2·n times
 *   中文：一个新的 n 元素 Float64Array；f 恰好被调用 2·n 次
 */
export function numericalGradient(f: (x: Float64Array) => number, x: Float64Array, h = 1e-5): Float64Array {
  const grad = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const old = x[i];
    try {
      x[i] = old + h;
      const plus = f(x);
      x[i] = old - h;
      const minus = f(x);
      grad[i] = (plus - minus) / (2 * h);
    } finally {
      // Put the saved value back: old + h − h is not always old in float64.
      // 放回保存的值：在 float64 中 old + h − h 不一定等于 old。
      x[i] = old;
    }
  }
  return grad;
}

function entryError(a: number, b: number): number {
  return Math.abs(a - b) / Math.max(1e-8, Math.abs(a) + Math.abs(b));
}

function sameLength(what: string, a: Float64Array, b: Float64Array, aName: string, bName: string): void {
  if (a.length !== b.length) {
    throw new Error(`${what}: ${aName} has ${a.length} entries but ${bName} has ${b.length}`);
  }
}

/**
 * The CS231n relative error of two vectors: maxᵢ |aᵢ − bᵢ| / max(1e-8, |aᵢ| + |bᵢ|).
 *
 * 中文：两个向量的 CS231n 相对误差：maxᵢ |aᵢ − bᵢ| / max(1e-8, |aᵢ| + |bᵢ|)。
 * @param a n entries
 *   中文：n 个元素
 * @param b n entries (another length throws an Error naming both lengths)
 *   中文：n 个元素（长度不同则抛出写明两个长度的 Error）
 * @returns a number ≥ 0 (0 for two empty vectors; NaN if an entry is NaN)
 *   中文：一个 ≥ 0 的数（两个空向量时为 0；有元素为 NaN 时为 NaN）
 */
export function relativeError(a: Float64Array, b: Float64Array): number {
  sameLength('relativeError', a, b, 'a', 'b');
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, entryError(a[i], b[i])); // Math.max keeps a NaN
                                                                                      // Math.max 会保留 NaN
  return worst;
}

/**
 * Compare an analytic gradient with the numerical one.
 *
 * 中文：把解析梯度与数值梯度做比较。
 * @param f a scalar function of n entries
 *   中文：n 个元素的标量函数
 * @param analytic n entries: your gradient of f at x (another length throws naming both lengths)
 *   中文：n 个元素：你算出的 f 在 x 处的梯度（长度不同则抛出写明两个长度的错误）
 * @param x the point, n entries, left as it was found
 *   中文：点，n 个元素，返回时保持原样
 * @param options h (default 1e-5), the step for numericalGradient; tolerance (default 1e-6)
 *   中文：h（默认 1e-5），numericalGradient 的步长；tolerance（默认 1e-6）
 * @returns { ok, maxRelativeError, worstIndex, numeric }, see GradCheckResult
 *   中文：{ ok, maxRelativeError, worstIndex, numeric }，见 GradCheckResult
 */
export function gradCheck(
  f: (x: Float64Array) => number,
  analytic: Float64Array,
  x: Float64Array,
  options: { h?: number; tolerance?: number } = {},
): GradCheckResult {
  const { h = 1e-5, tolerance = 1e-6 } = options;
  sameLength('gradCheck', analytic, x, 'analytic', 'x');
  const numeric = numericalGradient(f, x, h);
  let worstIndex = -1;
  let maxRelativeError = 0;
  for (let i = 0; i < x.length; i++) {
    const e = entryError(analytic[i], numeric[i]);
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
