/**
 * Probes that tell the catalogued lr-schedules mistakes apart (see grader/core/mistakes.ts).
 * Each probe runs one schedule over a short range of epochs (or steps) and returns the
 * learning rates; a learner who differs from the reference exactly where a mistake does is
 * told about it. No probe throws for the reference (a probe that throws matches nothing).
 */
import type { Probes } from '../../grader/core/mistakes.ts';

type Impl = typeof import('../../katas/lr-schedules/schedules.ts');

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, k) => from + k);

export const probes: Probes<Impl> = {
  // The floor and the epoch it starts from: smooth decay and an early drop differ here.
  'stepLR, stepSize 3, gamma 0.5, epochs 0–7': (k) => range(0, 7).map((e) => k.stepLR(e, { lr: 0.1, stepSize: 3, gamma: 0.5 })),
  'stepLR, default gamma, epochs 0–4': (k) => range(0, 4).map((e) => k.stepLR(e, { lr: 1, stepSize: 2 })),
  'exponentialLR, gamma 0.9, epochs 0–4': (k) => range(0, 4).map((e) => k.exponentialLR(e, { lr: 0.1, gamma: 0.9 })),
  // Up to tMax: a missing floor and a divisor tMax − 1 differ here.
  'cosineAnnealingLR, tMax 8, etaMin 0.02, epochs 0–8': (k) =>
    range(0, 8).map((e) => k.cosineAnnealingLR(e, { lr: 0.1, tMax: 8, etaMin: 0.02 })),
  // Beyond tMax: only a clamp (and the wrong divisor) differ here.
  'cosineAnnealingLR, tMax 8, etaMin 0.02, epochs 9–16': (k) =>
    range(9, 16).map((e) => k.cosineAnnealingLR(e, { lr: 0.1, tMax: 8, etaMin: 0.02 })),
  'cosineAnnealingLR, default etaMin, epochs 0–4': (k) => range(0, 4).map((e) => k.cosineAnnealingLR(e, { lr: 1, tMax: 4 })),
  // The warmup line: (step + 1) differs here.
  'warmupCosine, warmup 4 of 12, steps 0–4': (k) => range(0, 4).map((s) => k.warmupCosine(s, { lr: 0.8, warmupSteps: 4, totalSteps: 12, minLr: 0.1 })),
  // The cosine after the warmup: progress over the whole run differs here.
  'warmupCosine, warmup 4 of 12, steps 5–12': (k) => range(5, 12).map((s) => k.warmupCosine(s, { lr: 0.8, warmupSteps: 4, totalSteps: 12, minLr: 0.1 })),
};
