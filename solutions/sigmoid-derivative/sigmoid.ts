/**
 * Kata: sigmoid-derivative. Statement: README.md beside this file.
 *
 * 中文：本题是 sigmoid-derivative，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- sigmoid`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- sigmoid`。
 */

/**
 * σ(z) = 1 / (1 + e^(−z)).
 * @param z any finite number (the pre-activation)
 *   中文：任意有限数（预激活值）
 * @returns σ(z) in [0, 1], with no NaN or Infinity for any finite z
 *   中文：σ(z)，在 [0, 1] 内；对任何有限的 z 都不会出现 NaN 或 Infinity
 */
export function sigmoid(z: number): number {
  // Only ever exponentiate a number ≤ 0, so e is in (0, 1] and nothing overflows.
  // 只对 ≤ 0 的数取指数，于是 e 在 (0, 1] 内，什么都不会上溢。
  const e = Math.exp(-Math.abs(z));
  return z >= 0 ? 1 / (1 + e) : e / (1 + e);
}

/**
 * σ′(z) = dσ/dz, given the PRE-activation z.
 *
 * 中文：σ′(z) = dσ/dz，给定的是预激活值 z。
 * @param z any finite number
 *   中文：任意有限数
 * @returns σ′(z) in [0, ¼], accurate to 1e-12 relative for z in [−700, 700]
 *   中文：σ′(z)，在 [0, ¼] 内；z 在 [−700, 700] 内时相对误差不超过 1e-12
 */
export function sigmoidDerivative(z: number): number {
  // σ′(z) = σ(z)·σ(−z) = e / (1 + e)² with e = e^(−|z|): no subtraction, so no cancellation
  // (σ(z)·(1 − σ(z)) is exactly 0 at z = 40, where the true value is 4.2e-18).
  // σ′(z) = σ(z)·σ(−z) = e / (1 + e)²，其中 e = e^(−|z|)：没有减法，也就没有灾难性抵消
  // （σ(z)·(1 − σ(z)) 在 z = 40 处恰好是 0，而真实值是 4.2e-18）。
  const e = Math.exp(-Math.abs(z));
  return e / ((1 + e) * (1 + e));
}

/**
 * σ′(z), given the OUTPUT a = σ(z) instead of z (what a backward pass usually has cached).
 *
 * 中文：σ′(z)，但给定的是输出 a = σ(z) 而不是 z（反向传播时手里缓存的通常正是它）。
 * @param a a value of σ, in [0, 1]
 *   中文：σ 的一个取值，在 [0, 1] 内
 * @returns σ′(z) for the z with σ(z) = a
 *   中文：满足 σ(z) = a 的那个 z 处的 σ′(z)
 */
export function sigmoidDerivativeFromOutput(a: number): number {
  return a * (1 - a);
}
