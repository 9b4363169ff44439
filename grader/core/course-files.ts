/**
 * The course's spec and fixtures for one grade. The learner's checkout is theirs to change,
 * but a verdict must come from the course's own checks: when the spec or a fixture in the
 * checkout differs from the course's (see course-lock.ts), the original is read back and
 * graded with instead, and the learner is told. The toolkit the checks use must be the
 * course's too; a changed toolkit cannot be swapped out, so it stops the grade with the
 * command that restores it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { originalOf, readLock, repoPath } from './course-lock.ts';
import type { Kata } from './manifest.ts';
import { repoRoot } from './paths.ts';
import { grading as m } from '../messages/grading.ts';

export interface CourseFiles {
  /** The spec to run. */
  specPath: string;
  /** Repository path of each fixture → the file to read it from. */
  fixtureFiles: Record<string, string>;
  /** A scratch folder for this grade (the beacon lives there too). */
  scratchDir: string;
  /** What the learner should know: which of their copies were set aside for this grade. */
  notices: string[];
  /** Why the grade cannot be trusted at all (a changed toolkit), if it cannot. */
  problem?: string;
  /** Remove every file made for this grade. */
  cleanup(): void;
}

/** Every scratch path of grades still running, removed at exit whatever happens. */
const live = new Set<string>();
let exitHookInstalled = false;

function removeAll(): void {
  for (const path of live) rmSync(path, { recursive: true, force: true });
  live.clear();
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', removeAll);
  // Ctrl-C or a kill while grading: clean up, then end as the signal would have. A command that
  // handles the signal itself (watch, the menu) ends normally, and the exit hook cleans up.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const onSignal = (): void => {
      removeAll();
      if (process.listenerCount(signal) === 1) process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.on(signal, onSignal);
  }
}

export function prepareCourseFiles(kata: Kata): CourseFiles {
  installExitHook();
  const scratchDir = mkdtempSync(join(tmpdir(), 'kata-grade-'));
  live.add(scratchDir);
  const made = [scratchDir];
  const notices: string[] = [];
  const cleanup = (): void => {
    for (const path of made) {
      rmSync(path, { recursive: true, force: true });
      live.delete(path);
    }
  };
  const files: CourseFiles = { specPath: kata.specPath, fixtureFiles: {}, scratchDir, notices, cleanup };

  // The lock lists what the course has: a file the checkout lost is read back like a changed one,
  // and a file the learner added beside the course's is none of the grader's business.
  const locked = Object.keys(readLock());
  for (const file of locked.filter((f) => f.startsWith('katas/lib/'))) {
    const original = originalOf(file);
    if ('error' in original || original.changed) {
      files.problem = m.toolkitChanged(file);
      return files;
    }
  }

  const spec = repoPath(kata.specPath);
  const original = originalOf(spec);
  if ('error' in original) {
    files.problem = original.error;
    return files;
  }
  if (original.changed) {
    // Beside the learner's copy, so that the spec's relative imports resolve the same way.
    const copy = join(dirname(kata.specPath), `.${basename(kata.specPath, '.ts')}.course-${process.pid}-${live.size}.ts`);
    writeFileSync(copy, original.content);
    live.add(copy);
    made.push(copy);
    files.specPath = copy;
    notices.push(m.courseOriginalUsed(spec));
  }

  for (const fixture of locked.filter((f) => f.startsWith(`${repoPath(kata.fixturesDir)}/`))) {
    const found = originalOf(fixture);
    if ('error' in found) {
      files.problem = found.error;
      return files;
    }
    if (!found.changed) continue;
    const copy = join(scratchDir, basename(fixture));
    writeFileSync(copy, found.content);
    files.fixtureFiles[fixture] = copy;
    notices.push(
      existsSync(join(repoRoot, fixture))
        ? m.courseOriginalUsed(fixture)
        : m.courseFileMissing(fixture),
    );
  }
  return files;
}

/**
 * A copy of the kata's stub exactly as the course ships it, beside the learner's (so its
 * relative imports resolve alike), for the project's own tests: they grade the original stub,
 * never the learner's work in progress. `remove` deletes the copy.
 */
export function originalStubCopy(kata: Kata): { path: string; remove(): void } {
  installExitHook();
  const found = originalOf(repoPath(kata.stubPath));
  if ('error' in found) throw new Error(found.error);
  const path = join(dirname(kata.stubPath), `.${basename(kata.stubPath, '.ts')}.course-stub-${process.pid}.ts`);
  writeFileSync(path, found.content);
  live.add(path);
  return {
    path,
    remove() {
      rmSync(path, { force: true });
      live.delete(path);
    },
  };
}
