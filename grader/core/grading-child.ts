/**
 * Grading children: processes running grader/runner/child.ts, each grading one job. Booting
 * one (Node, tsx, the harness, fast-check, the parser) is most of the time a small grade takes,
 * so a pool keeps one booted and waiting: `watch` and the menu take it when the learner saves,
 * and boot the next while the learner reads the scorecard. Every grade still gets a fresh
 * process, so nothing one grade's code did (a patched built-in, a stale module) reaches the next.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.ts';

/** Heap for one grade: the MNIST kata needs a few hundred MB; a runaway allocation stops here. */
export const HEAP_MB = 2048;

export interface GradingChild {
  process: ChildProcess;
  isReady(): boolean;
  onReady(callback: () => void): void;
  /** What the child printed on stdout (the learner's console output). */
  output(): string;
  /** What it printed on stderr (Node's own fatal errors). */
  errors(): string;
}

/** The environment for the child, without the variables of a vitest run we may be inside. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'TEST' && key !== 'NODE_ENV') env[key] = value;
  }
  return env;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export function spawnGradingChild(): GradingChild {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const child of running) child.kill('SIGKILL');
    });
  }
  const proc = fork(join(repoRoot, 'grader/runner/child.ts'), [], {
    cwd: repoRoot,
    env: childEnv(),
    execArgv: ['--import', 'tsx', `--max-old-space-size=${HEAP_MB}`],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  running.add(proc);
  proc.on('exit', () => running.delete(proc));
  let ready = false;
  const waiting: (() => void)[] = [];
  const stdout: string[] = [];
  const stderr: string[] = [];
  let kept = 0;
  const keep = (into: string[]) => (chunk: Buffer): void => {
    // The learner's console output is shown in a few lines; the rest is not kept.
    if (kept > 64 * 1024) return;
    kept += chunk.length;
    into.push(chunk.toString());
  };
  proc.stdout?.on('data', keep(stdout));
  proc.stderr?.on('data', keep(stderr));
  proc.on('message', (message: { type?: string }) => {
    if (message.type !== 'ready' || ready) return;
    ready = true;
    for (const callback of waiting.splice(0)) callback();
  });
  return {
    process: proc,
    isReady: () => ready,
    onReady: (callback) => (ready ? callback() : waiting.push(callback)),
    output: () => stdout.join(''),
    errors: () => stderr.join(''),
  };
}

/** Keeps one booted child waiting for the next grade. */
export interface GradingPool {
  /** A booted (or booting) child for one job; the next one starts booting at once. */
  take(): GradingChild;
  close(): void;
}

export function createGradingPool(): GradingPool {
  let spare: GradingChild | undefined = spawnGradingChild();
  let closed = false;
  return {
    take() {
      const child = spare && spare.process.exitCode === null && !spare.process.killed ? spare : spawnGradingChild();
      spare = closed ? undefined : spawnGradingChild();
      return child;
    },
    close() {
      closed = true;
      spare?.process.kill('SIGKILL');
      spare = undefined;
    },
  };
}
