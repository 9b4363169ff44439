/**
 * What grading one kata produces: plain data, rendered once at the edge (the scorecard, or
 * JSON with `--json`). Also the messages between the grader and its grading child process.
 */
import type { Lang } from '../i18n/language.ts';
import type { Category } from './categories.ts';
import type { MistakeMatch } from './mistakes.ts';

/**
 * - `passed`: every check of the kata's spec ran to the end and passed, and nothing else
 *   went wrong (no stray asynchronous error, no patched built-in, no type error).
 * - `failed`: something the learner wrote is wrong.
 * - `not-started`: every failing check hit a `not implemented` stub.
 * - `compile-error`: the file does not parse.
 * - `stopped`: grading could not finish (a hang, memory, the process ended early); see `stopped`.
 */
export type KataStatus = 'passed' | 'failed' | 'not-started' | 'compile-error' | 'stopped';

/** Why a single check failed, classified for the learner. */
export type FailureKind = 'check' | 'not-implemented' | 'error' | 'timeout' | 'harness';

export interface CheckFailure {
  kind: FailureKind;
  /** One short paragraph, already in the learner's terms. */
  message: string;
  /** For `not-implemented`: the function that still throws, e.g. `denseBackward(dout, cache)`. */
  unwritten?: Unwritten;
}

/** A stub function that still throws `not implemented`, and the earlier kata it belongs to, if not this one. */
export interface Unwritten {
  name: string;
  /** When the function is in another kata's file (mnist-classifier calling the learner's Adam). */
  elsewhere?: { slug: string; file: string };
}

export interface TestOutcome {
  category: Category | 'other';
  name: string;
  state: 'passed' | 'failed';
  failure?: CheckFailure;
  durationMs: number;
}

export interface CategoryResult {
  category: Category | 'other';
  passed: number;
  failed: number;
  /** The first failure worth showing: a real failure before a `not implemented` one. */
  firstFailure?: { test: string; failure: CheckFailure };
}

export interface CompileError {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What the grading process was doing: loading the file, running a check, or the diagnosis. */
export type Phase =
  | { kind: 'start' }
  | { kind: 'load'; file: string }
  | { kind: 'check'; name: string }
  | { kind: 'diagnosis'; probing: string };

/** Why grading stopped before the end. */
export interface Stop {
  cause: 'hang' | 'memory' | 'exited' | 'load-error';
  phase: Phase;
  /** One or two sentences for the learner. */
  message: string;
}

/**
 * Something wrong beyond the checks' own verdicts: an error thrown asynchronously, a patched
 * built-in, a type error. Any problem makes the kata fail.
 */
export interface Problem {
  kind: 'async-error' | 'patched-built-in' | 'type-error';
  message: string;
}

export interface KataReport {
  slug: string;
  title: string;
  /** The file that was graded, relative to the repository. */
  target: string;
  status: KataStatus;
  categories: CategoryResult[];
  /** Checks the spec declares, and how many reported a result. */
  checks: { declared: number; ran: number };
  compileError?: CompileError;
  stopped?: Stop;
  problems: Problem[];
  /** Things the learner should know that do not change the verdict (a spec edited locally, …). */
  notices: string[];
  /** The stub functions still throwing `not implemented`, e.g. `denseBackward(dout, cache)`. */
  notImplemented: Unwritten[];
  /** Catalogued mistakes that explain the failures, best first. */
  likelyMistakes: MistakeMatch[];
  /** Set when the diagnosis of the likely mistake was stopped (the learner's code hung in it). */
  diagnosisStopped?: string;
  /** The first lines the learner's code printed, if any. */
  console: string[];
  durationMs: number;
}

/** What the grader asks a grading child to do. */
export interface GradeJob {
  slug: string;
  /** Absolute path of the implementation to grade. */
  targetPath: string;
  /** The spec to run: the course's own (a copy of the original when the checkout's differs). */
  specPath: string;
  /** Repository path of each fixture → the file holding the course's version of it. */
  fixtureFiles: Record<string, string>;
  /** Budget of one check, in milliseconds. */
  checkTimeoutMs: number;
  /** The file the child writes its phase into, synchronously, so a hang can be located. */
  beaconFile: string;
  /** The project's own tests grade on a smaller budget. */
  quick: boolean;
  /** The language the child writes its messages in (the learner's). */
  lang: Lang;
}

/** Messages from the grader to a grading child. */
export type ParentMessage = { type: 'job'; job: GradeJob };

/** Messages from a grading child (grader/runner/child.ts) to the grader (grade.ts). */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'compile-error'; error: CompileError }
  | { type: 'load-error'; failure: CheckFailure }
  | { type: 'plan'; checks: number }
  | { type: 'result'; outcome: TestOutcome }
  | { type: 'problem'; problem: Problem }
  | { type: 'diagnosis'; matches: MistakeMatch[] }
  | { type: 'done'; ran: number };
