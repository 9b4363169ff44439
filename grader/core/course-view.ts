/**
 * The course at a glance: one row per kata with its status from the saved progress, and the
 * overall count. Used by the menu's list and by `npm start` without a terminal.
 */
import type { Difficulty, Kata } from './manifest.ts';
import { menu } from '../messages/menu.ts';
import { displayWidth, padEndTo } from '../i18n/width.ts';
import { kataProgress, solvedCount, type KataState, type Progress } from './progress.ts';
import { plain, type Style } from './style.ts';

const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

export function stateMark(state: KataState, s: Style = plain): string {
  return state === 'solved' ? s.green('✓') : state === 'attempted' ? s.yellow('◐') : s.dim('○');
}

/** A status as the learner reads it (the progress file keeps the English word). */
export function stateWord(state: KataState): string {
  return state === 'solved' ? menu.stateSolved : state === 'attempted' ? menu.stateAttempted : menu.stateNew;
}

/** A difficulty as the learner reads it (course.json keeps the English word). */
export function difficultyWord(difficulty: Difficulty): string {
  return menu[difficulty];
}

/** "solved", "attempted · best 12/15 checks", "new", with hints shown if any. */
export function stateWords(kata: Kata, progress: Progress, s: Style = plain): string {
  const p = kataProgress(progress, kata.slug);
  const word = stateWord(p.state);
  const parts: string[] = [p.state === 'solved' ? s.green(word) : p.state === 'attempted' ? s.yellow(word) : word];
  if (p.state === 'attempted' && p.best) parts.push(menu.bestChecks(p.best.passed, p.best.total));
  if (p.revised) parts.push(s.yellow(p.revised.solved ? menu.revisedSinceSolved : menu.revisedSinceGraded));
  if (p.hintsShown > 0) parts.push(menu.hintsSeen(p.hintsShown));
  return parts.join(s.dim(' · '));
}

/** One row per kata, columns aligned across the whole course; `withSlug` adds the name commands take. */
export function kataRows(katas: readonly Kata[], progress: Progress, s: Style = plain, withSlug = false): string[] {
  const titleWidth = Math.max(...katas.map((k) => displayWidth(k.title)));
  const slugWidth = Math.max(...katas.map((k) => displayWidth(k.slug)));
  const orderWidth = String(Math.max(...katas.map((k) => k.order))).length;
  const difficultyWidth = Math.max(...DIFFICULTIES.map((d) => displayWidth(difficultyWord(d))));
  return katas.map((k) => {
    const state = kataProgress(progress, k.slug).state;
    return [
      stateMark(state, s),
      `${String(k.order).padStart(orderWidth)}.`,
      ...(withSlug ? [s.bold(padEndTo(k.slug, slugWidth)), ' '] : []),
      `${padEndTo(k.title, titleWidth)} `,
      s.dim(padEndTo(difficultyWord(k.difficulty), difficultyWidth)),
      s.dim(menu.minutesColumn(String(k.minutes).padStart(3))),
      ' ' + stateWords(k, progress, s),
    ].join(' ');
  });
}

/** "2 of 7 katas solved · 1 attempted". */
export function progressSummary(katas: readonly Kata[], progress: Progress, s: Style = plain): string {
  const solved = solvedCount(progress, katas);
  const attempted = katas.filter((k) => kataProgress(progress, k.slug).state === 'attempted').length;
  const head = menu.solvedOf(solved, katas.length);
  return `${solved === katas.length ? s.green(head) : s.bold(head)}${attempted > 0 ? menu.attemptedCount(attempted) : ''}`;
}

/** The commands a learner types, for the list printed without a terminal (in the current language). */
export function commandHelp(): [string, string][] {
  return [
    ['npm run grade -- <kata>', menu.helpGrade],
    ['npm run watch -- <kata>', menu.helpWatch],
    ['npm run hint -- <kata>', menu.helpHint],
    ['npm run compare -- <kata>', menu.helpCompare],
    ['npm run reset -- <kata>', menu.helpReset],
  ];
}

/** What `npm start` prints when there is no terminal to show a menu in. */
export function renderCourse(katas: readonly Kata[], progress: Progress, s: Style = plain): string {
  const rows = kataRows(katas, progress, s, true).map((row) => `  ${row}`);
  const help = commandHelp();
  const helpWidth = Math.max(...help.map(([c]) => displayWidth(c)));
  return [
    `backprop-katas: ${progressSummary(katas, progress, s)}`,
    '',
    ...rows,
    '',
    menu.commandsHead,
    ...help.map(([command, what]) => `  ${padEndTo(command, helpWidth)}  ${s.dim(what)}`),
    '',
    s.dim(menu.useTheMenu),
  ].join('\n');
}
