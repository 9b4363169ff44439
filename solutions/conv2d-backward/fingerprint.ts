/**
 * Probes that tell the catalogued conv2d-backward mistakes apart (see grader/core/mistakes.ts).
 * Each runs one small, hand-written case and reports a tensor as [...shape, ...entries], so a
 * wrong shape (an uncropped dx, a ceil'd output size) shows as clearly as a wrong value. Every
 * probe builds fresh inputs, so an implementation that writes into them cannot spoil the next.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromNested, tensor, type Tensor } from '../lib/tensor.ts';

type Impl = typeof import('../../katas/conv2d-backward/conv.ts');

function observe(t: Tensor): number[] {
  return [...t.shape, ...t.data];
}

/** Entry k of a small deterministic pattern: integers and halves, no two equal in a window. */
function pattern(shape: number[], salt: number): Tensor {
  const size = shape.reduce((a, s) => a * s, 1);
  return tensor(shape, Float64Array.from({ length: size }, (_, k) => (((k * 7 + salt * 3) % 11) - 5) / 2 + k / 64));
}

interface Conv {
  x: Tensor;
  w: Tensor;
  b: Float64Array;
  stride: number;
  padding: number;
}

function conv(n: number, c: number, h: number, wd: number, f: number, k: number, stride: number, padding: number): Conv {
  return { x: pattern([n, c, h, wd], 1), w: pattern([f, c, k, k], 2), b: Float64Array.from({ length: f }, (_, i) => i - 0.5), stride, padding };
}

function grads(impl: Impl, l: Conv) {
  const { out, cache } = impl.conv2dForward(l.x, l.w, l.b, { stride: l.stride, padding: l.padding });
  const dout = pattern([...out.shape], 3);
  return impl.conv2dBackward(dout, cache);
}

function poolDx(impl: Impl, x: Tensor, kernel: number, stride: number): number[] {
  const { out, cache } = impl.maxPool2dForward(x, { kernel, stride });
  return observe(impl.maxPool2dBackward(pattern([...out.shape], 4), cache));
}

export const probes: Probes<Impl> = {
  'out of an asymmetric 2×2 kernel (1×1×3×4)': (k) => {
    const x = fromNested([[[[1, 2, 0, 1], [0, 1, 3, 2], [2, 0, 1, 1]]]]);
    return observe(k.conv2dForward(x, fromNested([[[[1, 0], [-1, 2]]]]), Float64Array.from([1])).out);
  },
  'out, stride 2 where the floor matters (1×2×6×5, 3×3, padding 1)': (k) => {
    const l = conv(1, 2, 6, 5, 2, 3, 2, 1);
    return observe(k.conv2dForward(l.x, l.w, l.b, { stride: 2, padding: 1 }).out);
  },
  'dx, padding 1 (2×2×4×5, 3×3)': (k) => observe(grads(k, conv(2, 2, 4, 5, 3, 3, 1, 1)).dx),
  'dw, a batch of 3 (3×2×4×4, 2×2)': (k) => observe(grads(k, conv(3, 2, 4, 4, 2, 2, 1, 0)).dw),
  'db, 2 images of 3×3 positions': (k) => grads(k, conv(2, 1, 4, 4, 2, 2, 1, 0)).db,
  'dx, stride 2 (1×2×5×5, 3×3)': (k) => observe(grads(k, conv(1, 2, 5, 5, 2, 3, 2, 0)).dx),
  'dw, stride 2 (1×2×5×5, 3×3)': (k) => observe(grads(k, conv(1, 2, 5, 5, 2, 3, 2, 0)).dw),
  'max pool dx with ties (kernel 2)': (k) => poolDx(k, fromNested([[[[1, 1, 0, 2], [1, 0, 2, 2], [3, 1, 1, 1], [0, 3, 1, 1]]]]), 2, 2),
  'max pool dx, overlapping windows (kernel 3, stride 1)': (k) => poolDx(k, pattern([1, 1, 5, 5], 5), 3, 1),
};
