/** Measuring a classifier, and describing what its predictions say about a bug. */
import { harness as m } from '../messages/harness.ts';

/** The fraction of predictions equal to the labels. */
export function accuracyOf(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predictions[i] === labels[i]) correct++;
  return correct / labels.length;
}

/**
 * A sentence about a failing classifier that points at the likely cause: a constant answer
 * means nothing was learned; a loss that barely moved means steps far too small.
 */
export function describePredictions(predictions: ArrayLike<number>, losses: readonly number[]): string {
  const counts = new Map<number, number>();
  for (let i = 0; i < predictions.length; i++) counts.set(predictions[i], (counts.get(predictions[i]) ?? 0) + 1);
  if (counts.size === 1) {
    const [digit] = counts.keys();
    return m.constantPrediction(digit);
  }
  if (losses.length >= 2) {
    const first = losses[0];
    const last = losses[losses.length - 1];
    if (!Number.isFinite(last)) return m.lossNotFinite(String(last));
    if (last > 0.9 * first) return m.lossFlat(first.toFixed(3), last.toFixed(3));
    return m.lossWent(first.toFixed(3), last.toFixed(3), counts.size);
  }
  return m.digitsPredicted(counts.size);
}
