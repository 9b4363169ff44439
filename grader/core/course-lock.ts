/**
 * The course's own files, as the course shipped them: `katas/course.lock.json` records the
 * git blob id of every file a verdict depends on (each kata's stub and spec, the fixtures,
 * the toolkit). The grader checks the learner's checkout against it:
 *
 * - a spec or fixture that differs (edited, emptied, replaced) is not trusted: the original is
 *   read back from git's object store by its blob id and graded with instead, and the learner
 *   is told;
 * - the original stub is exact, for `reset` and for the project's own tests, which must grade
 *   the stub as shipped, never the learner's work in progress.
 *
 * `npm run lock` rewrites the lock after a course change; the course lint (in CI, on a clean
 * checkout) fails while the lock and the files disagree.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { grading as m } from '../messages/grading.ts';
import type { Kata } from './manifest.ts';
import { katasDir, repoRoot } from './paths.ts';

export const LOCK_FILE = join(katasDir, 'course.lock.json');

/** The id git gives a file's content (`git hash-object`): sha1 of "blob <size>\0<bytes>". */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** A repository path with forward slashes, as git and the lock write it. */
export function repoPath(path: string): string {
  return relative(repoRoot, path).split(sep).join('/');
}

/** The files of the course a verdict depends on, as repository paths, sorted. */
export function lockedFiles(katas: readonly Kata[]): string[] {
  const files: string[] = [];
  const listDir = (dir: string, keep: (name: string) => boolean): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) if (keep(name)) files.push(repoPath(join(dir, name)));
  };
  for (const kata of katas) {
    files.push(repoPath(kata.stubPath), repoPath(kata.specPath));
    listDir(kata.fixturesDir, (name) => name.endsWith('.json'));
  }
  listDir(join(katasDir, 'lib'), (name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));
  return files.sort();
}

/** The lock as it should be for the files as they are now. */
export function computeLock(katas: readonly Kata[]): Record<string, string> {
  const lock: Record<string, string> = {};
  for (const file of lockedFiles(katas)) lock[file] = blobId(readFileSync(join(repoRoot, file)));
  return lock;
}

export function renderLock(lock: Record<string, string>): string {
  // i18n-exempt: the lock file's own comment, the same in every checkout
  return `${JSON.stringify({ $comment: 'Written by npm run lock: the git blob id of each course file a verdict depends on.', files: lock }, null, 2)}\n`;
}

let cachedLock: Record<string, string> | undefined;

/** The recorded lock: repository path → blob id. */
export function readLock(): Record<string, string> {
  if (cachedLock) return cachedLock;
  let parsed: { files?: Record<string, string> };
  try {
    parsed = JSON.parse(readFileSync(LOCK_FILE, 'utf8')) as { files?: Record<string, string> };
  } catch (error) {
    throw new Error(m.lockUnreadable(repoPath(LOCK_FILE), (error as Error).message));
  }
  cachedLock = parsed.files ?? {};
  return cachedLock;
}

export type Original =
  | { content: Buffer; changed: boolean }
  | { error: string };

/**
 * The course's original of a locked file: the file itself when it is unchanged, otherwise the
 * recorded blob read back from git. `changed` says whether the checkout's copy differs.
 */
export function originalOf(file: string): Original {
  const id = readLock()[file];
  // i18n-exempt: a course file missing from the lock, for course authors
  if (id === undefined) return { error: `${file} is not one of the course's locked files (run npm run lock after adding it).` };
  const path = join(repoRoot, file);
  let current: Buffer | undefined;
  try {
    current = readFileSync(path);
  } catch {
    // Deleted: recovered from git below.
  }
  if (current !== undefined && blobId(current) === id) return { content: current, changed: false };
  try {
    const content = execFileSync('git', ['-C', repoRoot, 'cat-file', 'blob', id], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    return { content, changed: true };
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? m.gitMissing : m.gitLacksIt;
    return { error: m.originalUnreadable(file, why) };
  }
}

/** Like `originalOf`, for code that needs the text or a clear Error. */
export function originalText(file: string): { text: string; changed: boolean } {
  const found = originalOf(file);
  if ('error' in found) throw new Error(found.error);
  return { text: found.content.toString('utf8'), changed: found.changed };
}
