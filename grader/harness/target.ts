/**
 * Which implementation a spec grades. The spec never names a file: the grading job does
 * (the learner's file, the reference, or any file such as a catalogued mistake).
 */
import { pathToFileURL } from 'node:url';
import { specJob } from './job.ts';

/**
 * Import the implementation under test. Usage at the top of a spec:
 * `const impl = await loadTarget<typeof import('./dense.ts')>();`
 */
export async function loadTarget<T>(): Promise<T> {
  return (await import(pathToFileURL(specJob().targetPath).href)) as T;
}
