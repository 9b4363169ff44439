/**
 * `npm run hunt [-- <kata>]`: a bug hunt, "what's wrong with this code?". A drill (the kata's
 * reference with one catalogued mistake planted in it) is written to `katas/<kata>/hunt.ts`
 * (git ignores it; one already there is backed up first). The learner finds the bug and fixes
 * it; the file is graded by the kata's own checks on every save and on `g`. When it passes (or
 * the learner gives up with `q`) they name the line that was wrong, and the report says whether
 * that was the planted line, whether the fix touched the planted lines or somewhere else, and
 * reveals the mistake. Kept in the history (`--history`). Ctrl-C leaves; the scratch file stays.
 *
 * The logic is grader/core/hunt.ts; every learner-facing text is in grader/messages/hunt.ts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRng } from '../../katas/lib/random.ts';
import { backupFile } from '../core/backup.ts';
import { gradeKata } from '../core/grade.ts';
import { buildableDrills, buildDrill, chooseDrill, huntPath, huntVerdict, lineRanges, listDrills, parseLineNumber, type Drill, type HuntVerdict } from '../core/hunt.ts';
import { clock, localMinute } from '../core/interview.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import { styledWords, wrapWords } from '../core/markdown.ts';
import { nameMistake, type Mistake, type NamedMistake } from '../core/mistakes.ts';
import { displayPath } from '../core/paths.ts';
import { recordHunt, type HuntRecord } from '../core/progress.ts';
import { backupsDir } from '../core/progress-store.ts';
import type { KataReport } from '../core/report.ts';
import { renderReport } from '../core/scorecard.ts';
import type { Style } from '../core/style.ts';
import { displayWidth, padEndTo } from '../i18n/width.ts';
import { m } from '../messages/hunt.ts';
import type { Io } from '../io.ts';
import { Interrupted, processTerminal, type Terminal } from '../terminal.ts';
import { changeProgress, pickKata, readProgress } from './learner.ts';
import { saveLoop } from './save-loop.ts';
import { warmGrading, type WarmGrading } from './watch.ts';

/** Every learner-facing text of the command, in the current language (grader/messages/hunt.ts). */
export const TEXTS = m;

/** The usage, in the language chosen when main.ts imports this module (after --lang). */
export const HUNT_USAGE = m.usage;

function seedOption(text: string | undefined): number {
  if (text === undefined) return Date.now() % 2 ** 31;
  if (!/^-?\d+$/.test(text.trim())) throw Object.assign(new Error(TEXTS.badSeed(text)), { code: 'ERR_PARSE_ARGS_BAD_VALUE' });
  return Number(text);
}

export async function huntCommand(argv: string[], io: Io, terminal: () => Terminal = processTerminal): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { drill: { type: 'string' }, seed: { type: 'string' }, history: { type: 'boolean' } },
  });
  if (values.history) {
    io.out(renderHuntHistory(readProgress(io).hunts ?? [], io.style));
    return 0;
  }
  const seed = seedOption(values.seed);
  const katas = loadKatas();
  let chosen = katas;
  if (positionals.length > 0) {
    const kata = pickKata(katas, positionals, io, 'hunt', false);
    if (!kata) return 2;
    chosen = [kata];
  }
  const { drills } = buildableDrills(listDrills(chosen));
  if (drills.length === 0) {
    io.err(TEXTS.noDrills(chosen.map((k) => k.slug).join(TEXTS.listSeparator)));
    return 2;
  }
  let source;
  if (values.drill !== undefined) {
    source = drills.find((d) => d.id === values.drill);
    if (!source) {
      io.err(TEXTS.unknownDrill(values.drill, drills.map((d) => d.id).join(TEXTS.listSeparator)));
      return 2;
    }
  } else source = chooseDrill(drills, readProgress(io), createRng(seed))!;
  if (!io.interactive) {
    io.err(TEXTS.needsTerminal);
    return 2;
  }
  const drill = buildDrill(source);
  const warm = warmGrading();
  try {
    return (await runHunt(drill, io, terminal(), warm)) === 'left' ? 130 : 0;
  } finally {
    warm.close();
  }
}

/** A bug hunt on one kata, a drill chosen for it: the menu's. Says so when the kata has no drill. */
export async function huntInKata(kata: Kata, io: Io, term: Terminal, warm: WarmGrading): Promise<'done' | 'left' | 'none'> {
  const { drills } = buildableDrills(listDrills([kata]));
  const source = chooseDrill(drills, readProgress(io), createRng(Date.now() % 2 ** 31));
  if (!source) {
    io.err(TEXTS.noDrills(kata.slug));
    return 'none';
  }
  return runHunt(buildDrill(source), io, term, warm);
}

/** Write the drill to its scratch file, keeping a different file already there in the backups. */
function writeDrill(drill: Drill, io: Io, now: Date): string {
  const path = huntPath(drill.kata);
  if (existsSync(path) && readFileSync(path, 'utf8') !== drill.text) {
    const backup = backupFile(path, backupsDir(io.env), drill.kata.slug, now);
    io.out(io.style.dim(TEXTS.backedUp(displayPath(backup))));
  }
  writeFileSync(path, drill.text);
  return path;
}

async function loadMistake(path: string): Promise<NamedMistake> {
  const module = (await import(pathToFileURL(path).href)) as { mistake: Mistake };
  return nameMistake(module.mistake);
}

export async function runHunt(drill: Drill, io: Io, term: Terminal, warm: WarmGrading): Promise<'done' | 'left'> {
  const s = io.style;
  const started = new Date();
  term.clear();
  io.out(s.bold(TEXTS.title(drill.kata.title, drill.kata.slug)));
  const path = writeDrill(drill, io, started);
  io.out('');
  io.out(s.bold(TEXTS.file(displayPath(path))));
  io.out(wrap(TEXTS.task, term.columns, '', s));
  io.out(s.dim(TEXTS.keys));
  io.out('');

  const coding = await hunting(drill, path, io, term, warm, started);
  io.status?.('');
  if (coding.kind === 'left') {
    io.out(`\n${s.dim(TEXTS.left(displayPath(path)))}`);
    return 'left';
  }
  const usedSeconds = Math.floor((Date.now() - started.getTime()) / 1000);
  try {
    io.out('');
    io.out(s.bold(coding.passed ? s.green(TEXTS.passed(clock(usedSeconds))) : TEXTS.gaveUp(clock(usedSeconds))));
    const count = drill.text.split('\n').length;
    let named: number | undefined;
    for (;;) {
      const answer = await term.input(TEXTS.whichLine(count));
      if (answer === undefined || answer.trim() === '') break;
      named = parseLineNumber(answer, count);
      if (named !== undefined) break;
      io.out(s.yellow(TEXTS.badLine(count)));
    }
    let final = drill.text;
    try {
      final = readFileSync(path, 'utf8');
    } catch {
      // The file was deleted: nothing of it was kept, so nothing was fixed.
      final = '';
    }
    const verdict = huntVerdict(drill, final, coding.passed, named);
    const mistake = await loadMistake(drill.path);
    io.out('');
    io.out(renderHuntReport(drill, verdict, mistake, usedSeconds, coding.attempts, s, term.columns));
    const record: HuntRecord = {
      slug: drill.kata.slug,
      drill: drill.id,
      startedAt: started.toISOString(),
      usedSeconds,
      passed: verdict.passed,
      ...(named !== undefined ? { namedLine: named } : {}),
      foundLine: verdict.foundLine,
      fixedPlanted: verdict.fixedPlanted,
      gradeAttempts: coding.attempts,
    };
    changeProgress(io, (p) => recordHunt(p, record));
    io.out(`\n${s.dim(TEXTS.saved)}`);
    return 'done';
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    io.out(`\n${s.dim(TEXTS.left(displayPath(path)))}`);
    return 'left';
  }
}

/** Text wrapped at word boundaries to `columns`, every line indented by `indent`. */
const wrap = (text: string, columns: number, indent: string, s: Style): string => wrapWords(styledWords(text, s), columns - 1, indent).join('\n');

/** Whether the named line was the planted one, in words. */
function namedText(v: HuntVerdict, planted: string): string {
  if (v.namedLine === undefined) return TEXTS.namedNone(planted);
  return v.foundLine ? TEXTS.namedFound(v.namedLine, planted) : TEXTS.namedMissed(v.namedLine, planted);
}

/** Where the learner's fix went, in words. */
function fixText(v: HuntVerdict): string {
  if (!v.fixedPlanted && v.changedElsewhere.length === 0) return TEXTS.fixNone;
  if (v.changedElsewhere.length === 0) return TEXTS.fixPlantedOnly;
  const elsewhere = lineRanges(v.changedElsewhere);
  return v.fixedPlanted ? TEXTS.fixPlantedAndElsewhere(elsewhere) : TEXTS.fixElsewhere(elsewhere);
}

export function renderHuntReport(drill: Drill, v: HuntVerdict, mistake: NamedMistake, usedSeconds: number, attempts: number, s: Style, columns = 80): string {
  const planted = lineRanges(drill.planted);
  const mark = (ok: boolean, text: string): string => (ok ? s.green(text) : s.yellow(text));
  return [
    s.bold(TEXTS.reportHead(drill.kata.title, drill.kata.slug)),
    `  ${mark(v.passed, v.passed ? TEXTS.fixed : TEXTS.notFixed)}`,
    `  ${mark(v.foundLine, namedText(v, planted))}`,
    `  ${fixText(v)}`,
    `  ${s.bold(TEXTS.mistake(mistake.title))}`,
    wrap(mistake.explanation, columns, '    ', s),
    `  ${TEXTS.time(clock(usedSeconds), attempts)}`,
  ].join('\n');
}

export function renderHuntHistory(records: readonly HuntRecord[], s: Style): string {
  const t = TEXTS;
  if (records.length === 0) return t.none;
  const newest = [...records].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  const rows = newest.map((r) => [
    localMinute(r.startedAt),
    r.slug,
    r.drill,
    clock(r.usedSeconds),
    r.passed ? t.yes : t.no,
    r.namedLine === undefined ? '-' : r.foundLine ? t.found(r.namedLine) : t.missed(r.namedLine),
    r.fixedPlanted ? t.planted : t.elsewhere,
  ]);
  const header = [t.colWhen, t.colKata, t.colDrill, t.colTime, t.colFixed, t.colLine, t.colFix];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]))));
  const line = (cells: string[]): string => cells.map((c, i) => padEndTo(c, widths[i])).join('  ').trimEnd();
  return [s.bold(line(header)), ...rows.map(line)].join('\n');
}

type Coding = { kind: 'left' } | { kind: 'ended'; passed: boolean; attempts: number };

/** Grade on every save and on `g`, until the drill passes, the learner gives up (`q`) or leaves (Ctrl-C). */
function hunting(drill: Drill, path: string, io: Io, term: Terminal, warm: WarmGrading, started: Date): Promise<Coding> {
  const s = io.style;
  let attempts = 0;
  const elapsed = (): string => clock(Math.floor((Date.now() - started.getTime()) / 1000));
  return saveLoop<Coding>({
    io,
    term,
    file: path,
    left: { kind: 'left' },
    status: (grading) => (grading ? TEXTS.statusGrading : TEXTS.status)(elapsed(), drill.kata.slug, attempts),
    async grade(loop) {
      loop.say(s.dim(TEXTS.grading(drill.kata.slug)));
      const report: KataReport = await gradeKata(drill.kata, { kind: 'file', path }, warm);
      if (loop.done()) return;
      attempts++;
      io.status?.('');
      term.clear();
      io.out(s.bold(TEXTS.attemptHead(attempts, elapsed())));
      // The catalogue's name for the bug is the answer: it is revealed in the report, not here.
      io.out(renderReport({ ...report, likelyMistakes: [] }, s));
      io.out(`\n${s.dim(TEXTS.keys)}`);
      if (report.status === 'passed') loop.finish({ kind: 'ended', passed: true, attempts });
      else loop.draw();
    },
    onKey(key, loop) {
      if (key === 'q') loop.finish({ kind: 'ended', passed: false, attempts });
    },
  });
}
