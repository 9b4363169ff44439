/**
 * Probes that tell the catalogued LayerNorm and RMSNorm mistakes apart (see
 * grader/core/mistakes.ts). Each runs the implementation on fixed inputs and returns a few
 * numbers; a learner who differs from the reference exactly where a mistake does is told about
 * that mistake. Every probe builds fresh inputs.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { createRng, fromRows, normalMatrix, type Matrix } from '../lib/index.ts';

type Impl = typeof import('../../katas/layernorm-backward/layernorm.ts');

/** A 3×4 batch whose rows have their own offset and spread, γ of both signs, β, an upstream gradient. */
function inputs(): { x: Matrix; gamma: Float64Array; beta: Float64Array; dout: Matrix } {
  const rng = createRng(1130);
  return {
    x: fromRows([
      [0.7, -1.2, 2.5, 0.1],
      [3.1, 4.4, 2.2, 5.0],
      [-2.0, -0.5, -1.1, -3.3],
    ]),
    gamma: Float64Array.from([1.5, -0.8, 2.2, 0.6]),
    beta: Float64Array.from([0.3, -1.1, 0.6, 0.0]),
    dout: normalMatrix(3, 4, rng),
  };
}

/** Two rows around 1e4 that differ by about 1e-2 (decimals, so their squares are not exact in float64). */
const offsetRows = (): Matrix =>
  fromRows([
    [10000.013, 9999.977, 10000.004, 9999.991, 10000.012, 9999.984, 10000.016, 9999.998],
    [10000.021, 10000.002, 9999.988, 10000.007, 9999.979, 10000.011, 9999.995, 10000.003],
  ]);

function layerNorm(k: Impl) {
  const { x, gamma, beta, dout } = inputs();
  return k.layerNormBackward(dout, k.layerNormForward(x, gamma, beta).cache);
}

function rmsNorm(k: Impl) {
  const { x, gamma, dout } = inputs();
  return k.rmsNormBackward(dout, k.rmsNormForward(x, gamma).cache);
}

export const probes: Probes<Impl> = {
  'LayerNorm out': (k) => {
    const { x, gamma, beta } = inputs();
    return k.layerNormForward(x, gamma, beta).out.data;
  },
  'LayerNorm out with eps = 0.5': (k) => {
    const { x, gamma, beta } = inputs();
    return k.layerNormForward(x, gamma, beta, 0.5).out.data;
  },
  // E[x²] − E[x]² loses four digits here; two passes keep them all.
  'LayerNorm out at rows around 1e4': (k) =>
    k.layerNormForward(offsetRows(), new Float64Array(8).fill(1), new Float64Array(8)).out.data,
  'LayerNorm dx': (k) => layerNorm(k).dx.data,
  'LayerNorm dgamma': (k) => layerNorm(k).dgamma,
  'LayerNorm dbeta': (k) => layerNorm(k).dbeta,
  'RMSNorm out': (k) => {
    const { x, gamma } = inputs();
    return k.rmsNormForward(x, gamma).out.data;
  },
  'RMSNorm dx': (k) => rmsNorm(k).dx.data,
  'RMSNorm dgamma': (k) => rmsNorm(k).dgamma,
};
