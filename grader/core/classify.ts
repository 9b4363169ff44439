/**
 * Turning what a check threw into feedback for a learner: which check, in which category, and
 * one short message with its fields. Pure functions over plain data, tested on their own.
 */
import { basename } from 'node:path';
import { isCategory, type Category } from './categories.ts';
import type { Kata } from './manifest.ts';
import { grading as m } from '../messages/grading.ts';
import { displayPath } from './paths.ts';
import type { CategoryResult, CheckFailure, KataStatus, TestOutcome, Unwritten } from './report.ts';

/** What we read of a thrown value. */
export interface RawError {
  name?: string;
  message: string;
  stack?: string;
}

/** A thrown value of any kind as a RawError (`throw null` and `throw 'x'` included). */
export function rawError(thrown: unknown): RawError {
  if (thrown instanceof Error) return { name: thrown.name, message: thrown.message, stack: thrown.stack };
  if (thrown !== null && typeof thrown === 'object' && typeof (thrown as { message?: unknown }).message === 'string') {
    const e = thrown as { name?: unknown; message: string; stack?: unknown };
    return { name: typeof e.name === 'string' ? e.name : undefined, message: e.message, stack: typeof e.stack === 'string' ? e.stack : undefined };
  }
  const shown = typeof thrown === 'string' ? JSON.stringify(thrown) : String(thrown);
  return { name: 'NotAnError', message: m.notAnError(shown) };
}

const NOT_IMPLEMENTED = /^not implemented:?\s*(.*)$/i;

/** Where the graded code lives: the graded file, and the course's katas (for "solve that kata first"). */
export interface ClassifyContext {
  targetFile: string;
  katas: readonly Kata[];
}

/**
 * Classify one failure. Our checks throw `GradeFailure` with a finished message; a stub
 * throws `not implemented`; an exception from the learner's code is reported with its type,
 * message and the line of their file; one from the checks' own code (a missing export called
 * as a function, say) is told as such, not blamed on the learner's code.
 */
export function classifyError(error: RawError, context: ClassifyContext): CheckFailure {
  if (error.name === 'GradeFailure') return { kind: 'check', message: error.message };
  const frames = tsFrames(error.stack);
  const notImplemented = NOT_IMPLEMENTED.exec(error.message);
  if (notImplemented) {
    const name = notImplemented[1].trim() || m.thisFunction;
    const thrower = frames[0]?.file;
    const kata = thrower && thrower !== context.targetFile ? context.katas.find((k) => k.stubPath === thrower) : undefined;
    const unwritten: Unwritten = kata ? { name, elsewhere: { slug: kata.slug, file: displayPath(kata.stubPath) } } : { name };
    const message = unwritten.elsewhere ? m.notImplementedIn(name, unwritten.elsewhere.file) : m.notImplemented(name);
    return { kind: 'not-implemented', message, unwritten };
  }
  const type = error.name && error.name !== 'Error' && error.name !== 'NotAnError' ? `${error.name}: ` : '';
  const learnerFrame = frames.find((f) => isLearnerCode(f.file, context));
  if (learnerFrame || frames.length === 0) {
    const thrown = `${type}${error.message}`;
    const message = learnerFrame ? m.threwAt(thrown, `${basename(learnerFrame.file)}:${learnerFrame.line}:${learnerFrame.column}`) : m.threw(thrown);
    return { kind: 'error', message };
  }
  // Thrown by the checks themselves, on a value the learner's code returned or exported.
  const first = frames[0];
  return { kind: 'harness', message: m.harnessStopped(`${type}${error.message}`, `${basename(first.file)}:${first.line}`) };
}

/** The graded file and the katas' stubs are the learner's code; the toolkit, specs and harness are not. */
function isLearnerCode(file: string, context: ClassifyContext): boolean {
  return file === context.targetFile || context.katas.some((k) => k.stubPath === file);
}

/** The `.ts` file, line and column of each `at …` frame of a stack, innermost first. */
function tsFrames(stack: string | undefined): { file: string; line: string; column: string }[] {
  const frames = [];
  for (const text of stack?.split('\n') ?? []) {
    if (!/^\s+at /.test(text)) continue;
    const match = /(?:file:\/\/)?([^():\s]+\.ts)(?:\?[^:]*)?:(\d+):(\d+)/.exec(text);
    if (match) frames.push({ file: match[1], line: match[2], column: match[3] });
  }
  return frames;
}

/** The top-level `describe` a check sits in is its category. */
export function categoryOf(name: string): Category | 'other' {
  return isCategory(name) ? name : 'other';
}

/** Per-category counts, in the order categories first appear, with the most useful first failure. */
export function summarise(outcomes: readonly TestOutcome[]): CategoryResult[] {
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
export function notImplementedFunctions(outcomes: readonly TestOutcome[]): Unwritten[] {
  const found = new Map<string, Unwritten>();
  for (const o of outcomes) {
    const unwritten = o.failure?.unwritten;
    if (unwritten && !found.has(o.failure!.message)) found.set(o.failure!.message, unwritten);
  }
  return [...found.values()];
}

/**
 * The verdict of a spec that ran to the end (stops, compile errors and problems are decided by
 * the caller). Untouched: every failure is a stub's `not implemented`, and nothing that runs
 * the learner's math has passed yet (structural checks, like "exports exist", pass for a stub
 * too). Once some math passes, the kata is under way and reads as failed.
 */
export function verdict(outcomes: readonly TestOutcome[]): Exclude<KataStatus, 'compile-error' | 'stopped'> {
  const failures = outcomes.filter((o) => o.state === 'failed');
  if (failures.length === 0) return 'passed';
  const mathPassed = outcomes.some((o) => o.state === 'passed' && o.category !== 'spec');
  if (!mathPassed && failures.every((o) => o.failure?.kind === 'not-implemented')) return 'not-started';
  return 'failed';
}
