/**
 * What the learner's commands share: which kata a command is about, grading the learner's
 * file with the result saved to their progress, and the next step to suggest.
 */
import { gradeKata, type Target } from '../core/grade.ts';
import { findKata, type Kata } from '../core/manifest.ts';
import { displayPath } from '../core/paths.ts';
import { nextUnsolved, gradeResult, recordGrade, type Progress } from '../core/progress.ts';
import { loadProgress, progressPath, updateProgress } from '../core/progress-store.ts';
import type { KataReport } from '../core/report.ts';
import { renderReport } from '../core/scorecard.ts';
import type { Io } from '../io.ts';
import type { GradeHooks } from './grade.ts';

export const warnTo = (io: Io) => (message: string): void => io.err(io.style.yellow(message));

export function readProgress(io: Io): Progress {
  return loadProgress(progressPath(io.env), warnTo(io));
}

export function changeProgress(io: Io, change: (progress: Progress) => Progress): Progress {
  return updateProgress(progressPath(io.env), change, warnTo(io));
}

/** Save a grade of the learner's own file; grades of the reference or of other files are not progress. */
export function recordReport(io: Io, report: KataReport, target: Target, now = new Date()): Progress | undefined {
  if (target.kind !== 'learner') return undefined;
  return changeProgress(io, (p) => recordGrade(p, report.slug, gradeResult(report, now)));
}

/** The lines that follow a pass: well done, and which kata comes next. */
export function nextStepAfterPass(katas: readonly Kata[], progress: Progress, solved: Kata, io: Io): string {
  const next = nextUnsolved(katas, progress, solved.slug);
  const s = io.style;
  const head = s.green(`✓ ${solved.title}: solved.`);
  if (!next) {
    return `${head} ${s.bold(`That was the last one: all ${katas.length} katas are solved.`)}\n` +
      `  Train a real MNIST classifier with your own code: npm run train -- --use katas`;
  }
  return `${head} Next up: ${s.bold(`${next.order}. ${next.title}`)} (${next.slug}), ${next.difficulty}, about ${next.minutes} min.`;
}

/** `npm run grade` saves progress and, when the learner's file passes, says what comes next. */
export function progressHooks(io: Io): GradeHooks {
  return {
    onReport: (_kata, report, target) => {
      recordReport(io, report, target);
    },
    onDone: (katas, reports, target) => {
      if (target.kind !== 'learner' || reports.length !== 1 || reports[0].status !== 'passed') return;
      const solved = katas.find((k) => k.slug === reports[0].slug);
      if (!solved) return;
      const progress = readProgress(io);
      const next = nextUnsolved(katas, progress, solved.slug);
      io.out(nextStepAfterPass(katas, progress, solved, io));
      if (next) io.out(io.style.dim(`Start it: npm start, or edit ${relativeStub(next)} and run npm run watch -- ${next.slug}`));
    },
  };
}

export const relativeStub = (kata: Kata): string => displayPath(kata.stubPath);

/** Grade the learner's file of one kata, print the scorecard, and save the result. */
export async function gradeLearner(kata: Kata, io: Io): Promise<{ report: KataReport; progress: Progress | undefined }> {
  io.out(io.style.dim(`Grading ${kata.slug} (your code in ${relativeStub(kata)})…`));
  const target: Target = { kind: 'learner' };
  const report = await gradeKata(kata, target, { onProgress: (line) => io.status?.(line) });
  io.status?.('');
  io.out(`\n${renderReport(report, io.style)}`);
  return { report, progress: recordReport(io, report, target) };
}

/**
 * The one kata a command is about: the name given (a slug or unique prefix), or with no name
 * the first unsolved kata when `defaultToNext`. Undefined after printing why not.
 */
export function pickKata(katas: readonly Kata[], names: readonly string[], io: Io, command: string, defaultToNext: boolean): Kata | undefined {
  if (names.length > 1) {
    io.err(`${command} takes one kata, got ${names.length}: ${names.join(' ')}`);
    return undefined;
  }
  if (names.length === 0) {
    const next = defaultToNext ? nextUnsolved(katas, readProgress(io)) : undefined;
    if (next) return next;
    io.err(`Which kata? e.g. npm run ${command} -- ${katas[0]?.slug ?? '<kata>'}\nKatas:\n${katas.map((k) => `  ${k.slug}`).join('\n')}`);
    return undefined;
  }
  const found = findKata(katas, names[0]);
  if ('error' in found) {
    io.err(found.error);
    return undefined;
  }
  return found.kata;
}
