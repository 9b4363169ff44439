/**
 * Which implementation a spec grades. The spec itself never names a file: the grader sets
 * `KATA_TARGET_FILE` (one file, e.g. a catalogued mistake) or `KATA_TARGET_DIR` (the
 * `katas/` or `solutions/` tree); with neither, the learner's own file is graded.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kataAt } from '../core/manifest.ts';
import { TARGET_DIR_ENV, TARGET_FILE_ENV } from '../core/paths.ts';

/** The file a spec at `specUrl` should load. */
export function targetFileFor(specUrl: string): string {
  const kata = kataAt(dirname(fileURLToPath(specUrl)));
  const file = process.env[TARGET_FILE_ENV];
  if (file) return file;
  const dir = process.env[TARGET_DIR_ENV];
  return dir ? join(dir, kata.slug, kata.file) : kata.stubPath;
}

/**
 * Import the implementation under test. Usage at the top of a spec:
 * `const impl = await loadTarget<typeof import('./dense.ts')>(import.meta.url);`
 */
export async function loadTarget<T>(specUrl: string): Promise<T> {
  return (await import(pathToFileURL(targetFileFor(specUrl)).href)) as T;
}

/** Path of a file beside the spec, for specs that need their kata's own resources. */
export function besideSpec(specUrl: string, name: string): string {
  return join(dirname(fileURLToPath(specUrl)), name);
}
