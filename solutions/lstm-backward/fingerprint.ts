/**
 * Probes that tell the catalogued LSTM mistakes apart (see grader/core/mistakes.ts). Two small
 * sequences (T=3, N=2, D=3, H=2, nonzero h0 and c0 with a cell entry above 1, distinct weights
 * for each gate): one with dhs on every step, one many-to-one (dhs only on the last step), where
 * a backward pass that drops a carried gradient leaves the early steps wrong. The forward
 * probes (hs, cs) catch a different gate layout; dc0 is probed on its own, so that returning
 * zeros there is told apart from losing the cell path. Every probe builds fresh inputs.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromRows, type Matrix } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/lstm-backward/lstm.ts');

interface Seq {
  xs: Matrix[];
  h0: Matrix;
  c0: Matrix;
  wx: Matrix;
  wh: Matrix;
  b: Float64Array;
  dhs: Matrix[];
}

function sequence(lastOnly: boolean): Seq {
  return {
    xs: [fromRows([[0.5, -1, 0.25], [1, 0.5, -0.5]]), fromRows([[-0.75, 0.25, 1], [0, -1, 0.5]]), fromRows([[0.25, 0.5, -0.25], [-1, 0.75, 0]])],
    h0: fromRows([[0.3, -0.2], [-0.5, 0.1]]),
    c0: fromRows([[1.5, -0.4], [0.2, -1.2]]),
    wx: fromRows([
      [0.4, -0.3, 0.2, 0.5, -0.6, 0.1, 0.3, -0.2],
      [0.2, 0.5, -0.1, 0.3, 0.4, -0.5, 0.1, 0.6],
      [-0.6, 0.1, 0.5, -0.2, 0.2, 0.3, -0.4, 0.1],
    ]),
    wh: fromRows([
      [0.5, -0.8, 0.3, 0.2, -0.1, 0.4, 0.6, -0.3],
      [0.3, 0.2, -0.5, 0.1, 0.7, -0.2, 0.2, 0.4],
    ]),
    b: Float64Array.of(0.1, -0.2, 1, 0.9, 0.3, -0.1, 0.05, -0.3),
    dhs: lastOnly
      ? [fromRows([[0, 0], [0, 0]]), fromRows([[0, 0], [0, 0]]), fromRows([[1, -0.5], [0.25, 2]])]
      : [fromRows([[0.5, 1], [-1, 0.25]]), fromRows([[-0.5, 0.75], [1, -1]]), fromRows([[1, -0.5], [0.25, 2]])],
  };
}

function observe(m: Matrix): number[] {
  return [m.rows, m.cols, ...m.data];
}

function forward(k: Impl, lastOnly: boolean) {
  const s = sequence(lastOnly);
  return k.lstmForward(s.xs, s.h0, s.c0, s.wx, s.wh, s.b);
}

function gradients(k: Impl, lastOnly: boolean) {
  const s = sequence(lastOnly);
  return k.lstmBackward(s.dhs, k.lstmForward(s.xs, s.h0, s.c0, s.wx, s.wh, s.b).cache);
}

export const probes: Probes<Impl> = {
  'hs (T=3, N=2, D=3, H=2)': (k) => forward(k, false).hs.flatMap(observe),
  'cs (T=3, N=2, D=3, H=2)': (k) => forward(k, false).cs.flatMap(observe),
  'dxs, dhs on every step': (k) => gradients(k, false).dxs.flatMap(observe),
  'dh0, dhs on every step': (k) => observe(gradients(k, false).dh0),
  'dc0, dhs on every step': (k) => observe(gradients(k, false).dc0),
  'dwx, dhs on every step': (k) => observe(gradients(k, false).dwx),
  'dwh, dhs on every step': (k) => observe(gradients(k, false).dwh),
  'db, dhs on every step': (k) => gradients(k, false).db,
  'dxs, many-to-one': (k) => gradients(k, true).dxs.flatMap(observe),
  'dh0, many-to-one': (k) => observe(gradients(k, true).dh0),
  'dc0, many-to-one': (k) => observe(gradients(k, true).dc0),
  'dwh, many-to-one': (k) => observe(gradients(k, true).dwh),
};
