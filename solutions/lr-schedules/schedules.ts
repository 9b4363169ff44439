/**
 * Kata: lr-schedules. Statement: README.md beside this file.
 *
 * Replace each `throw` with your implementation, then run `npm run grade -- lr-schedules`.
 *
 * Every function is pure: the learning rate to use for one epoch (or step), counted from 0,
 * computed from its arguments alone. A training loop sets `optimizer.lr` to it before the
 * epoch's (or step's) updates.
 */

/** `stepLR`'s options, named as in torch.optim.lr_scheduler.StepLR. */
export interface StepLROptions {
  /** The initial learning rate (PyTorch's base lr). */
  lr: number;
  /** Epochs between two decays, ≥ 1 (PyTorch's step_size). */
  stepSize: number;
  /** The factor applied at each decay. Default 0.1. */
  gamma?: number;
}

/** `exponentialLR`'s options, as in torch.optim.lr_scheduler.ExponentialLR. */
export interface ExponentialLROptions {
  /** The initial learning rate. */
  lr: number;
  /** The factor applied every epoch. */
  gamma: number;
}

/** `cosineAnnealingLR`'s options, as in torch.optim.lr_scheduler.CosineAnnealingLR. */
export interface CosineAnnealingLROptions {
  /** The initial learning rate, the top of the cosine. */
  lr: number;
  /** Epochs from lr down to etaMin, > 0 (PyTorch's T_max): half a period of the cosine. */
  tMax: number;
  /** The floor, reached at epoch tMax (PyTorch's eta_min). Default 0. */
  etaMin?: number;
}

/** `warmupCosine`'s options, as in Hugging Face's get_cosine_schedule_with_warmup (with a floor). */
export interface WarmupCosineOptions {
  /** The peak learning rate, reached at step warmupSteps. */
  lr: number;
  /** Steps of linear warmup from 0, ≥ 0 and ≤ totalSteps. */
  warmupSteps: number;
  /** The length of the run: the cosine reaches minLr at step totalSteps. */
  totalSteps: number;
  /** The floor at the end of the run. Default 0. */
  minLr?: number;
}

/** Epochs and steps are counted in whole numbers from 0: anything else is a caller's bug. */
function requireCount(fn: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) throw new Error(`${fn}: ${name} must be an integer ≥ 0, got ${value}`);
}

/**
 * StepLR: lr·gamma^⌊epoch/stepSize⌋.
 * @param epoch the epoch, an integer ≥ 0 (0 is the first epoch)
 * @returns the learning rate for that epoch
 * @throws Error naming the argument and its value: stepSize < 1, or an epoch that is negative,
 *   NaN or not an integer
 */
export function stepLR(epoch: number, options: StepLROptions): number {
  const { lr, stepSize, gamma = 0.1 } = options;
  requireCount('stepLR', 'epoch', epoch);
  if (!(stepSize >= 1)) throw new Error(`stepLR: stepSize must be ≥ 1, got ${stepSize}`);
  // The floor makes it a staircase: lr for epochs 0 … stepSize − 1, lr·gamma from epoch stepSize on.
  return lr * gamma ** Math.floor(epoch / stepSize);
}

/**
 * ExponentialLR: lr·gamma^epoch.
 * @param epoch the epoch, an integer ≥ 0
 * @returns the learning rate for that epoch
 * @throws Error naming the argument and its value: an epoch that is negative, NaN or not an integer
 */
export function exponentialLR(epoch: number, options: ExponentialLROptions): number {
  const { lr, gamma } = options;
  requireCount('exponentialLR', 'epoch', epoch);
  return lr * gamma ** epoch;
}

/**
 * CosineAnnealingLR's closed form: etaMin + (lr − etaMin)·(1 + cos(π·epoch/tMax))/2.
 * Beyond tMax the formula simply goes on (back up towards lr at 2·tMax).
 * @param epoch the epoch, an integer ≥ 0
 * @returns the learning rate for that epoch
 * @throws Error naming the argument and its value: tMax ≤ 0, or an epoch that is negative, NaN
 *   or not an integer
 */
export function cosineAnnealingLR(epoch: number, options: CosineAnnealingLROptions): number {
  const { lr, tMax, etaMin = 0 } = options;
  requireCount('cosineAnnealingLR', 'epoch', epoch);
  if (!(tMax > 0)) throw new Error(`cosineAnnealingLR: tMax must be > 0, got ${tMax}`);
  // No clamp at tMax: past it the cosine climbs back towards lr, as PyTorch's closed form does.
  return etaMin + ((lr - etaMin) * (1 + Math.cos((Math.PI * epoch) / tMax))) / 2;
}

/**
 * Linear warmup, then cosine decay (Hugging Face's get_cosine_schedule_with_warmup, with a floor):
 * - step < warmupSteps: lr·step/warmupSteps (step 0 trains at 0);
 * - after: minLr + (lr − minLr)·(1 + cos(π·progress))/2, with
 *   progress = (step − warmupSteps)/max(1, totalSteps − warmupSteps).
 * @param step the optimizer step, an integer from 0 to totalSteps
 * @returns the learning rate for that step
 * @throws Error naming the argument and its value: warmupSteps > totalSteps, or a step that is
 *   negative, beyond totalSteps, NaN or not an integer
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
  const progress = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps); // 0 at the peak, 1 at the end
  return minLr + ((lr - minLr) * (1 + Math.cos(Math.PI * progress))) / 2;
}
