/**
 * Kata: lr-schedules. Statement: README.md beside this file.
 *
 * 中文：本题是 lr-schedules，题面见本文件旁的 README.zh-CN.md。
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- lr-schedules`.
 *
 * 中文：把每个 `throw` 换成你的实现，然后运行 `npm run grade -- lr-schedules`。
 *
 * Every function is pure: the learning rate to use for one epoch (or step), counted from 0,
 * computed from its arguments alone. A training loop sets `optimizer.lr` to it before the
 * epoch's (or step's) updates.
 *
 * 中文：每个函数都是纯函数：只根据参数算出某一轮（或某一步）要用的学习率，轮次从 0 开始计数。训练循环在这一轮（或这一步）的更新之前把 `optimizer.lr` 设成它。
 */

/**
 * `stepLR`'s options, named as in torch.optim.lr_scheduler.StepLR.
 *
 * 中文：`stepLR` 的选项，命名与 torch.optim.lr_scheduler.StepLR 相同。
 */
export interface StepLROptions {
  /**
   * The initial learning rate (PyTorch's base lr).
   *
   * 中文：初始学习率（PyTorch 的 base lr）。
   */
  lr: number;
  /**
   * Epochs between two decays, ≥ 1 (PyTorch's step_size).
   *
   * 中文：两次衰减之间的轮数，≥ 1（PyTorch 的 step_size）。
   */
  stepSize: number;
  /**
   * The factor applied at each decay. Default 0.1.
   *
   * 中文：每次衰减乘上的系数。默认 0.1。
   */
  gamma?: number;
}

/**
 * `exponentialLR`'s options, as in torch.optim.lr_scheduler.ExponentialLR.
 *
 * 中文：`exponentialLR` 的选项，与 torch.optim.lr_scheduler.ExponentialLR 相同。
 */
export interface ExponentialLROptions {
  /**
   * The initial learning rate.
   *
   * 中文：初始学习率。
   */
  lr: number;
  /**
   * The factor applied every epoch.
   *
   * 中文：每轮乘上的系数。
   */
  gamma: number;
}

/**
 * `cosineAnnealingLR`'s options, as in torch.optim.lr_scheduler.CosineAnnealingLR.
 *
 * 中文：`cosineAnnealingLR` 的选项，与 torch.optim.lr_scheduler.CosineAnnealingLR 相同。
 */
export interface CosineAnnealingLROptions {
  /**
   * The initial learning rate, the top of the cosine.
   *
   * 中文：初始学习率，即余弦曲线的最高点。
   */
  lr: number;
  /**
   * Epochs from lr down to etaMin, > 0 (PyTorch's T_max): half a period of the cosine.
   *
   * 中文：从 lr 降到 etaMin 所需的轮数，> 0（PyTorch 的 T_max）：余弦的半个周期。
   */
  tMax: number;
  /**
   * The floor, reached at epoch tMax (PyTorch's eta_min). Default 0.
   *
   * 中文：下限，在第 tMax 轮达到（PyTorch 的 eta_min）。默认 0。
   */
  etaMin?: number;
}

/**
 * `warmupCosine`'s options, as in Hugging Face's get_cosine_schedule_with_warmup (with a floor).
 *
 * 中文：`warmupCosine` 的选项，与 Hugging Face 的 get_cosine_schedule_with_warmup 相同（另加一个下限）。
 */
export interface WarmupCosineOptions {
  /**
   * The peak learning rate, reached at step warmupSteps.
   *
   * 中文：峰值学习率，在第 warmupSteps 步达到。
   */
  lr: number;
  /**
   * Steps of linear warmup from 0, ≥ 0 and ≤ totalSteps.
   *
   * 中文：从 0 开始线性预热的步数，≥ 0 且 ≤ totalSteps。
   */
  warmupSteps: number;
  /**
   * The length of the run: the cosine reaches minLr at step totalSteps.
   *
   * 中文：训练的总长度：余弦在第 totalSteps 步降到 minLr。
   */
  totalSteps: number;
  /**
   * The floor at the end of the run. Default 0.
   *
   * 中文：训练结束时的下限。默认 0。
   */
  minLr?: number;
}

/**
 * Epochs and steps are counted in whole numbers from 0: anything else is a caller's bug.
 *
 * 中文：轮数和步数都是从 0 开始的整数：其他值都是调用方的 bug。
 */
function requireCount(fn: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${fn}: ${name} must be an integer ≥ 0, got ${value}`);
}

/**
 * StepLR: lr·gamma^⌊epoch/stepSize⌋.
 *
 * 中文：StepLR：lr·gamma^⌊epoch/stepSize⌋。
 * @param epoch the epoch, an integer ≥ 0 (0 is the first epoch)
 *   中文：轮次，整数 ≥ 0（0 是第一轮）
 * @returns the learning rate for that epoch
 *   中文：这一轮的学习率
 * @throws Error naming the argument and its value: stepSize < 1, or an epoch that is negative,
 *   NaN or not an integer
 *   中文：抛出写明参数名和值的 Error：stepSize < 1，或 epoch 为负数、NaN 或非整数
 */
export function stepLR(epoch: number, options: StepLROptions): number {
  const { lr, stepSize, gamma = 0.1 } = options;
  requireCount('stepLR', 'epoch', epoch);
  if (!(stepSize >= 1)) throw new Error(`stepLR: stepSize must be ≥ 1, got ${stepSize}`);
  // The floor makes it a staircase: lr for epochs 0 … stepSize − 1, lr·gamma from epoch stepSize on.
  // 向下取整让它成为阶梯：第 0 … stepSize − 1 轮是 lr，从第 stepSize 轮起是 lr·gamma。
  return lr * gamma ** Math.floor(epoch / stepSize);
}

/**
 * ExponentialLR: lr·gamma^epoch.
 *
 * 中文：ExponentialLR：lr·gamma^epoch。
 * @param epoch the epoch, an integer ≥ 0
 *   中文：轮次，整数 ≥ 0
 * @returns the learning rate for that epoch
 *   中文：这一轮的学习率
 * @throws Error naming the argument and its value: an epoch that is negative, NaN or not an integer
 *   中文：epoch 为负数、NaN 或非整数时，抛出写明参数名和值的 Error
 */
export function exponentialLR(epoch: number, options: ExponentialLROptions): number {
  const { lr, gamma } = options;
  requireCount('exponentialLR', 'epoch', epoch);
  return lr * gamma ** epoch;
}

/**
 * CosineAnnealingLR's closed form: etaMin + (lr − etaMin)·(1 + cos(π·epoch/tMax))/2.
 * Beyond tMax the formula simply goes on (back up towards lr at 2·tMax).
 *
 * 中文：CosineAnnealingLR 的闭式公式：etaMin + (lr − etaMin)·(1 + cos(π·epoch/tMax))/2。超过 tMax 后公式照样计算（在 2·tMax 处回升到 lr）。
 * @param epoch the epoch, an integer ≥ 0
 *   中文：轮次，整数 ≥ 0
 * @returns the learning rate for that epoch
 *   中文：这一轮的学习率
 * @throws Error naming the argument and its value: tMax ≤ 0, or an epoch that is negative, NaN
 *   or not an integer
 *   中文：抛出写明参数名和值的 Error：tMax ≤ 0，或 epoch 为负数、NaN 或非整数
 */
export function cosineAnnealingLR(epoch: number, options: CosineAnnealingLROptions): number {
  const { lr, tMax, etaMin = 0 } = options;
  requireCount('cosineAnnealingLR', 'epoch', epoch);
  if (!(tMax > 0)) throw new Error(`cosineAnnealingLR: tMax must be > 0, got ${tMax}`);
  // No clamp at tMax: past it the cosine climbs back towards lr, as PyTorch's closed form does.
  // 在 tMax 处不截断：超过之后余弦回升到 lr，与 PyTorch 的闭式公式一致。
  return etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * epoch) / tMax))) / 2;
}

/**
 * Linear warmup, then cosine decay (Hugging Face's get_cosine_schedule_with_warmup, with a floor):
 * - step < warmupSteps: lr·step/warmupSteps (step 0 trains at 0);
 * - after: minLr + (lr − minLr)·(1 + cos(π·progress))/2, with
 *   progress = (step − warmupSteps)/max(1, totalSteps − warmupSteps).
 *
 * 中文：先线性预热，再余弦衰减（Hugging Face 的 get_cosine_schedule_with_warmup，另加一个下限）：step < warmupSteps 时为 lr·step/warmupSteps（第 0 步学习率为 0）；之后为 minLr + (lr − minLr)·(1 + cos(π·progress))/2，其中 progress = (step − warmupSteps)/max(1, totalSteps − warmupSteps)。
 * @param step the optimizer step, an integer from 0 to totalSteps
 *   中文：优化器的步数，0 到 totalSteps 之间的整数
 * @returns the learning rate for that step
 *   中文：这一步的学习率
 * @throws Error naming the argument and its value: warmupSteps > totalSteps, or a step that is
 *   negative, beyond totalSteps, NaN or not an integer
 *   中文：抛出写明参数名和值的 Error：warmupSteps > totalSteps，或 step 为负数、超过 totalSteps、NaN 或非整数
 */
export function warmupCosine(step: number, options: WarmupCosineOptions): number {
  const { lr, warmupSteps, totalSteps, minLr = 0 } = options;
  requireCount('warmupCosine', 'step', step);
  requireCount('warmupCosine', 'warmupSteps', warmupSteps);
  if (!(warmupSteps <= totalSteps)) {
    throw new Error(`warmupCosine: warmupSteps (${warmupSteps}) must not exceed totalSteps (${totalSteps})`);
  }
  if (step > totalSteps) throw new Error(`warmupCosine: step ${step} is beyond totalSteps (${totalSteps})`);
  if (step < warmupSteps) return (lr * step) / warmupSteps; // step 0 trains at 0
                                                            // 第 0 步的学习率为 0
  const progress = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps); // 0 at the peak, 1 at the end
                                                                                 // 峰值处为 0，结束时为 1
  return minLr + ((lr - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
}
