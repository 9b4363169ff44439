/**
 * What the learner's commands share: which kata a command is about, grading the learner's
 * file, the one route by which a grade is saved to their progress, and the texts of the
 * next step (after a failure, after a pass), each written in one place.
 */
import { gradeKata, type GradeOptions, type Target } from '../core/grade.ts';
import { findKata, loadKatas, type Kata } from '../core/manifest.ts';
import { displayPath } from '../core/paths.ts';
import { applyRevisions, nextUnsolved, gradeResult, recordGrade, type Progress } from '../core/progress.ts';
import { loadProgress, progressPath, updateProgress } from '../core/progress-store.ts';
import type { KataReport } from '../core/report.ts';
import { prerequisiteBlocking, renderReport } from '../core/scorecard.ts';
import { difficultyWord } from '../core/course-view.ts';
import type { Io } from '../io.ts';
import { cli } from '../messages/cli.ts';

export const warnTo = (io: Io) => (message: string): void => io.err(io.style.yellow(message));

/** The learner's progress, read against the katas as they are now: a pass under an earlier revision of a kata is not a pass of it (applyRevisions). */
export function readProgress(io: Io): Progress {
  return applyRevisions(loadProgress(progressPath(io.env), warnTo(io)), loadKatas());
}

export function changeProgress(io: Io, change: (progress: Progress) => Progress): Progress {
  return updateProgress(progressPath(io.env), (p) => change(applyRevisions(p, loadKatas())), warnTo(io));
}

/**
 * The one route by which a grade becomes progress: grades of the learner's own file are
 * saved; grades of the reference or of other files are not progress (undefined).
 */
export function recordReport(io: Io, report: KataReport, target: Target, now = new Date()): Progress | undefined {
  if (target.kind !== 'learner') return undefined;
  const revision = loadKatas().find((k) => k.slug === report.slug)?.revision;
  return changeProgress(io, (p) => recordGrade(p, report.slug, gradeResult(report, now, revision)));
}

export const relativeStub = (kata: Kata): string => displayPath(kata.stubPath);

/** The next step after a kata that does not pass: the file to edit (an earlier kata's, if that blocks it) and the command. */
export function nextStepAfterFailure(report: KataReport, io: Io): string {
  const blocker = prerequisiteBlocking(report)?.elsewhere;
  const [file, slug] = blocker ? [blocker.file, blocker.slug] : [report.target, report.slug];
  return io.style.dim(cli.nextAfterFailure(file, slug));
}

/**
 * The lines that follow a pass: well done, which kata comes next, and how to start it
 * (`how`: the command the learner is in, so the advice fits it; the menu needs no command).
 */
export function nextStepAfterPass(katas: readonly Kata[], progress: Progress, solved: Kata, io: Io, how: 'grade' | 'watch' | 'menu'): string {
  const next = nextUnsolved(katas, progress, solved.slug);
  const s = io.style;
  const head = s.green(cli.solvedHead(solved.title));
  if (!next) {
    return `${head} ${s.bold(cli.lastOne(katas.length))}\n${cli.trainAfterAll}`;
  }
  const line = cli.nextUp(head, s.bold(`${next.order}. ${next.title}`), next.slug, difficultyWord(next.difficulty), next.minutes);
  const start =
    how === 'grade' ? cli.startWithGrade(relativeStub(next), next.slug)
    : how === 'watch' ? cli.startWithWatch(next.slug)
    : undefined;
  return start ? `${line}\n${s.dim(start)}` : line;
}

/** Grade the learner's file of one kata, print the scorecard, and save the result. */
export async function gradeLearner(kata: Kata, io: Io, options: GradeOptions = {}): Promise<{ report: KataReport; progress: Progress | undefined }> {
  io.out(io.style.dim(cli.gradingYourFile(kata.slug, relativeStub(kata))));
  const target: Target = { kind: 'learner' };
  const report = await gradeKata(kata, target, { onStatus: (line) => io.status?.(line), ...options });
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
    io.err(cli.takesOneKata(command, names.length, names.join(' ')));
    return undefined;
  }
  if (names.length === 0) {
    const next = defaultToNext ? nextUnsolved(katas, readProgress(io)) : undefined;
    if (next) return next;
    io.err(cli.whichKata(command, katas[0]?.slug ?? '<kata>', katas.map((k) => `  ${k.slug}`).join('\n')));
    return undefined;
  }
  const found = findKata(katas, names[0]);
  if ('error' in found) {
    io.err(found.error);
    return undefined;
  }
  return found.kata;
}
