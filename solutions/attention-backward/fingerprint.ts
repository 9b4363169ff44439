/**
 * Probes that tell the catalogued attention mistakes apart (see grader/core/mistakes.ts). Fixed
 * small inputs with d = 4 (so 1/√d = 1/2, 1/d = 1/4 and 1 all differ): a square case without
 * the mask (out, dq, dk, dv), the same with causal (a mask on the diagonal leaves row 0 with no
 * key at all, a mask one late lets query i see key i + 1), a causal case with T = 2 < S = 4
 * (top-left against bottom-right alignment), a causal case with dout only on row 0 (gradient
 * leaking into masked keys), and scores of order 1e4 (a softmax without the max subtraction
 * gives NaN). Every probe builds fresh inputs.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromRows, type Matrix } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/attention-backward/attention.ts');

interface Problem {
  q: Matrix;
  k: Matrix;
  v: Matrix;
  dout: Matrix;
}

function square(): Problem {
  return {
    q: fromRows([[0.5, -1, 0.25, 0.75], [1, 0.5, -0.5, 0], [-0.75, 0.25, 1, -0.5]]),
    k: fromRows([[0.4, -0.3, 0.2, 0.5], [-0.6, 0.1, 0.7, -0.2], [0.3, 0.8, -0.4, 0.1]]),
    v: fromRows([[1, -0.5], [0.25, 2], [-1, 0.75]]),
    dout: fromRows([[0.5, 1], [-1, 0.25], [0.75, -0.5]]),
  };
}

function wide(): Problem {
  return {
    q: fromRows([[0.5, -1, 0.25, 0.75], [1, 0.5, -0.5, 0]]),
    k: fromRows([[0.4, -0.3, 0.2, 0.5], [-0.6, 0.1, 0.7, -0.2], [0.3, 0.8, -0.4, 0.1], [-0.2, 0.6, 0.5, -0.7]]),
    v: fromRows([[1, -0.5], [0.25, 2], [-1, 0.75], [0.5, 0.5]]),
    dout: fromRows([[0.5, 1], [-1, 0.25]]),
  };
}

function observe(m: Matrix): number[] {
  return [m.rows, m.cols, ...m.data];
}

function run(k: Impl, p: Problem, causal: boolean) {
  const { out, cache } = k.attentionForward(p.q, p.k, p.v, { causal });
  return { out, grads: k.attentionBackward(p.dout, cache) };
}

export const probes: Probes<Impl> = {
  'out, 3×4 by 3×4, no mask': (k) => observe(run(k, square(), false).out),
  'dq, no mask': (k) => observe(run(k, square(), false).grads.dq),
  'dk, no mask': (k) => observe(run(k, square(), false).grads.dk),
  'dv, no mask': (k) => observe(run(k, square(), false).grads.dv),
  'out, causal': (k) => observe(run(k, square(), true).out),
  'dq, causal': (k) => observe(run(k, square(), true).grads.dq),
  'dk, causal': (k) => observe(run(k, square(), true).grads.dk),
  'dv, causal': (k) => observe(run(k, square(), true).grads.dv),
  'out, causal, T=2 < S=4': (k) => observe(run(k, wide(), true).out),
  'dv, no mask, T=2 < S=4': (k) => observe(run(k, wide(), false).grads.dv),
  'dk, causal, dout on row 0 only': (k) => {
    const p = square();
    p.dout = fromRows([[0.5, 1], [0, 0], [0, 0]]);
    return observe(run(k, p, true).grads.dk);
  },
  'out, scores of order 1e4': (k) => {
    const p = square();
    p.q = fromRows(Array.from({ length: 3 }, (_, r) => Array.from(p.q.data.subarray(r * 4, r * 4 + 4), (x) => 200 * x)));
    p.k = fromRows(Array.from({ length: 3 }, (_, r) => Array.from(p.k.data.subarray(r * 4, r * 4 + 4), (x) => 200 * x)));
    return observe(run(k, p, false).out);
  },
};
