/**
 * Where the learner's own state lives (progress file, backups), and reading and writing the
 * progress file so that a bad one never stops them: a file that cannot be parsed is renamed
 * to `.progress.json.corrupt-<time>` with a warning, and progress starts afresh.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { progress as m } from '../messages/progress.ts';
import { repoRoot } from './paths.ts';
import { emptyProgress, parseProgress, ProgressFormatError, serializeProgress, type Progress } from './progress.ts';

/**
 * Moves the learner's state (progress file and backups) out of the repository, e.g. into a
 * temporary folder for the project's tests. Unset, it is the repository root (git-ignored).
 */
export const STATE_DIR_ENV = 'KATAS_STATE_DIR';

export function stateDir(env: NodeJS.ProcessEnv): string {
  return env[STATE_DIR_ENV] || repoRoot;
}

export function progressPath(env: NodeJS.ProcessEnv): string {
  return join(stateDir(env), '.progress.json');
}

export function backupsDir(env: NodeJS.ProcessEnv): string {
  return join(stateDir(env), '.backups');
}

/** A time as a file-name part that sorts in time order: 2025-03-01T14-05-09 (local time). */
export function fileStamp(now: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` +
    `T${pad(now.getHours())}-${pad(now.getMinutes())}-${pad(now.getSeconds())}`
  );
}

export type Warn = (message: string) => void;

/** The saved progress, or an empty one. Never throws: problems are passed to `warn`. */
export function loadProgress(path: string, warn: Warn, now: Date = new Date()): Progress {
  if (!existsSync(path)) return emptyProgress();
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    warn(m.cannotRead(path, (error as Error).message));
    return emptyProgress();
  }
  try {
    return parseProgress(text);
  } catch (error) {
    if (!(error instanceof ProgressFormatError)) throw error;
    const aside = `${path}.corrupt-${fileStamp(now)}`;
    try {
      renameSync(path, aside);
      warn(m.movedAside(basename(path), error.message, basename(aside)));
    } catch (renameError) {
      warn(m.cannotMoveAside(path, error.message, (renameError as Error).message));
    }
    return emptyProgress();
  }
}

/** Write the progress file whole: to a temporary name first, so a crash never leaves half a file. */
export function saveProgress(path: string, progress: Progress, warn: Warn): void {
  const temp = `${path}.tmp`;
  try {
    // KATAS_STATE_DIR may name a folder that does not exist yet.
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temp, serializeProgress(progress));
    renameSync(temp, path);
  } catch (error) {
    warn(m.cannotSave(path, (error as Error).message));
  }
}

/**
 * Read, change, write. The file is read again just before each change, so two windows (the
 * menu and a watch) do not undo each other's updates.
 */
export function updateProgress(path: string, change: (progress: Progress) => Progress, warn: Warn): Progress {
  const after = change(loadProgress(path, warn));
  saveProgress(path, after, warn);
  return after;
}
