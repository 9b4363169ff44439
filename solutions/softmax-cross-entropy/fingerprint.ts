/**
 * Probes that tell the catalogued softmax and cross-entropy mistakes apart (see
 * grader/core/mistakes.ts). Each runs the implementation on fixed inputs and returns a few
 * numbers: moderate logits, where every stable and unstable formula agrees, and logits of ±1e4
 * or ±800, where only the stable ones stay finite. Every probe builds fresh inputs.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromRows, type Matrix } from '../lib/matrix.ts';

type Impl = typeof import('../../katas/softmax-cross-entropy/softmax.ts');

/** Moderate logits, 4 examples and 3 classes. */
const moderate = (): Matrix => fromRows([[1, -0.5, 2], [0.25, 0.25, -1], [-2, 3, 0.5], [0, 1.5, -0.75]]);
/** Logits of ±1e4. */
const huge = (): Matrix => fromRows([[1e4, 0, -1e4], [-1e4, 1e4, 5], [3, 1e4, -2]]);
const labels = [2, 0, 1, 1];
const hugeLabels = [2, 1, 0];

export const probes: Probes<Impl> = {
  'softmax of moderate logits': (k) => k.softmax(moderate()).data,
  'softmax at ±1e4': (k) => k.softmax(huge()).data,
  'logSoftmax of moderate logits': (k) => k.logSoftmax(moderate()).data,
  'logSoftmax at ±1e4': (k) => k.logSoftmax(huge()).data,
  'softmaxBackward for a fixed dout': (k) => {
    const out = fromRows([[0.2, 0.5, 0.3], [0.7, 0.1, 0.2]]);
    return k.softmaxBackward(fromRows([[1, -2, 0.5], [0.3, 0.3, -1]]), out).data;
  },
  'crossEntropy loss (N=4)': (k) => k.crossEntropy(moderate(), labels).loss,
  'crossEntropy dlogits (N=4)': (k) => k.crossEntropy(moderate(), labels).dlogits.data,
  'crossEntropy loss at ±1e4': (k) => k.crossEntropy(huge(), hugeLabels).loss,
  'crossEntropy dlogits at ±1e4': (k) => k.crossEntropy(huge(), hugeLabels).dlogits.data,
  'bceWithLogits of moderate logits': (k) => {
    const { loss, dlogits } = k.bceWithLogits(Float64Array.of(1.5, -0.5, 2, -3), Float64Array.of(1, 0, 0.25, 0));
    return [loss, ...dlogits];
  },
  'bceWithLogits loss at z = 800, y = 0': (k) => k.bceWithLogits(Float64Array.of(800), Float64Array.of(0)).loss,
  'bceWithLogits loss at z = −800, y = 1': (k) => k.bceWithLogits(Float64Array.of(-800), Float64Array.of(1)).loss,
  'bceWithLogits loss at z = ±40, y = 0, 1': (k) => k.bceWithLogits(Float64Array.of(40, -40), Float64Array.of(0, 1)).loss,
};
