/**
 * Probes that tell the catalogued sigmoid mistakes apart (see grader/core/mistakes.ts).
 * Each returns a few numbers; a learner who differs from the reference exactly where a
 * mistake does is told about that mistake.
 */
import type { Probes } from '../../grader/core/mistakes.ts';

type Impl = typeof import('../../katas/sigmoid-derivative/sigmoid.ts');

export const probes: Probes<Impl> = {
  'σ at ordinary z': (k) => [-3, -0.5, 0.7, 2.5].map(k.sigmoid),
  'σ at z = ±1000': (k) => [-1000, 1000].map(k.sigmoid),
  'σ′ at ordinary z': (k) => [-2, 0.7, 3].map(k.sigmoidDerivative),
  'σ′ at z = 40': (k) => k.sigmoidDerivative(40),
  // Close in magnitude on purpose: observations are compared relative to the probe's largest entry.
  'σ′ at z = 30 and 33.3': (k) => [30, 33.3].map(k.sigmoidDerivative),
  'σ′ at z = −1000': (k) => k.sigmoidDerivative(-1000),
  'σ′ from the output': (k) => [0.2, 0.5, 0.9].map(k.sigmoidDerivativeFromOutput),
};
