/**
 * Turning what vitest reports into feedback for a learner: which check, in which category,
 * and one short message. Pure functions over plain data, tested on their own.
 */
import { basename } from 'node:path';
import { isCategory, type Category } from './categories.ts';
import { displayPath } from './paths.ts';
import type { CategoryResult, CheckFailure, KataStatus, TestOutcome, Unwritten } from './report.ts';

/** The parts of a vitest error we read. */
export interface RawError {
  name?: string;
  message: string;
  stack?: string;
}

const NOT_IMPLEMENTED = /^not implemented:?\s*(.*)$/i;
const VITEST_TIMEOUT = /^Test timed out in (\d+)ms/;

/**
 * Classify one failure. Our checks throw `GradeFailure` with a finished message; a stub
 * throws `not implemented`; anything else is the learner's code throwing, which we report
 * with its type, message and the line of their file it came from (not a stack dump).
 */
export function classifyError(error: RawError, targetFile: string): CheckFailure {
  if (error.name === 'GradeFailure') return { kind: 'check', message: error.message };
  const notImplemented = NOT_IMPLEMENTED.exec(error.message);
  if (notImplemented) {
    const what = notImplemented[1].trim() || 'this function';
    const thrower = throwingFile(error.stack);
    if (thrower && thrower !== targetFile) {
      const elsewhere = displayPath(thrower);
      return { kind: 'not-implemented', message: `${what} in ${elsewhere} is not implemented yet.`, elsewhere };
    }
    return { kind: 'not-implemented', message: `${what} is not implemented yet.` };
  }
  const timeout = VITEST_TIMEOUT.exec(error.message);
  if (timeout) {
    return {
      kind: 'timeout',
      message: `did not finish within ${Number(timeout[1]) / 1000} s. Look for a loop that never ends or far too much work.`,
    };
  }
  const where = locateInFile(error.stack, targetFile);
  const type = error.name && error.name !== 'Error' ? `${error.name}: ` : '';
  return { kind: 'error', message: `your code threw ${type}${error.message}${where ? ` (${where})` : ''}` };
}

/** The `.ts` file, line and column of each `at …` frame of a stack, innermost first. */
function tsFrames(stack: string | undefined): { file: string; line: string; column: string }[] {
  const frames = [];
  for (const text of stack?.split('\n') ?? []) {
    if (!/^\s+at /.test(text)) continue;
    const match = /([^():\s]+\.ts):(\d+):(\d+)/.exec(text);
    if (match) frames.push({ file: match[1], line: match[2], column: match[3] });
  }
  return frames;
}

/** The path of the .ts file in the first stack frame, if the stack has one. */
export function throwingFile(stack: string | undefined): string | undefined {
  return tsFrames(stack)[0]?.file;
}

/** `dense.ts:14:7` for the first stack frame in the learner's file, if there is one. */
export function locateInFile(stack: string | undefined, targetFile: string): string | undefined {
  const name = basename(targetFile);
  const frame = tsFrames(stack).find((f) => basename(f.file) === name);
  return frame && `${name}:${frame.line}:${frame.column}`;
}

/** The top-level `describe` a test sits in is its category. */
export function categoryOf(suitePath: string[]): Category | 'other' {
  const top = suitePath[0];
  return top !== undefined && isCategory(top) ? top : 'other';
}

/** Per-category counts, in the order categories first appear, with the most useful first failure. */
export function summarise(outcomes: TestOutcome[]): CategoryResult[] {
  const byCategory = new Map<string, CategoryResult>();
  for (const o of outcomes) {
    let r = byCategory.get(o.category);
    if (!r) {
      r = { category: o.category, passed: 0, failed: 0 };
      byCategory.set(o.category, r);
    }
    if (o.state === 'passed') r.passed++;
    if (o.state !== 'failed' || !o.failure) continue;
    r.failed++;
    // A real failure says more than "not implemented", so it wins the slot.
    const current = r.firstFailure;
    if (!current || (current.failure.kind === 'not-implemented' && o.failure.kind !== 'not-implemented')) {
      r.firstFailure = { test: o.name, failure: o.failure };
    }
  }
  return [...byCategory.values()];
}

/** The distinct stub functions that still throw `not implemented`, in the order first met. */
export function notImplementedFunctions(outcomes: TestOutcome[]): Unwritten[] {
  const found = new Map<string, Unwritten>();
  for (const o of outcomes) {
    if (o.failure?.kind !== 'not-implemented') continue;
    const { elsewhere } = o.failure;
    const name = o.failure.message.replace(elsewhere ? ` in ${elsewhere} is not implemented yet.` : ' is not implemented yet.', '');
    if (!found.has(o.failure.message)) found.set(o.failure.message, elsewhere ? { name, elsewhere } : { name });
  }
  return [...found.values()];
}

/** The kata's verdict from its outcomes (compile errors, crashes and timeouts are decided earlier). */
export function verdict(outcomes: TestOutcome[]): KataStatus {
  const failures = outcomes.filter((o) => o.state === 'failed');
  if (outcomes.length === 0) return 'crashed';
  if (failures.length === 0) return 'passed';
  if (failures.some((o) => o.failure?.kind === 'timeout')) return 'timeout';
  // Untouched: every failure is a stub's `not implemented`, and nothing that runs the
  // learner's math has passed yet (structural spec checks, like "exports exist", pass for a
  // stub too). Once some math passes, the kata is under way and reads as failed.
  const mathPassed = outcomes.some((o) => o.state === 'passed' && o.category !== 'spec');
  if (!mathPassed && failures.every((o) => o.failure?.kind === 'not-implemented')) return 'not-started';
  return 'failed';
}
