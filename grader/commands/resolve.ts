/** Turning the slugs or prefixes a learner typed into katas, or a helpful error. */
import { findKata, type Kata } from '../core/manifest.ts';
import type { Io } from '../io.ts';

/** All katas when `names` is empty; otherwise each name resolved, or undefined after printing why not. */
export function resolveKatas(katas: readonly Kata[], names: readonly string[], io: Io): Kata[] | undefined {
  if (names.length === 0) return [...katas];
  const selected: Kata[] = [];
  for (const name of names) {
    const found = findKata(katas, name);
    if ('error' in found) {
      io.err(found.error);
      return undefined;
    }
    if (!selected.includes(found.kata)) selected.push(found.kata);
  }
  return selected.sort((a, b) => a.order - b.order);
}
