/**
 * The learner's progress: per kata, whether it is solved, the best and last results, how many
 * hints were shown, and when they first and last graded it. Plain data and pure functions
 * here; reading and writing the file (and setting a corrupt one aside) is progress-store.ts.
 */
import type { Kata } from './manifest.ts';
import type { KataReport, KataStatus } from './report.ts';
import { LANGS, type Lang } from '../i18n/language.ts';
import { progress as m } from '../messages/progress.ts';

/** How a kata reads in the menu: `new` until a grade shows some work of the learner's. */
export type KataState = 'new' | 'attempted' | 'solved';

/** One grading, as much of it as is worth remembering. */
export interface GradeResult {
  status: KataStatus;
  /** Checks passed and run. */
  passed: number;
  total: number;
  /** ISO time of the grading. */
  at: string;
  /** The kata's revision when it was graded (manifest.ts); absent in files written before revisions: 1. */
  revision?: number;
}

export interface KataProgress {
  state: KataState;
  best?: GradeResult;
  last?: GradeResult;
  /** How many tiers of `hints.md` have been revealed. */
  hintsShown: number;
  /** ISO times of the first and the latest grading of the learner's file. */
  firstAttempt?: string;
  lastAttempt?: string;
  /** ISO time of the first passing grade. */
  solvedAt?: string;
  /**
   * The kata changed (a new revision) since the best grade kept here: `from` is that grade's
   * revision, `solved` whether it had solved the kata. Set by applyRevisions, cleared by the next grade.
   */
  revised?: { from: number; solved: boolean };
}

/** One answered follow-up question of an interview: `correct` when graded, `selfAssessed` when open. */
export interface InterviewAnswer {
  id: string;
  correct?: boolean;
  selfAssessed?: boolean;
}

/** One mock interview (`npm run interview`), as kept in the history. */
export interface InterviewRecord {
  slug: string;
  /** ISO time the countdown started. */
  startedAt: string;
  /** The time allowed. */
  minutes: number;
  /** Seconds from the start to the end of the coding part (a pass, the time up, or giving up). */
  usedSeconds: number;
  passed: boolean;
  gradeAttempts: number;
  /** The likely mistakes the grader named on the way, in the order first named, each once. */
  mistakesNamed: string[];
  questions: InterviewAnswer[];
  /** Questions answered right (graded correct, or self-assessed as covered). */
  score: number;
}

/** One bug hunt (`npm run hunt`), as kept in the history. */
export interface HuntRecord {
  slug: string;
  /** The mistake's id. */
  drill: string;
  /** ISO time the hunt started. */
  startedAt: string;
  usedSeconds: number;
  passed: boolean;
  /** The line the learner named (a line of the drill as given), if any. */
  namedLine?: number;
  /** The named line is one of the planted lines. */
  foundLine: boolean;
  /** The learner's changes touched a planted line. */
  fixedPlanted: boolean;
  gradeAttempts: number;
}

export interface Progress {
  version: 1;
  katas: Record<string, KataProgress>;
  /** The mock interviews, oldest first. Files written before interviews existed have none. */
  interviews?: InterviewRecord[];
  /** The bug hunts (`npm run hunt`), oldest first. Files written before hunts existed have none. */
  hunts?: HuntRecord[];
  /** The learner's choices: the language the menu's switch saved (else --lang, the locale, English). */
  settings?: { lang?: Lang };
}

export const emptyProgress = (): Progress => ({ version: 1, katas: {} });

const NEW_KATA: KataProgress = { state: 'new', hintsShown: 0 };

export function kataProgress(progress: Progress, slug: string): KataProgress {
  return progress.katas[slug] ?? NEW_KATA;
}

export function kataState(progress: Progress, slug: string): KataState {
  return kataProgress(progress, slug).state;
}

/**
 * The progress as it stands for the katas as they are now: where a kata's revision is newer
 * than the revision of the best grade kept for it, that grade proves nothing about the kata
 * now. Its best is dropped, a solved kata reads as attempted, and `revised` says so (the menu
 * and the grade tell the learner what changed); the next grade starts a fresh best. The dates
 * (solvedAt among them) stay: they are history. Does not change `progress`.
 */
export function applyRevisions(progress: Progress, katas: readonly Pick<Kata, 'slug' | 'revision'>[]): Progress {
  let changed = false;
  const entries = { ...progress.katas };
  for (const kata of katas) {
    const entry = entries[kata.slug];
    if (!entry?.best) continue;
    const from = entry.best.revision ?? 1;
    if (from >= kata.revision) continue;
    const { best: _dropped, ...rest } = entry;
    changed = true;
    // A kata never started (only "not started" grades) has nothing the revision could retract.
    if (entry.state === 'new') {
      entries[kata.slug] = rest;
      continue;
    }
    const solved = entry.state === 'solved' || entry.revised?.solved === true;
    entries[kata.slug] = { ...rest, state: entry.state === 'solved' ? 'attempted' : entry.state, revised: { from, solved } };
  }
  return changed ? { ...progress, katas: entries } : progress;
}

/** What a report says about the learner's file, for the progress file; `revision` is the kata's. */
export function gradeResult(report: KataReport, now: Date, revision?: number): GradeResult {
  let passed = 0;
  let total = 0;
  for (const c of report.categories) {
    passed += c.passed;
    total += c.passed + c.failed;
  }
  return { status: report.status, passed, total, at: now.toISOString(), ...(revision === undefined || revision === 1 ? {} : { revision }) };
}

/** How far a status gets: a passing kata beats a failing one, which beats one that cannot run. */
const STATUS_RANK: Record<KataStatus, number> = {
  passed: 4,
  failed: 3,
  stopped: 2,
  'compile-error': 1,
  'not-started': 0,
};

/** True when `a` is a better result than `b` (ties go to the older one: no news is not better). */
export function isBetter(a: GradeResult, b: GradeResult): boolean {
  const rank = STATUS_RANK[a.status] - STATUS_RANK[b.status];
  return rank !== 0 ? rank > 0 : a.passed > b.passed;
}

/** The progress after one grading of the learner's file. Does not change `progress`. */
export function recordGrade(progress: Progress, slug: string, result: GradeResult): Progress {
  const before = kataProgress(progress, slug);
  const best = before.best === undefined || isBetter(result, before.best) ? result : before.best;
  // Solved stays solved: breaking a solved kata later (or resetting it) does not undo having solved it.
  const state: KataState =
    best.status === 'passed' ? 'solved' : best.status === 'not-started' ? before.state : 'attempted';
  const { revised: _told, ...kept } = before;
  const after: KataProgress = {
    ...kept,
    state,
    best,
    last: result,
    firstAttempt: before.firstAttempt ?? result.at,
    lastAttempt: result.at,
  };
  if (result.status === 'passed' && before.solvedAt === undefined) after.solvedAt = result.at;
  // Not-started keeps the note: nothing of the learner's was graded under the new revision yet.
  if (before.revised && best.status === 'not-started') after.revised = before.revised;
  return { ...progress, katas: { ...progress.katas, [slug]: after } };
}

/** The progress after one more interview. Does not change `progress`. */
export function recordInterview(progress: Progress, record: InterviewRecord): Progress {
  return { ...progress, interviews: [...(progress.interviews ?? []), record] };
}

/** The progress after one more bug hunt. Does not change `progress`. */
export function recordHunt(progress: Progress, record: HuntRecord): Progress {
  return { ...progress, hunts: [...(progress.hunts ?? []), record] };
}

/** The progress after revealing hint tiers up to `shown` (never lowers the count). */
/** The language the learner chose in the menu, kept for every later command. */
export function recordLanguage(progress: Progress, lang: Lang): Progress {
  return { ...progress, settings: { ...progress.settings, lang } };
}

export function recordHints(progress: Progress, slug: string, shown: number): Progress {
  const before = kataProgress(progress, slug);
  const after: KataProgress = { ...before, hintsShown: Math.max(before.hintsShown, shown) };
  return { ...progress, katas: { ...progress.katas, [slug]: after } };
}

export function solvedCount(progress: Progress, katas: readonly Kata[]): number {
  return katas.filter((k) => kataState(progress, k.slug) === 'solved').length;
}

/**
 * The kata to work on next: the first unsolved one after `after` in curriculum order, else the
 * first unsolved one from the start; undefined when every kata is solved.
 */
export function nextUnsolved(katas: readonly Kata[], progress: Progress, after?: string): Kata | undefined {
  const start = after === undefined ? 0 : katas.findIndex((k) => k.slug === after) + 1;
  const rotated = [...katas.slice(start), ...katas.slice(0, start)];
  return rotated.find((k) => k.slug !== after && kataState(progress, k.slug) !== 'solved');
}

/** Thrown by parseProgress with the reason the text is not a progress file. */
export class ProgressFormatError extends Error {
  override name = 'ProgressFormatError';
}

const STATES: readonly KataState[] = ['new', 'attempted', 'solved'];
const STATUSES = Object.keys(STATUS_RANK) as KataStatus[];

const isTime = (v: unknown): boolean => typeof v === 'string' && !Number.isNaN(Date.parse(v));
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;

/** Statuses that earlier versions of the grader wrote, and what they are called now. */
const RENAMED_STATUSES: Record<string, KataStatus> = { timeout: 'stopped', crashed: 'stopped' };

function checkResult(v: unknown, where: string): void {
  const r = v as Record<string, unknown>;
  if (typeof v !== 'object' || v === null) throw new ProgressFormatError(m.fieldNotObject(where));
  if (typeof r.status === 'string' && r.status in RENAMED_STATUSES) r.status = RENAMED_STATUSES[r.status];
  if (!STATUSES.includes(r.status as KataStatus)) throw new ProgressFormatError(m.fieldIs(`${where}.status`, JSON.stringify(r.status)));
  if (!isCount(r.passed) || !isCount(r.total)) throw new ProgressFormatError(m.badCheckCounts(where));
  if (!isTime(r.at)) throw new ProgressFormatError(m.notTime(`${where}.at`));
  if (r.revision !== undefined && !(Number.isInteger(r.revision) && (r.revision as number) >= 1)) throw new ProgressFormatError(m.notCount(`${where}.revision`));
}

function checkInterview(v: unknown, where: string): void {
  const r = v as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProgressFormatError(m.fieldNotObject(where));
  if (typeof r.slug !== 'string' || r.slug === '') throw new ProgressFormatError(m.notKataName(`${where}.slug`));
  if (!isTime(r.startedAt)) throw new ProgressFormatError(m.notTime(`${where}.startedAt`));
  if (typeof r.minutes !== 'number' || !(r.minutes > 0)) throw new ProgressFormatError(m.notPositive(`${where}.minutes`));
  if (typeof r.usedSeconds !== 'number' || !(r.usedSeconds >= 0)) throw new ProgressFormatError(m.notDuration(`${where}.usedSeconds`));
  if (typeof r.passed !== 'boolean') throw new ProgressFormatError(m.notBoolean(`${where}.passed`));
  if (!isCount(r.gradeAttempts)) throw new ProgressFormatError(m.notCount(`${where}.gradeAttempts`));
  if (!Array.isArray(r.mistakesNamed) || !r.mistakesNamed.every((m) => typeof m === 'string')) {
    throw new ProgressFormatError(m.notTextList(`${where}.mistakesNamed`));
  }
  if (!Array.isArray(r.questions)) throw new ProgressFormatError(m.fieldNotList(`${where}.questions`));
  r.questions.forEach((q: unknown, j: number) => {
    const a = q as Record<string, unknown>;
    const at = `${where}.questions[${j}]`;
    if (typeof q !== 'object' || q === null || typeof a.id !== 'string') throw new ProgressFormatError(m.noId(at));
    if (a.correct !== undefined && typeof a.correct !== 'boolean') throw new ProgressFormatError(m.notBoolean(`${at}.correct`));
    if (a.selfAssessed !== undefined && typeof a.selfAssessed !== 'boolean') throw new ProgressFormatError(m.notBoolean(`${at}.selfAssessed`));
  });
  if (!isCount(r.score) || (r.score as number) > r.questions.length) throw new ProgressFormatError(m.scoreNotCount(`${where}.score`));
}

function checkHunt(v: unknown, where: string): void {
  const r = v as Record<string, unknown>;
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ProgressFormatError(m.fieldNotObject(where));
  if (typeof r.slug !== 'string' || r.slug === '') throw new ProgressFormatError(m.notKataName(`${where}.slug`));
  if (typeof r.drill !== 'string' || r.drill === '') throw new ProgressFormatError(m.notDrillName(`${where}.drill`));
  if (!isTime(r.startedAt)) throw new ProgressFormatError(m.notTime(`${where}.startedAt`));
  if (typeof r.usedSeconds !== 'number' || !(r.usedSeconds >= 0)) throw new ProgressFormatError(m.notDuration(`${where}.usedSeconds`));
  for (const key of ['passed', 'foundLine', 'fixedPlanted'] as const) {
    if (typeof r[key] !== 'boolean') throw new ProgressFormatError(m.notBoolean(`${where}.${key}`));
  }
  if (r.namedLine !== undefined && !(Number.isInteger(r.namedLine) && (r.namedLine as number) >= 1)) throw new ProgressFormatError(m.notLineNumber(`${where}.namedLine`));
  if (!isCount(r.gradeAttempts)) throw new ProgressFormatError(m.notCount(`${where}.gradeAttempts`));
}

/** Read a progress file's text; throws ProgressFormatError saying what is wrong with it. */
export function parseProgress(text: string): Progress {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ProgressFormatError(m.notJson((error as Error).message));
  }
  const p = raw as Record<string, unknown>;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ProgressFormatError(m.notJsonObject);
  if (p.version !== 1) throw new ProgressFormatError(m.versionIs(JSON.stringify(p.version)));
  if (typeof p.katas !== 'object' || p.katas === null || Array.isArray(p.katas)) {
    throw new ProgressFormatError(m.fieldNotObject('"katas"'));
  }
  for (const [slug, entry] of Object.entries(p.katas as Record<string, unknown>)) {
    const e = entry as Record<string, unknown>;
    const where = `katas["${slug}"]`;
    if (typeof entry !== 'object' || entry === null) throw new ProgressFormatError(m.fieldNotObject(where));
    if (!STATES.includes(e.state as KataState)) throw new ProgressFormatError(m.fieldIs(`${where}.state`, JSON.stringify(e.state)));
    if (!isCount(e.hintsShown)) throw new ProgressFormatError(m.notCount(`${where}.hintsShown`));
    if (e.best !== undefined) checkResult(e.best, `${where}.best`);
    if (e.last !== undefined) checkResult(e.last, `${where}.last`);
    for (const key of ['firstAttempt', 'lastAttempt', 'solvedAt'] as const) {
      if (e[key] !== undefined && !isTime(e[key])) throw new ProgressFormatError(m.notTime(`${where}.${key}`));
    }
  }
  if (p.interviews !== undefined) {
    if (!Array.isArray(p.interviews)) throw new ProgressFormatError(m.fieldNotList('"interviews"'));
    p.interviews.forEach((entry, i) => checkInterview(entry, `interviews[${i}]`));
  }
  if (p.settings !== undefined) {
    const settings = p.settings as Record<string, unknown>;
    if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) throw new ProgressFormatError(m.fieldNotObject('"settings"'));
    if (settings.lang !== undefined && !LANGS.includes(settings.lang as Lang)) {
      throw new ProgressFormatError(m.langIs('settings.lang', JSON.stringify(settings.lang), LANGS.join(m.or)));
    }
  }
  if (p.hunts !== undefined) {
    if (!Array.isArray(p.hunts)) throw new ProgressFormatError(m.fieldNotList('"hunts"'));
    p.hunts.forEach((entry, i) => checkHunt(entry, `hunts[${i}]`));
  }
  return raw as Progress;
}

export function serializeProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}
