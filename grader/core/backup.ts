/**
 * Nothing a learner wrote is lost: before their file is replaced, it is copied to
 * `.backups/<slug>/<stem>.<time>.ts`, a new name every time, never overwritten.
 */
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Kata } from './manifest.ts';
import { originalOf, repoPath } from './course-lock.ts';
import { fileStamp } from './progress-store.ts';

/** The backup's path for `file` at `now`: the first of `<stem>.<time>.ts`, `<stem>.<time>-2.ts`, … that is free. */
export function backupPathFor(dir: string, slug: string, file: string, now: Date, taken: (path: string) => boolean = existsSync): string {
  const stem = basename(file).replace(/\.ts$/, '');
  const base = join(dir, slug, `${stem}.${fileStamp(now)}`);
  let path = `${base}.ts`;
  for (let n = 2; taken(path); n++) path = `${base}-${n}.ts`;
  return path;
}

/** Copy `file` into the backups folder; returns the backup's path. Throws if it cannot (then nothing else happens). */
export function backupFile(file: string, dir: string, slug: string, now: Date): string {
  const target = backupPathFor(dir, slug, file, now);
  mkdirSync(join(dir, slug), { recursive: true });
  // COPYFILE_EXCL: a backup is never written over another one.
  copyFileSync(file, target, constants.COPYFILE_EXCL);
  return target;
}

export type ResetOutcome =
  /** The file was replaced by the original stub; `backup` holds what was there (absent if there was no file). */
  | { kind: 'reset'; backup?: string }
  | { kind: 'unchanged' }
  /** The original stub could not be found: nothing was touched. */
  | { kind: 'no-original'; reason: string };

export interface ResetOptions {
  backupsDir: string;
  now: Date;
  /** The stub as the course ships it: by default the course lock's original (course-lock.ts). */
  original?: (kata: Kata) => { content: string } | { error: string };
}

export function lockedOriginal(kata: Kata): { content: string } | { error: string } {
  const found = originalOf(repoPath(kata.stubPath));
  return 'error' in found ? found : { content: found.content.toString('utf8') };
}

/** Put back the kata's original stub, after backing up the learner's file. */
export function resetToStub(kata: Kata, options: ResetOptions): ResetOutcome {
  const lookup = (options.original ?? lockedOriginal)(kata);
  if ('error' in lookup) return { kind: 'no-original', reason: lookup.error };
  const exists = existsSync(kata.stubPath);
  if (exists && readFileSync(kata.stubPath, 'utf8') === lookup.content) return { kind: 'unchanged' };
  const backup = exists ? backupFile(kata.stubPath, options.backupsDir, kata.slug, options.now) : undefined;
  writeFileSync(kata.stubPath, lookup.content);
  return { kind: 'reset', backup };
}
