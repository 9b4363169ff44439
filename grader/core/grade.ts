/**
 * Grading, from the parent's side: start one child process per kata (run-kata.ts), collect
 * what it reports, and stop it if a check hangs. The result is a plain `KataReport`.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { notImplementedFunctions, summarise, verdict } from './classify.ts';
import { DEFAULT_TIMEOUT_SECONDS, type Kata } from './manifest.ts';
import { displayPath, repoRoot } from './paths.ts';
import type { ChildMessage, GradeJob, KataReport, TestOutcome } from './report.ts';

/** Which implementation to grade: the learner's stub file, the reference, or any file. */
export type Target = { kind: 'learner' } | { kind: 'solution' } | { kind: 'file'; path: string };

export function targetPath(kata: Kata, target: Target): string {
  switch (target.kind) {
    case 'learner':
      return kata.stubPath;
    case 'solution':
      return kata.solutionPath;
    case 'file':
      return target.path;
  }
}

/** At most this many lines of the learner's console output are kept. */
const CONSOLE_LINES = 12;
/** Time for the child to start vitest before the first check starts (on top of the check budget). */
const STARTUP_GRACE_MS = 15_000;

/** The environment for the child, without the variables of a vitest run we may be inside. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VITEST') && key !== 'TEST' && key !== 'NODE_ENV') env[key] = value;
  }
  return env;
}

export interface GradeOptions {
  /** Called with each finished check, for live progress. */
  onOutcome?: (outcome: TestOutcome) => void;
  /** Called with each new live progress line a long check reports (e.g. training). */
  onProgress?: (line: string) => void;
  /** Per-check budget in seconds, overriding the kata's `timeoutSeconds`. */
  timeoutSeconds?: number;
}

/** Grade one implementation of one kata. Never throws for anything the learner's code does. */
export function gradeKata(kata: Kata, target: Target, options: GradeOptions = {}): Promise<KataReport> {
  const path = targetPath(kata, target);
  const budgetSeconds = options.timeoutSeconds ?? kata.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const budgetMs = budgetSeconds * 1000;
  const tempDir = mkdtempSync(join(tmpdir(), 'kata-grade-'));
  const job: GradeJob = {
    slug: kata.slug,
    targetPath: path,
    testTimeoutMs: budgetSeconds * 1000,
    progressFile: join(tempDir, 'current-test'),
  };
  const started = Date.now();
  const outcomes: TestOutcome[] = [];
  const report: KataReport = {
    slug: kata.slug,
    title: kata.title,
    target: displayPath(path),
    status: 'crashed',
    categories: [],
    notImplemented: [],
    likelyMistakes: [],
    console: [],
    durationMs: 0,
  };
  const moduleErrors: string[] = [];
  let compileError = false;
  let done = false;
  let timedOut = false;

  return new Promise((resolve) => {
    const child = fork(join(repoRoot, 'grader/core/run-kata.ts'), [JSON.stringify(job)], {
      cwd: repoRoot,
      env: childEnv(),
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const stderr: string[] = [];
    child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    child.stdout?.resume();

    // The watchdog: vitest stops a check that waits too long, but not one that never yields
    // (a synchronous endless loop). The spec writes each check's name to the progress file as
    // it starts; if neither a result nor a new check has appeared for the whole budget, the
    // running check is stuck and the child is stopped.
    let lastActivity = Date.now();
    let lastProgress = '';
    const watchdog = setInterval(() => {
      const started = progressMtime(job.progressFile);
      if (options.onProgress && started !== undefined) {
        const line = readProgress(job.progressFile).line;
        if (line && line !== lastProgress) options.onProgress((lastProgress = line));
      }
      const idleMs = Date.now() - Math.max(lastActivity, started ?? 0);
      const limitMs = started === undefined ? budgetMs + STARTUP_GRACE_MS : budgetMs + 2_000;
      if (idleMs > limitMs) {
        timedOut = true;
        child.kill('SIGKILL');
      }
    }, 250);

    child.on('message', (raw) => {
      const message = raw as ChildMessage;
      switch (message.type) {
        case 'test':
          outcomes.push(message.outcome);
          options.onOutcome?.(message.outcome);
          lastActivity = Date.now();
          break;
        case 'compile-error':
          compileError = true;
          report.status = 'compile-error';
          report.compileError = message.error;
          break;
        case 'module-error':
          moduleErrors.push(message.message);
          break;
        case 'console':
          if (report.console.length < CONSOLE_LINES) report.console.push(...message.text.split('\n').slice(0, CONSOLE_LINES));
          break;
        case 'diagnosis':
          report.likelyMistakes = message.matches;
          break;
        case 'done':
          done = true;
          break;
      }
    });

    child.on('exit', () => {
      clearInterval(watchdog);
      report.categories = summarise(outcomes);
      report.notImplemented = notImplementedFunctions(outcomes);
      report.durationMs = Date.now() - started;
      if (compileError) {
        // status and compileError already set
      } else if (timedOut) {
        report.status = 'timeout';
        report.timeout = { seconds: budgetSeconds, test: readProgress(job.progressFile).test };
      } else if (moduleErrors.length > 0 && outcomes.length === 0) {
        report.status = 'crashed';
        report.crash = briefError(moduleErrors[0]);
      } else if (!done && outcomes.length === 0) {
        report.status = 'crashed';
        report.crash = briefError(stderr.join('').trim()) || 'the grading process stopped without a result';
      } else {
        report.status = verdict(outcomes);
      }
      rmSync(tempDir, { recursive: true, force: true });
      report.console = report.console.slice(0, CONSOLE_LINES);
      resolve(report);
    });
  });
}

function progressMtime(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The progress file: the running check's name, then optionally its latest progress line. */
function readProgress(file: string): { test?: string; line?: string } {
  try {
    const [test, line] = readFileSync(file, 'utf8').split('\n');
    return { test: test || undefined, line: line || undefined };
  } catch {
    return {};
  }
}

/** The first few meaningful lines of an error (a transform error puts its cause on line 2), never a stack. */
function briefError(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !/^\s+at /.test(l)).slice(0, 3);
  const joined = lines.join('\n');
  return joined.length > 400 ? `${joined.slice(0, 397)}...` : joined;
}

/**
 * Grade several katas, two at a time (the machines have two cores). `onReport` is called in
 * curriculum order, each report as soon as it and every kata before it are done.
 */
export async function gradeKatas(
  katas: readonly Kata[],
  target: Target | ((kata: Kata) => Target),
  options: GradeOptions & { concurrency?: number; onReport?: (report: KataReport) => void } = {},
): Promise<KataReport[]> {
  const reports: KataReport[] = new Array(katas.length);
  let next = 0;
  let reported = 0;
  const flush = (): void => {
    while (reported < katas.length && reports[reported] !== undefined) options.onReport?.(reports[reported++]);
  };
  const worker = async (): Promise<void> => {
    while (next < katas.length) {
      const index = next++;
      const kata = katas[index];
      reports[index] = await gradeKata(kata, typeof target === 'function' ? target(kata) : target, options);
      flush();
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, katas.length));
  await Promise.all(Array.from({ length: concurrency }, worker));
  return reports;
}
