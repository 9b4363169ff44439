/** Where things live. Every path in the project is derived from these, never stored twice. */
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const katasDir = join(repoRoot, 'katas');
export const solutionsDir = join(repoRoot, 'solutions');
export const fixturesDir = join(repoRoot, 'fixtures');

/** Paths inside the repository are shown relative to it, others in full. */
export function displayPath(path: string): string {
  const rel = relative(repoRoot, path);
  return rel.startsWith('..') ? path : rel;
}
