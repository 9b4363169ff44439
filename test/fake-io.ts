/** An Io that records what a command prints, for tests of commands. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Io } from '../grader/io.ts';
import { STATE_DIR_ENV } from '../grader/core/progress-store.ts';
import { plain } from '../grader/core/style.ts';

export interface FakeIo extends Io {
  /** Everything printed to standard output, then to standard error, joined by newlines. */
  stdout(): string;
  stderr(): string;
  /** The temporary folder standing in for the learner's state (progress file, backups). */
  stateDir: string;
}

export function fakeIo(options: { interactive?: boolean; stateDir?: string } = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'kata-state-'));
  return {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    style: plain,
    interactive: options.interactive ?? false,
    env: { ...process.env, [STATE_DIR_ENV]: stateDir },
    stdout: () => out.join('\n'),
    stderr: () => err.join('\n'),
    stateDir,
  };
}
