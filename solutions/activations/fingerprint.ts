/**
 * Probes that tell the catalogued activation mistakes apart (see grader/core/mistakes.ts).
 * Each runs one function on a small, hand-written row and returns what it observed. The rows
 * hold the values that separate the conventions: exactly 0 (the kinks), a non-default slope,
 * ±800 and ±1e4 (where e^x overflows), and values around ±1 to ±3, where 1 − x² and 1 − out²
 * differ and the erf and tanh forms of GELU differ. Every probe builds fresh inputs, so an
 * implementation that writes into them cannot spoil the next probe.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromRows, type Matrix } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/activations/activations.ts');

const row = (values: number[]): Matrix => fromRows([values]);
/** x around the kink and on both sides of it, and an upstream gradient with distinct entries. */
const kinkX = (): Matrix => row([-1.5, 0, 2, -0.5]);
const kinkDout = (): Matrix => row([0.7, 1.3, -0.4, 2.1]);
/** Ordinary values, where the smooth activations' derivatives are far from 0 and 1. */
const smoothX = (): Matrix => row([-3, -1.25, -0.5, 0.75, 1.5, 2.5]);
const smoothDout = (): Matrix => row([0.9, -1.1, 1.7, 0.6, -0.8, 1.4]);
/** Where e^x overflows: tanh must still be ±1. */
const largeX = (): Matrix => row([-1e4, -800, 800, 1e4]);

export const probes: Probes<Impl> = {
  'reluBackward at x = [−1.5, 0, 2, −0.5]': (k) => k.reluBackward(kinkDout(), k.reluForward(kinkX()).cache).data,
  'dout after reluBackward': (k) => {
    const dout = kinkDout();
    k.reluBackward(dout, k.reluForward(kinkX()).cache);
    return dout.data;
  },
  'leakyReluBackward at x = [−1.5, 0, 2, −0.5], default slope': (k) =>
    k.leakyReluBackward(kinkDout(), k.leakyReluForward(kinkX()).cache).data,
  // No 0 in x here: the slope alone decides.
  'leakyReluBackward at x = [−1.5, 2, −0.5], slope 0.2': (k) =>
    k.leakyReluBackward(row([0.7, -0.4, 2.1]), k.leakyReluForward(row([-1.5, 2, -0.5]), 0.2).cache).data,
  'tanhForward at ±800 and ±1e4': (k) => k.tanhForward(largeX()).out.data,
  'tanhBackward at ordinary x': (k) => k.tanhBackward(smoothDout(), k.tanhForward(smoothX()).cache).data,
  'geluForward at ordinary x': (k) => k.geluForward(smoothX()).out.data,
  'geluBackward at ordinary x': (k) => k.geluBackward(smoothDout(), k.geluForward(smoothX()).cache).data,
  'geluBackward at 0': (k) => k.geluBackward(row([1]), k.geluForward(row([0])).cache).data,
};
