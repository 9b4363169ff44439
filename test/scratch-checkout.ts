/**
 * A scratch copy of the course, for tests that must run the commands as a learner would
 * without touching the learner's own checkout: the repository's files (tracked and untracked,
 * git's ignore rules applied), with every course file put back as the course ships it (the
 * lock's originals), node_modules linked, and committed in a fresh git repository so that the
 * originals can be read back from git as in a real clone.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { originalOf, readLock } from '../grader/core/course-lock.ts';
import { STATE_DIR_ENV } from '../grader/core/progress-store.ts';
import { repoRoot } from '../grader/core/paths.ts';
import { openScreen, type Screen } from './tmux.ts';

export interface ScratchCheckout {
  root: string;
  remove(): void;
}

const git = (cwd: string, args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=scratch', '-c', 'user.email=scratch@example.invalid', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

export function scratchCheckout(): ScratchCheckout {
  const root = mkdtempSync(join(tmpdir(), 'kata-checkout-'));
  const files = git(repoRoot, ['ls-files', '-co', '--exclude-standard', '-z']).split('\0').filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    try {
      cpSync(join(repoRoot, file), join(root, file));
    } catch {
      // Listed by git but deleted in the working tree: the lock's original comes back below.
    }
  }
  for (const file of Object.keys(readLock())) {
    const original = originalOf(file);
    if ('error' in original) throw new Error(original.error);
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), original.content);
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  git(root, ['init', '-q']);
  git(root, ['add', '-A']);
  git(root, ['commit', '-qm', 'scratch copy of the course']);
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A command of the course run in a real terminal (tmux) in the scratch checkout, with the
 * learner's state (progress, backups) in a fresh folder, optionally starting from `progress`.
 */
export function openLearnerCommand(checkout: ScratchCheckout, command: string, progress?: string): { screen: Screen; stateDir: string } {
  const stateDir = mkdtempSync(join(tmpdir(), 'kata-state-'));
  if (progress !== undefined) writeFileSync(join(stateDir, '.progress.json'), progress);
  const screen = openScreen(command, { cwd: checkout.root, env: { [STATE_DIR_ENV]: stateDir }, columns: 100, rows: 40 });
  return { screen, stateDir };
}
