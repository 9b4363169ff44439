/**
 * What grading one kata produces: plain data, rendered once at the edge (the scorecard, or
 * JSON with `--json`). Also the messages the grading child process sends to its parent.
 */
import type { Category } from './categories.ts';
import type { MistakeMatch } from './mistakes.ts';

/**
 * - `passed`: every check passed.
 * - `failed`: at least one check failed on code the learner wrote.
 * - `not-started`: every failing check hit a `not implemented` stub.
 * - `compile-error`: the file does not parse.
 * - `timeout`: a check never finished (an endless loop?) and was stopped.
 * - `crashed`: the spec could not run at all (e.g. an import that does not exist).
 */
export type KataStatus = 'passed' | 'failed' | 'not-started' | 'compile-error' | 'timeout' | 'crashed';

/** Why a single check failed, classified for the learner. */
export type FailureKind = 'check' | 'not-implemented' | 'error' | 'timeout';

export interface CheckFailure {
  kind: FailureKind;
  /** One short paragraph, already in the learner's terms. */
  message: string;
  /**
   * For `not-implemented`: the file that threw, when it is not the graded file itself (a kata
   * that builds on an earlier one, e.g. mnist-classifier calling the learner's Adam).
   */
  elsewhere?: string;
}

/** A stub function that still throws `not implemented`, and the other file it is in, if any. */
export interface Unwritten {
  name: string;
  elsewhere?: string;
}

export interface TestOutcome {
  category: Category | 'other';
  name: string;
  state: 'passed' | 'failed' | 'skipped';
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

export interface KataReport {
  slug: string;
  title: string;
  /** The file that was graded, relative to the repository. */
  target: string;
  status: KataStatus;
  categories: CategoryResult[];
  compileError?: CompileError;
  /** When status is `timeout`: the budget and the check that was running. */
  timeout?: { seconds: number; test?: string };
  /** When status is `crashed`: what stopped the spec. */
  crash?: string;
  /** The stub functions still throwing `not implemented`, e.g. `denseBackward(dout, cache)`. */
  notImplemented: Unwritten[];
  /** Catalogued mistakes that explain the failures, best first. */
  likelyMistakes: MistakeMatch[];
  /** The first lines the learner's code printed with console.log, if any. */
  console: string[];
  durationMs: number;
}

/** Messages from the grading child (`run-kata.ts`) to the parent (`grade.ts`). */
export type ChildMessage =
  | { type: 'compile-error'; error: CompileError }
  | { type: 'test'; outcome: TestOutcome }
  | { type: 'module-error'; message: string }
  | { type: 'console'; text: string }
  | { type: 'diagnosis'; matches: MistakeMatch[] }
  | { type: 'done' };

/** What the parent asks the child to grade. */
export interface GradeJob {
  slug: string;
  /** Absolute path of the implementation to grade. */
  targetPath: string;
  testTimeoutMs: number;
  progressFile: string;
}
