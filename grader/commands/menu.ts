/**
 * `npm start`: the interactive menu. The course with each kata's status; a kata's page shows
 * its statement and the file to edit, then offers grade, watch, a mock interview, hint, compare, reset. Escape
 * goes back, Ctrl-C leaves, from anywhere. Without a terminal (a pipe, CI) it prints the
 * course and the commands instead, and exits 0.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseHints } from '../core/hints.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { kataProgress, nextUnsolved, recordLanguage } from '../core/progress.ts';
import { MIN_PICK } from '../core/questions.ts';
import { difficultyWord, kataRows, progressSummary, renderCourse, stateWords } from '../core/course-view.ts';
import { repoPath } from '../core/course-lock.ts';
import { language, setLanguage } from '../i18n/language.ts';
import type { Io } from '../io.ts';
import { menu } from '../messages/menu.ts';
import { Interrupted, processTerminal, type MenuItem, type Terminal } from '../terminal.ts';
import { mayShowReference, showComparison } from './compare.ts';
import { showNextHint } from './hint.ts';
import { runInterview } from './interview.ts';
import { huntInKata, TEXTS as HUNT_TEXTS } from './hunt.ts';
import { changeProgress, gradeLearner, nextStepAfterPass, readProgress, relativeStub } from './learner.ts';
import { resetKata } from './reset.ts';
import { warmGrading, watchKata, type WarmGrading } from './watch.ts';

/** A booted grading process and a warm type checker, kept while the menu is open, so a grade answers at once. */
let warm: (WarmGrading & { close(): void }) | undefined;
function warmed(): WarmGrading {
  warm ??= warmGrading();
  return warm;
}

/** What happens after a kata's page: back to the list, or straight to another kata's page. */
type PageEnd = { kind: 'back' } | { kind: 'open'; kata: Kata };

type Action = 'next' | 'grade' | 'watch' | 'interview' | 'hunt' | 'hint' | 'compare' | 'reset' | 'statement' | 'back';

const LEAVE = '';
/** The list's entry that switches the language (no kata's slug can be it: slugs have no spaces). */
const LANGUAGE = ' language';

export async function listCommand(argv: string[], io: Io): Promise<number> {
  parseArgs({ args: argv, options: {} }); // no options: a stray one is answered with the usage
  io.out(renderCourse(loadKatas(), readProgress(io), io.style));
  return 0;
}

export async function menuCommand(argv: string[], io: Io, terminal: () => Terminal = processTerminal): Promise<number> {
  parseArgs({ args: argv, options: {} });
  if (!io.interactive) return listCommand(argv, io);
  const katas = loadKatas();
  // Ctrl-C while a prompt is open is a key (handled as Interrupted); while grading it is a signal.
  const onSigint = (): void => {
    io.out(`\n${io.style.dim(menu.leftWithCtrlC)}`);
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  try {
    await courseList(katas, io, terminal());
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
  } finally {
    process.off('SIGINT', onSigint);
    warm?.close();
    warm = undefined;
  }
  io.out(io.style.dim(menu.bye));
  return 0;
}

async function courseList(katas: readonly Kata[], io: Io, term: Terminal): Promise<void> {
  const s = io.style;
  let open: Kata | undefined;
  let cursor: string | undefined;
  for (;;) {
    if (!open) {
      term.clear();
      // Read after clearing, so a warning about the progress file stays on screen.
      const progress = readProgress(io);
      io.out(`${s.bold('backprop-katas')} · ${progressSummary(katas, progress, s)}`);
      io.out(s.dim(menu.tagline));
      const rows = kataRows(katas, progress, s);
      const items: MenuItem<string>[] = [
        ...katas.map((k, i) => ({ name: rows[i], value: k.slug, description: k.summary })),
        { separator: ' ' },
        { name: menu.language, value: LANGUAGE, description: menu.languageDescription },
        { name: menu.leave, value: LEAVE },
      ];
      const slug = await term.select(menu.chooseKata, items, {
        default: cursor ?? nextUnsolved(katas, progress)?.slug,
        escape: menu.escLeave,
      });
      if (slug === undefined || slug === LEAVE) return;
      if (slug === LANGUAGE) {
        switchLanguage(io);
        cursor = LANGUAGE;
        continue;
      }
      open = katas.find((k) => k.slug === slug);
      if (!open) return;
    }
    cursor = open.slug;
    const end = await kataPage(open, katas, io, term);
    open = end.kind === 'open' ? end.kata : undefined;
  }
}

/** The menu's language switch: the other language, at once and for every later command (saved in the progress file). */
export function switchLanguage(io: Io): void {
  const lang = language() === 'en' ? 'zh-CN' : 'en';
  setLanguage(lang);
  changeProgress(io, (p) => recordLanguage(p, lang));
}

function showStatement(kata: Kata, io: Io, term: Terminal): void {
  const s = io.style;
  term.clear();
  try {
    io.out(renderMarkdown(readFileSync(kata.readmePath, 'utf8'), s, term.columns));
  } catch (error) {
    io.out(s.red(menu.statementUnreadable(kata.title, repoPath(kata.readmePath), (error as Error).message)));
  }
  io.out('');
  io.out(`${s.bold(menu.yourFile)}${s.cyan(relativeStub(kata))}  ${s.dim(menu.openInEditor)}`);
  io.out(`${s.bold(menu.status)}${stateWords(kata, readProgress(io), s)} ${s.dim(menu.statusAside(difficultyWord(kata.difficulty), kata.minutes))}\n`);
}

function hintCount(kata: Kata): number {
  try {
    return parseHints(readFileSync(kata.hintsPath, 'utf8')).length;
  } catch {
    return 0;
  }
}

async function kataPage(kata: Kata, katas: readonly Kata[], io: Io, term: Terminal): Promise<PageEnd> {
  const s = io.style;
  showStatement(kata, io, term);
  const hints = hintCount(kata);
  let preferred: Action = 'grade';
  for (;;) {
    const progress = readProgress(io);
    const mine = kataProgress(progress, kata.slug);
    const solved = mine.state === 'solved';
    const next = solved ? nextUnsolved(katas, progress, kata.slug) : undefined;
    const items: MenuItem<Action>[] = [
      ...(next ? [{ name: s.green(menu.nextKata(next.order, next.title)), value: 'next' as const, description: next.summary }] : []),
      { name: menu.gradeItem, value: 'grade', description: menu.gradeDescription(relativeStub(kata)) },
      { name: menu.watchItem, value: 'watch', description: menu.watchDescription },
      {
        name: menu.interviewItem,
        value: 'interview',
        description: menu.interviewDescription(kata.minutes),
      },
      { name: HUNT_TEXTS.menuItem, value: 'hunt', description: HUNT_TEXTS.menuDescription },
      {
        name: mine.hintsShown >= hints ? menu.hintsAllSeen(hints) : menu.nextHint(mine.hintsShown, hints),
        value: 'hint',
        description: menu.hintDescription,
      },
      { name: `${menu.compareItem}${solved ? '' : s.dim(menu.spoiler)}`, value: 'compare', description: menu.compareDescription },
      { name: menu.resetItem, value: 'reset', description: menu.resetDescription },
      { name: menu.statementItem, value: 'statement' },
      { name: menu.backItem, value: 'back' },
    ];
    const action: Action | undefined = await term.select(menu.whatNow(kata.title), items, { default: next ? 'next' : preferred, escape: menu.escBack });
    if (action === undefined || action === 'back') return { kind: 'back' };
    preferred = action;
    io.out('');
    try {
      const end = await runAction(action, kata, katas, io, term, next);
      if (end) return end;
    } catch (error) {
      if (error instanceof Interrupted) throw error;
      // A missing or malformed kata file: say so and stay in the menu.
      io.err(s.red(error instanceof Error ? error.message : String(error)));
    }
    io.out('');
  }
}

/** Do what was chosen on a kata's page; a PageEnd when it leaves the page. */
async function runAction(action: Action, kata: Kata, katas: readonly Kata[], io: Io, term: Terminal, next: Kata | undefined): Promise<PageEnd | undefined> {
  const s = io.style;
  switch (action) {
    case 'next':
      return next ? { kind: 'open', kata: next } : undefined;
    case 'back':
      return { kind: 'back' };
    case 'grade': {
      const { report, progress: after } = await gradeLearner(kata, io, warmed());
      if (report.status === 'passed' && after) io.out(`\n${nextStepAfterPass(katas, after, kata, io, 'menu')}`);
      return undefined;
    }
    case 'watch': {
      const end = await watchKata(kata, katas, io, term, warmed());
      return end.kind === 'next' ? { kind: 'open', kata: end.kata } : undefined;
    }
    case 'interview':
      await runInterview(kata, io, term, warmed(), { minutes: kata.minutes, questions: MIN_PICK, seed: Date.now() % 2 ** 31, why: 'named' });
      return undefined;
    case 'hunt':
      await huntInKata(kata, io, term, warmed());
      return undefined;
    case 'hint':
      showNextHint(kata, io, term.columns);
      return undefined;
    case 'compare':
      if (await mayShowReference(kata, io, false, () => term)) showComparison(kata, io);
      return undefined;
    case 'reset': {
      const sure = await term.confirm(menu.confirmReset(relativeStub(kata)), false);
      if (sure) resetKata(kata, io);
      else io.out(s.dim(menu.nothingChanged));
      return undefined;
    }
    case 'statement':
      showStatement(kata, io, term);
      return undefined;
  }
}
