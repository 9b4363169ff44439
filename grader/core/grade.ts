/**
 * Grading, from the grader's side: hand one job to a grading child (grader/runner/child.ts),
 * collect what it reports, stop it if it hangs or eats memory, and decide the verdict. The
 * result is a plain `KataReport`.
 *
 * The verdict trusts nothing it was not told explicitly: "passed" needs the child's `done`,
 * a result for every check the spec declared, no problem (asynchronous error, patched
 * built-in, type error) and a spec and fixtures that are the course's own. Anything less is
 * "failed" or "stopped", with what was running when it ended.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { readBeacon } from '../runner/beacon.ts';
import { notImplementedFunctions, summarise, verdict } from './classify.ts';
import { prepareCourseFiles } from './course-files.ts';
import { HEAP_MB, spawnGradingChild, type GradingChild, type GradingPool } from './grading-child.ts';
import { DEFAULT_TIMEOUT_SECONDS, type Kata } from './manifest.ts';
import { displayPath, repoRoot } from './paths.ts';
import type { TypeChecker } from './typecheck.ts';
import { language } from '../i18n/language.ts';
import { grading as m } from '../messages/grading.ts';
import type { ChildMessage, GradeJob, KataReport, Phase, Problem, Stop, TestOutcome } from './report.ts';

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
/** Time for a cold child to boot before its job can start (on top of the budget). */
const BOOT_GRACE_MS = 20_000;
/** The diagnosis probes one implementation at a time, each in well under a second; longer, and the code hangs. */
const DIAGNOSIS_STEP_MS = 10_000;
/** A child whose memory passes this is stopped: a learner's loop that allocates without end. */
const MEMORY_LIMIT_BYTES = 2 * 1024 ** 3;
/** How much the memory must have grown during a hang for the hang to be blamed on memory. */
const MEMORY_GROWTH_BYTES = 512 * 1024 ** 2;

export interface GradeOptions {
  /** Called with each finished check, for live progress. */
  onOutcome?: (outcome: TestOutcome) => void;
  /** Called with each new live status line a long check reports (e.g. training). */
  onStatus?: (line: string) => void;
  /** Per-check budget in seconds, overriding the kata's `timeoutSeconds`. */
  timeoutSeconds?: number;
  /** Booted children waiting for a job (watch, the menu): a grade then starts at once. */
  pool?: GradingPool;
  /** Type-check the graded file alongside (a type error fails the grade). */
  typeChecker?: TypeChecker;
  /** The project's own tests: the quick budget of the katas that train on MNIST. */
  quick?: boolean;
}

function emptyReport(kata: Kata, path: string): KataReport {
  return {
    slug: kata.slug,
    title: kata.title,
    target: displayPath(path),
    status: 'stopped',
    categories: [],
    checks: { declared: 0, ran: 0 },
    problems: [],
    notices: [],
    notImplemented: [],
    likelyMistakes: [],
    console: [],
    durationMs: 0,
  };
}

function insideRepository(path: string): boolean {
  const rel = relative(repoRoot, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function firstSentence(text: string): string {
  return text.split(/\. |。/)[0];
}

/** Resident memory of a process in bytes (Linux), or undefined where it cannot be read. */
function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function describePhase(phase: Phase): string {
  switch (phase.kind) {
    case 'start':
      return m.phaseStart;
    case 'load':
      return m.phaseLoad(phase.file);
    case 'check':
      return m.phaseCheck(phase.name);
    case 'diagnosis':
      return m.phaseDiagnosis(phase.probing);
  }
}

function stopMessage(cause: Stop['cause'], phase: Phase, detail: { seconds?: number; megabytes?: number; exit?: string }): string {
  const where = describePhase(phase);
  switch (cause) {
    case 'hang':
      if (phase.kind === 'load') return m.loadHang(detail.seconds ?? 0);
      return m.hang(where, detail.seconds ?? 0);
    case 'memory':
      return m.memory(where, String(detail.megabytes));
    case 'exited':
      return m.exited(where, String(detail.exit));
    case 'load-error':
      return '';
  }
}

/** Grade one implementation of one kata. Never throws for anything the learner's code does. */
export async function gradeKata(kata: Kata, target: Target, options: GradeOptions = {}): Promise<KataReport> {
  const path = targetPath(kata, target);
  const report = emptyReport(kata, path);
  const started = Date.now();
  const course = prepareCourseFiles(kata);
  report.notices.push(...course.notices);
  if (course.problem) {
    course.cleanup();
    report.stopped = { cause: 'load-error', phase: { kind: 'start' }, message: course.problem };
    return report;
  }
  const budgetSeconds = options.timeoutSeconds ?? kata.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  const job: GradeJob = {
    slug: kata.slug,
    targetPath: path,
    specPath: course.specPath,
    fixtureFiles: course.fixtureFiles,
    checkTimeoutMs: budgetSeconds * 1000,
    beaconFile: join(course.scratchDir, 'beacon'),
    quick: options.quick ?? false,
    lang: language(),
  };
  // The project's compiler options apply to its own files; a file elsewhere is graded, not type-checked.
  const types = insideRepository(path) ? options.typeChecker?.check(path) : undefined;
  const child = options.pool?.take() ?? spawnGradingChild();
  try {
    await runJob(child, job, report, { ...options, budgetMs: budgetSeconds * 1000 });
  } finally {
    course.cleanup();
  }
  if (types) {
    const found = await types;
    if (!found.ok) report.notices.push(m.typeCheckCouldNotRun(found.error));
    else if (report.status !== 'compile-error') {
      // A syntax error is already the compile error; type errors are shown as tsc shows them.
      for (const e of found.problems) report.problems.push({ kind: 'type-error', message: `${e.file}:${e.line}:${e.column}  ${e.message}` });
      const more = found.total - found.problems.length;
      if (more > 0) report.problems.push({ kind: 'type-error', message: m.moreTypeErrors(more) });
    }
  }
  if (report.problems.length > 0 && (report.status === 'passed' || report.status === 'not-started')) report.status = 'failed';
  report.durationMs = Date.now() - started;
  return report;
}

/** Run the job on the child and fill in the report from what it says, or from how it ended. */
function runJob(child: GradingChild, job: GradeJob, report: KataReport, options: GradeOptions & { budgetMs: number }): Promise<void> {
  const outcomes: TestOutcome[] = [];
  const problems: Problem[] = [];
  const repeats = new Map<Problem, number>();
  let declared: number | undefined;
  let done = false;
  let terminal: 'compile-error' | 'load-error' | undefined;
  let killedFor: { cause: 'hang' | 'memory'; phase: Phase; megabytes?: number } | undefined;

  return new Promise((resolve) => {
    const { process: proc } = child;
    let sent = false;
    let lastStatus = '';
    let lastActivity = Date.now();
    let memoryAtPhase = { phase: '', bytes: 0 };

    const start = (): void => {
      if (sent) return;
      sent = true;
      lastActivity = Date.now();
      // A child that died while waiting cannot take the job; its exit is reported below.
      proc.send({ type: 'job', job }, (error) => {
        if (error) proc.kill('SIGKILL');
      });
    };
    proc.on('error', () => proc.kill('SIGKILL'));
    if (child.isReady()) start();
    else child.onReady(start);

    // The watchdog. A check that waits too long is stopped by the child itself, but a check that
    // never yields (a synchronous endless loop) blocks the child entirely: then the beacon says
    // what was running, and the child is killed once nothing new has happened for the budget.
    const watchdog = setInterval(() => {
      const beacon = readBeacon(job.beaconFile);
      if (beacon?.status && beacon.status !== lastStatus && options.onStatus) options.onStatus((lastStatus = beacon.status));
      const phase: Phase = beacon?.phase ?? { kind: 'start' };
      const bytes = residentBytes(proc.pid);
      const phaseKey = JSON.stringify(phase);
      if (bytes !== undefined && phaseKey !== memoryAtPhase.phase) memoryAtPhase = { phase: phaseKey, bytes };
      const megabytes = bytes === undefined ? undefined : Math.round(bytes / 1024 ** 2);
      if (bytes !== undefined && bytes > MEMORY_LIMIT_BYTES) {
        killedFor = { cause: 'memory', phase, megabytes };
        proc.kill('SIGKILL');
        return;
      }
      const idleMs = Date.now() - Math.max(lastActivity, beacon?.writtenAt ?? 0);
      const limitMs = !sent ? options.budgetMs + BOOT_GRACE_MS : phase.kind === 'diagnosis' ? DIAGNOSIS_STEP_MS : options.budgetMs + 2_000;
      if (idleMs > limitMs) {
        const grew = bytes !== undefined && bytes - memoryAtPhase.bytes > MEMORY_GROWTH_BYTES;
        killedFor = { cause: grew ? 'memory' : 'hang', phase, megabytes };
        proc.kill('SIGKILL');
      }
    }, 200);

    proc.on('message', (raw) => {
      const message = raw as ChildMessage;
      lastActivity = Date.now();
      switch (message.type) {
        case 'ready':
          break;
        case 'compile-error':
          terminal = 'compile-error';
          report.status = 'compile-error';
          report.compileError = message.error;
          break;
        case 'load-error':
          terminal = 'load-error';
          report.status = message.failure.kind === 'not-implemented' ? 'not-started' : 'failed';
          report.stopped = { cause: 'load-error', phase: { kind: 'load', file: report.target }, message: m.loadingStopped(message.failure.message) };
          break;
        case 'plan':
          declared = message.checks;
          break;
        case 'result':
          outcomes.push(message.outcome);
          options.onOutcome?.(message.outcome);
          break;
        case 'problem': {
          // The same error thrown again and again (a timer set on every call) is told once.
          const { problem } = message;
          const same = problems.find((p) => p.kind === problem.kind && firstSentence(p.message) === firstSentence(problem.message));
          if (same) repeats.set(same, (repeats.get(same) ?? 1) + 1);
          else if (problems.length < 3) problems.push(problem);
          break;
        }
        case 'diagnosis':
          report.likelyMistakes = message.matches;
          break;
        case 'done':
          done = true;
          break;
      }
    });

    proc.on('exit', (code, signal) => {
      clearInterval(watchdog);
      report.categories = summarise(outcomes);
      report.notImplemented = notImplementedFunctions(outcomes);
      for (const p of problems) {
        const times = repeats.get(p);
        report.problems.push(times ? { ...p, message: m.happenedTimes(p.message, times) } : p);
      }
      report.console = child.output().split('\n').filter((l) => l.trim() !== '').slice(0, CONSOLE_LINES);
      report.checks = { declared: declared ?? 0, ran: outcomes.length };
      const allRan = declared !== undefined && declared > 0 && outcomes.length === declared;
      const phase = readBeacon(job.beaconFile)?.phase ?? { kind: 'start' };
      if (terminal) {
        // compile-error and load-error are complete answers in themselves.
      } else if (killedFor?.phase.kind === 'diagnosis' && allRan) {
        // Every check ran; only the bonus diagnosis hung. The checks' verdicts stand.
        report.status = verdict(outcomes);
        report.diagnosisStopped = m.diagnosisStopped;
      } else if (problems.some((p) => p.kind === 'patched-built-in')) {
        // The child stops at a patched built-in: nothing after it could be trusted. It is a failure, named.
        report.status = 'failed';
      } else if (killedFor) {
        report.status = 'stopped';
        const seconds = Math.round(options.budgetMs / 1000);
        report.stopped = { cause: killedFor.cause, phase: killedFor.phase, message: stopMessage(killedFor.cause, killedFor.phase, { seconds, megabytes: killedFor.megabytes }) };
      } else if (!done || !allRan) {
        const heap = /heap out of memory|Reached heap limit/i.test(child.errors());
        const exit = signal ? m.killedBy(signal) : m.exitedWith(String(code));
        const cause = heap ? 'memory' : 'exited';
        report.status = 'stopped';
        report.stopped = { cause, phase, message: heap ? stopMessage('memory', phase, { megabytes: HEAP_MB }) : stopMessage('exited', phase, { exit }) };
        if (declared === 0) report.stopped.message = m.noChecks;
      } else {
        report.status = verdict(outcomes);
      }
      resolve();
    });
  });
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
