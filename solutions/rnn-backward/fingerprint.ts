/**
 * Probes that tell the catalogued RNN mistakes apart (see grader/core/mistakes.ts). Two small
 * sequences (T=3, N=2, D=3, H=2, a non-symmetric wh and a nonzero h0): one with dhs on every
 * step, one many-to-one (dhs only on the last step), where a backward pass that drops the
 * carried gradient leaves the early steps at zero and one that runs forward in time leaves a
 * different dh0. Clipping is probed above maxNorm, exactly at it, with a total of 5e-4 (where the 1e-6 shows), below it
 * (a scale-up shows) and with arrays of very different norms (per-array clipping shows), each
 * reporting the returned norm, then the arrays. Every probe builds fresh inputs.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromRows, type Matrix } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/rnn-backward/rnn.ts');

interface Seq {
  xs: Matrix[];
  h0: Matrix;
  wx: Matrix;
  wh: Matrix;
  b: Float64Array;
  dhs: Matrix[];
}

function sequence(lastOnly: boolean): Seq {
  return {
    xs: [fromRows([[0.5, -1, 0.25], [1, 0.5, -0.5]]), fromRows([[-0.75, 0.25, 1], [0, -1, 0.5]]), fromRows([[0.25, 0.5, -0.25], [-1, 0.75, 0]])],
    h0: fromRows([[0.3, -0.2], [-0.5, 0.1]]),
    wx: fromRows([[0.4, -0.3], [0.2, 0.5], [-0.6, 0.1]]),
    wh: fromRows([[0.5, -0.8], [0.3, 0.2]]),
    b: Float64Array.of(0.1, -0.2),
    dhs: lastOnly
      ? [fromRows([[0, 0], [0, 0]]), fromRows([[0, 0], [0, 0]]), fromRows([[1, -0.5], [0.25, 2]])]
      : [fromRows([[0.5, 1], [-1, 0.25]]), fromRows([[-0.5, 0.75], [1, -1]]), fromRows([[1, -0.5], [0.25, 2]])],
  };
}

function observe(m: Matrix): number[] {
  return [m.rows, m.cols, ...m.data];
}

function gradients(k: Impl, lastOnly: boolean) {
  const s = sequence(lastOnly);
  return k.rnnBackward(s.dhs, k.rnnForward(s.xs, s.h0, s.wx, s.wh, s.b).cache);
}

/** clipGradNorm on copies of `arrays`: the returned norm, then every array after clipping. */
function clipped(k: Impl, arrays: number[][], maxNorm: number): number[] {
  const grads = arrays.map((a) => Float64Array.from(a));
  const total = k.clipGradNorm(grads, maxNorm);
  return [total, ...grads.flatMap((g) => Array.from(g))];
}

export const probes: Probes<Impl> = {
  'hs (T=3, N=2, D=3, H=2)': (k) => {
    const s = sequence(false);
    return k.rnnForward(s.xs, s.h0, s.wx, s.wh, s.b).hs.flatMap(observe);
  },
  'dxs, dhs on every step': (k) => gradients(k, false).dxs.flatMap(observe),
  'dh0, dhs on every step': (k) => observe(gradients(k, false).dh0),
  'dwx, dhs on every step': (k) => observe(gradients(k, false).dwx),
  'dwh, dhs on every step': (k) => observe(gradients(k, false).dwh),
  'db, dhs on every step': (k) => gradients(k, false).db,
  'dxs, many-to-one': (k) => gradients(k, true).dxs.flatMap(observe),
  'dh0, many-to-one': (k) => observe(gradients(k, true).dh0),
  'dwh, many-to-one': (k) => observe(gradients(k, true).dwh),
  'clip [3, 0], [0, 4, 0] to 1': (k) => clipped(k, [[3, 0], [0, 4, 0]], 1),
  'clip [3, 4] to 5 (at the boundary)': (k) => clipped(k, [[3, 4]], 5),
  // A total of 5e-4: the 1e-6 in maxNorm / (total + 1e-6) moves the factor by 0.2%, far above float noise.
  'clip [3e-4, 4e-4] to 1e-4 (tiny gradients)': (k) => clipped(k, [[3e-4, 4e-4]], 1e-4),
  'clip [0.5, -1], [0.25] to 2 (below)': (k) => clipped(k, [[0.5, -1], [0.25]], 2),
  'clip [6, 8], [0.3, 0.4] to 2 (uneven norms)': (k) => clipped(k, [[6, 8], [0.3, 0.4]], 2),
};
