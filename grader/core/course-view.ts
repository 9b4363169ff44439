/**
 * The course at a glance: one row per kata with its status from the saved progress, and the
 * overall count. Used by the menu's list and by `npm start` without a terminal.
 */
import type { Kata } from './manifest.ts';
import { displayWidth, padEndTo } from '../i18n/width.ts';
import { kataProgress, solvedCount, type KataState, type Progress } from './progress.ts';
import { plain, type Style } from './style.ts';

export function stateMark(state: KataState, s: Style = plain): string {
  return state === 'solved' ? s.green('✓') : state === 'attempted' ? s.yellow('◐') : s.dim('○');
}

/** "solved", "attempted · best 12/15 checks", "new", with hints shown if any. */
export function stateWords(kata: Kata, progress: Progress, s: Style = plain): string {
  const p = kataProgress(progress, kata.slug);
  const parts: string[] = [p.state === 'solved' ? s.green('solved') : p.state === 'attempted' ? s.yellow('attempted') : 'new'];
  if (p.state === 'attempted' && p.best) parts.push(`best ${p.best.passed}/${p.best.total} checks`);
  if (p.hintsShown > 0) parts.push(`${p.hintsShown} ${p.hintsShown === 1 ? 'hint' : 'hints'} seen`);
  return parts.join(s.dim(' · '));
}

/** One row per kata, columns aligned across the whole course; `withSlug` adds the name commands take. */
export function kataRows(katas: readonly Kata[], progress: Progress, s: Style = plain, withSlug = false): string[] {
  const titleWidth = Math.max(...katas.map((k) => displayWidth(k.title)));
  const slugWidth = Math.max(...katas.map((k) => k.slug.length));
  const orderWidth = String(Math.max(...katas.map((k) => k.order))).length;
  return katas.map((k) => {
    const state = kataProgress(progress, k.slug).state;
    return [
      stateMark(state, s),
      `${String(k.order).padStart(orderWidth)}.`,
      ...(withSlug ? [s.bold(k.slug.padEnd(slugWidth)), ' '] : []),
      `${padEndTo(k.title, titleWidth)} `,
      s.dim(k.difficulty.padEnd(6)),
      s.dim(`${String(k.minutes).padStart(3)} min`),
      ' ' + stateWords(k, progress, s),
    ].join(' ');
  });
}

/** "2 of 7 katas solved · 1 attempted". */
export function progressSummary(katas: readonly Kata[], progress: Progress, s: Style = plain): string {
  const solved = solvedCount(progress, katas);
  const attempted = katas.filter((k) => kataProgress(progress, k.slug).state === 'attempted').length;
  const head = `${solved} of ${katas.length} ${katas.length === 1 ? 'kata' : 'katas'} solved`;
  return `${solved === katas.length ? s.green(head) : s.bold(head)}${attempted > 0 ? ` · ${attempted} attempted` : ''}`;
}

/** The commands a learner types, for the list printed without a terminal. */
export const COMMAND_HELP: readonly [string, string][] = [
  ['npm run grade -- <kata>', 'grade your file'],
  ['npm run watch -- <kata>', 'grade again every time you save'],
  ['npm run hint -- <kata>', 'the next hint (3 tiers, from a nudge to near-solution)'],
  ['npm run compare -- <kata>', 'your file against the reference solution'],
  ['npm run reset -- <kata>', 'start over from the original stub (yours is backed up first)'],
];

/** What `npm start` prints when there is no terminal to show a menu in. */
export function renderCourse(katas: readonly Kata[], progress: Progress, s: Style = plain): string {
  const rows = kataRows(katas, progress, s, true).map((row) => `  ${row}`);
  const helpWidth = Math.max(...COMMAND_HELP.map(([c]) => displayWidth(c)));
  return [
    `backprop-katas: ${progressSummary(katas, progress, s)}`,
    '',
    ...rows,
    '',
    'Commands (<kata> is a name above, or the start of one, e.g. sigmoid):',
    ...COMMAND_HELP.map(([command, what]) => `  ${padEndTo(command, helpWidth)}  ${s.dim(what)}`),
    '',
    s.dim('Run npm start in a terminal for the interactive menu.'),
  ].join('\n');
}
