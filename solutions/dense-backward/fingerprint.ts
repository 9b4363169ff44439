/**
 * Probes that tell the catalogued dense-layer mistakes apart (see grader/core/mistakes.ts).
 * Each runs one small, hand-written layer and reports a matrix as [rows, cols, ...entries],
 * so a wrong shape shows as clearly as a wrong value. Two layers are used: a rectangular one
 * (N=3, D=4, M=2), where a transposed gradient has the wrong shape, and a square one
 * (D = M = 3, with a non-symmetric W), where it has the right shape and the wrong values.
 * Every probe builds fresh inputs, so an implementation that writes into them cannot spoil
 * the next probe.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromRows, type Matrix } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/dense-backward/dense.ts');

interface Layer {
  x: Matrix;
  w: Matrix;
  b: Float64Array;
  dout: Matrix;
}

function rectangular(): Layer {
  return {
    x: fromRows([[1, 2, -1, 0.5], [0, -3, 2, 1], [2, 1, 1, -2]]),
    w: fromRows([[0.5, -1], [2, 0], [-1, 1], [1, 3]]),
    b: Float64Array.from([0.25, -0.5]),
    dout: fromRows([[1, -2], [0.5, 1], [-1, 3]]),
  };
}

function square(): Layer {
  return {
    x: fromRows([[1, 2, 3], [-1, 0, 2]]),
    w: fromRows([[1, 2, 0], [0, 1, -1], [3, 0, 1]]),
    b: Float64Array.from([1, -1, 0.5]),
    dout: fromRows([[1, 0, -1], [2, 1, 0]]),
  };
}

function observe(m: Matrix): number[] {
  return [m.rows, m.cols, ...m.data];
}

function gradients(k: Impl, layer: Layer) {
  return k.denseBackward(layer.dout, k.denseForward(layer.x, layer.w, layer.b).cache);
}

export const probes: Probes<Impl> = {
  'out (N=3, D=4, M=2)': (k) => {
    const { x, w, b } = rectangular();
    return observe(k.denseForward(x, w, b).out);
  },
  'dx (N=3, D=4, M=2)': (k) => observe(gradients(k, rectangular()).dx),
  'dw (N=3, D=4, M=2)': (k) => observe(gradients(k, rectangular()).dw),
  'db (N=3, D=4, M=2)': (k) => gradients(k, rectangular()).db,
  'dx (N=2, D=M=3)': (k) => observe(gradients(k, square()).dx),
  'dw (N=2, D=M=3)': (k) => observe(gradients(k, square()).dw),
  // Beyond the trainer's batch of 32: db must add up every row, however many.
  'db (N=40, D=2, M=2)': (k) => {
    const x = fromRows(Array.from({ length: 40 }, (_, n) => [n % 3, 1 - (n % 5)]));
    const dout = fromRows(Array.from({ length: 40 }, (_, n) => [1 + (n % 4), n % 2 === 0 ? 1 : -2]));
    return k.denseBackward(dout, k.denseForward(x, fromRows([[1, 0], [0.5, 2]]), Float64Array.from([0, 1])).cache).db;
  },
  'w after forward and backward': (k) => {
    const layer = rectangular();
    gradients(k, layer);
    return observe(layer.w);
  },
  'dw from the cache of an earlier forward pass': (k) => {
    const first = rectangular();
    const second = rectangular();
    second.x.data.reverse();
    const { cache } = k.denseForward(first.x, first.w, first.b);
    k.denseForward(second.x, second.w, second.b);
    return observe(k.denseBackward(first.dout, cache).dw);
  },
};
