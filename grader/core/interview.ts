/**
 * A mock interview (`npm run interview`), as plain data and pure functions: which kata to
 * interview on, the session (start, deadline, grade attempts, the mistakes the grader named),
 * scoring the follow-up questions, the report and the history table. The command
 * (grader/commands/interview.ts) drives it with the terminal, and owns every text: the
 * functions here that write text take them as a parameter, so they translate in one place.
 */
import { findKata, type Kata } from './manifest.ts';
import { kataProgress, type InterviewAnswer, type InterviewRecord, type Progress } from './progress.ts';
import { gradeAnswer, isExact, type Question } from './questions.ts';
import type { KataReport, KataStatus } from './report.ts';
import { plainWords, wrapWords } from './markdown.ts';
import { plain, type Style } from './style.ts';
import { localize, type Lang } from '../i18n/language.ts';
import { displayWidth, padEndTo, padStartTo } from '../i18n/width.ts';

// ---------------------------------------------------------------------------------------------
// Choosing the kata

/** Why a kata was chosen: named by the learner, or picked (within a topic, if one was given). */
export type ChoiceReason = 'named' | 'unsolved' | 'least-recent';

export type KataChoice =
  | { kata: Kata; why: ChoiceReason; lastPractised?: string }
  | { error: 'unknown-topic'; topics: string[]; topic: string }
  | { error: 'unknown-kata'; message: string }
  | { error: 'both' };

/** The course's topics, in course order, each once. */
export function courseTopics(katas: readonly Kata[]): string[] {
  return [...new Set(katas.map((k) => k.topic))];
}

/** ISO time the learner last practised a kata: their latest grade of it or interview on it. */
export function lastPractised(progress: Progress, slug: string): string | undefined {
  const times = [kataProgress(progress, slug).lastAttempt, ...(progress.interviews ?? []).filter((i) => i.slug === slug).map((i) => i.startedAt)];
  let latest: string | undefined;
  for (const t of times) if (t !== undefined && (latest === undefined || Date.parse(t) > Date.parse(latest))) latest = t;
  return latest;
}

/**
 * The kata of an interview: the one named (a slug or unique prefix); else, among the katas of
 * `topic` (all katas without one), the first unsolved in course order; when all are solved, the
 * least recently practised (never practised first, then ties in course order).
 */
export function chooseInterviewKata(katas: readonly Kata[], progress: Progress, request: { name?: string; topic?: string }): KataChoice {
  if (request.name !== undefined && request.topic !== undefined) return { error: 'both' };
  if (request.name !== undefined) {
    const found = findKata(katas, request.name);
    return 'error' in found ? { error: 'unknown-kata', message: found.error } : { kata: found.kata, why: 'named' };
  }
  let pool = katas;
  if (request.topic !== undefined) {
    const topic = request.topic.trim().toLowerCase();
    pool = katas.filter((k) => k.topic.toLowerCase() === topic);
    if (pool.length === 0) return { error: 'unknown-topic', topics: courseTopics(katas), topic: request.topic };
  }
  const unsolved = pool.find((k) => kataProgress(progress, k.slug).state !== 'solved');
  if (unsolved) return { kata: unsolved, why: 'unsolved', lastPractised: lastPractised(progress, unsolved.slug) };
  const when = (k: Kata): number => {
    const t = lastPractised(progress, k.slug);
    return t === undefined ? -Infinity : Date.parse(t);
  };
  const oldest = [...pool].sort((a, b) => when(a) - when(b) || a.order - b.order)[0];
  return { kata: oldest, why: 'least-recent', lastPractised: lastPractised(progress, oldest.slug) };
}

// ---------------------------------------------------------------------------------------------
// The session

/** One grading during the interview. */
export interface Attempt {
  /** Seconds since the start. */
  atSeconds: number;
  status: KataStatus;
  passed: number;
  total: number;
  /** The likely mistake the grader named first, if any, and its explanation. */
  mistake?: string;
  explanation?: string;
}

/** How the coding part ended. */
export type CodingEnd = 'passed' | 'time-up' | 'gave-up';

export interface Session {
  slug: string;
  startedAt: Date;
  minutes: number;
  attempts: Attempt[];
  /** Set when the coding part is over. */
  end?: { kind: CodingEnd; atSeconds: number };
}

export function startSession(slug: string, minutes: number, now: Date): Session {
  return { slug, startedAt: now, minutes, attempts: [] };
}

export const deadline = (session: Session): number => session.startedAt.getTime() + session.minutes * 60_000;

/** Whole seconds since the start (never negative). */
export const elapsedSeconds = (session: Session, now: Date): number => Math.max(0, Math.floor((now.getTime() - session.startedAt.getTime()) / 1000));

/** Whole seconds left on the clock (never negative; rounded up, so 0 means the time is up). */
export const secondsLeft = (session: Session, now: Date): number => Math.max(0, Math.ceil((deadline(session) - now.getTime()) / 1000));

export const timeIsUp = (session: Session, now: Date): boolean => now.getTime() >= deadline(session);

/** A duration as m:ss (h:mm:ss from an hour). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const pad = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** The session after one grading of the learner's file. Does not change `session`. */
export function recordAttempt(session: Session, report: KataReport, now: Date): Session {
  let passed = 0;
  let total = 0;
  for (const c of report.categories) {
    passed += c.passed;
    total += c.passed + c.failed;
  }
  const attempt: Attempt = { atSeconds: elapsedSeconds(session, now), status: report.status, passed, total };
  const mistake = report.likelyMistakes[0];
  if (mistake !== undefined) Object.assign(attempt, { mistake: mistake.title, explanation: mistake.explanation });
  return { ...session, attempts: [...session.attempts, attempt] };
}

/** The session with its coding part over; the time used never counts beyond the time allowed. */
export function endCoding(session: Session, kind: CodingEnd, now: Date): Session {
  if (session.end) return session;
  return { ...session, end: { kind, atSeconds: Math.min(elapsedSeconds(session, now), session.minutes * 60) } };
}

/** The mistakes the grader named, in the order first named, each once. */
export function mistakesNamed(session: Session): string[] {
  return [...new Set(session.attempts.flatMap((a) => (a.mistake === undefined ? [] : [a.mistake])))];
}

export const passedInSession = (session: Session): boolean => session.attempts.some((a) => a.status === 'passed');

// ---------------------------------------------------------------------------------------------
// The follow-up questions

/** The learner's answer to one question: graded (exact) or self-assessed (open). */
export type Answer =
  | { id: string; kind: 'exact'; given: string | undefined; correct: boolean; expected: string }
  | { id: string; kind: 'open'; selfAssessed: boolean };

/** Grade the text given for an exact question; no text (skipped) is not correct. */
export function answerExact(question: Question, given: string | undefined, lang: Lang = 'en'): Answer {
  if (!isExact(question)) throw new Error(`question "${question.id}" is open: it is self-assessed`); // i18n-exempt: a developer's assertion
  const { correct, expected } = gradeAnswer(question, given ?? '', lang);
  return { id: question.id, kind: 'exact', given, correct: given !== undefined && given.trim() !== '' && correct, expected };
}

/** The learner's own verdict on an open question, after reading the model answer. */
export const answerOpen = (question: Question, covered: boolean): Answer => ({ id: question.id, kind: 'open', selfAssessed: covered });

export const isRight = (answer: Answer): boolean => (answer.kind === 'exact' ? answer.correct : answer.selfAssessed);

export function questionScore(answers: readonly Answer[]): { score: number; total: number } {
  return { score: answers.filter(isRight).length, total: answers.length };
}

// ---------------------------------------------------------------------------------------------
// The record kept in the history

export function interviewRecord(session: Session, answers: readonly Answer[]): InterviewRecord {
  return {
    slug: session.slug,
    startedAt: session.startedAt.toISOString(),
    minutes: session.minutes,
    usedSeconds: session.end?.atSeconds ?? session.minutes * 60,
    passed: passedInSession(session),
    gradeAttempts: session.attempts.length,
    mistakesNamed: mistakesNamed(session),
    questions: answers.map((a): InterviewAnswer => (a.kind === 'exact' ? { id: a.id, correct: a.correct } : { id: a.id, selfAssessed: a.selfAssessed })),
    score: questionScore(answers).score,
  };
}

// ---------------------------------------------------------------------------------------------
// The report

/** The texts of the report, written by the command (so they translate in one place). */
export interface ReportTexts {
  heading(title: string, slug: string): string;
  ended(kind: CodingEnd): string;
  time(used: string, allowed: string): string;
  attempts(count: number): string;
  attempt(at: string, status: KataStatus, passed: number, total: number, mistake: string | undefined): string;
  mistakesHead: string;
  noMistakes: string;
  questions(score: number, total: number): string;
  question(prompt: string, right: boolean, kind: 'exact' | 'open'): string;
  reviewHead: string;
  reviewFinish(slug: string): string;
  reviewMistake(title: string, explanation: string | undefined): string;
  reviewQuestion(topic: string, prompt: string): string;
  reviewTime: string;
  reviewNothing: string;
}

/** A question's prompt cut to one line, for lists. */
export function shortPrompt(text: string, width = 70): string {
  const one = text.replace(/\s+/g, ' ').trim();
  if (displayWidth(one) <= width) return one;
  // Cut by display width: a Chinese character takes two columns.
  let cut = '';
  for (const ch of one) {
    if (displayWidth(cut + ch) > width - 1) break;
    cut += ch;
  }
  return `${cut.trimEnd()}…`;
}

/**
 * What to review after the interview: finishing the kata if it did not pass, each mistake the
 * grader named, each question not answered right (with its topic), the pace when a pass took
 * more than the time allowed… or nothing.
 */
export function reviewItems(session: Session, questions: readonly Question[], answers: readonly Answer[], texts: ReportTexts): string[] {
  const items: string[] = [];
  if (!passedInSession(session)) items.push(texts.reviewFinish(session.slug));
  for (const mistake of mistakesNamed(session)) {
    items.push(texts.reviewMistake(mistake, session.attempts.find((a) => a.mistake === mistake)?.explanation));
  }
  for (const answer of answers) {
    if (isRight(answer)) continue;
    const question = questions.find((q) => q.id === answer.id);
    if (question) items.push(texts.reviewQuestion(question.topic, shortPrompt(localize(question.prompt))));
  }
  if (passedInSession(session) && session.end?.kind === 'passed' && session.end.atSeconds > 0.8 * session.minutes * 60) items.push(texts.reviewTime);
  return items.length > 0 ? items : [texts.reviewNothing];
}

/** The report at the end of an interview. */
export function renderInterviewReport(
  kata: Pick<Kata, 'slug' | 'title'>,
  session: Session,
  questions: readonly Question[],
  answers: readonly Answer[],
  texts: ReportTexts,
  s: Style = plain,
  width = 96,
): string {
  const lines: string[] = [];
  const end = session.end ?? { kind: 'time-up' as const, atSeconds: session.minutes * 60 };
  lines.push(s.bold(texts.heading(kata.title, kata.slug)));
  lines.push(`  ${texts.ended(end.kind)}`);
  lines.push(`  ${texts.time(clock(end.atSeconds), clock(session.minutes * 60))}`);
  lines.push(`  ${texts.attempts(session.attempts.length)}`);
  for (const a of session.attempts) lines.push(s.dim(`    ${texts.attempt(clock(a.atSeconds), a.status, a.passed, a.total, a.mistake)}`));
  const mistakes = mistakesNamed(session);
  // No space after a full-width colon (Chinese): `错误：无`, but `named: none`.
  const space = texts.mistakesHead.endsWith('：') ? '' : ' ';
  lines.push(`  ${texts.mistakesHead}${mistakes.length === 0 ? `${space}${texts.noMistakes}` : ''}`);
  for (const m of mistakes) lines.push(`    - ${m}`);
  const { score, total } = questionScore(answers);
  lines.push(`  ${texts.questions(score, total)}`);
  for (const answer of answers) {
    const question = questions.find((q) => q.id === answer.id);
    const prompt = shortPrompt(question ? localize(question.prompt) : answer.id);
    const line = `    ${texts.question(prompt, isRight(answer), answer.kind)}`;
    lines.push(isRight(answer) ? line : s.yellow(line));
  }
  lines.push(`  ${s.bold(texts.reviewHead)}`);
  for (const item of reviewItems(session, questions, answers, texts)) lines.push(...wrapWords(plainWords(item), width, '    - ', '      '));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The history

export interface HistoryTexts {
  columns: [when: string, kata: string, time: string, result: string, grades: string, mistakes: string, questions: string];
  passed: string;
  notPassed: string;
  none: string;
}

/** A time as local `YYYY-MM-DD HH:MM`. */
export function localMinute(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The interviews as an aligned table, newest first. */
export function renderHistory(records: readonly InterviewRecord[], texts: HistoryTexts, s: Style = plain): string {
  if (records.length === 0) return texts.none;
  const newestFirst = [...records].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  const rows = newestFirst.map((r) => [
    localMinute(r.startedAt),
    r.slug,
    `${clock(r.usedSeconds)} / ${clock(r.minutes * 60)}`,
    r.passed ? texts.passed : texts.notPassed,
    String(r.gradeAttempts),
    String(r.mistakesNamed.length),
    `${r.score}/${r.questions.length}`,
  ]);
  const header = [...texts.columns];
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((row) => displayWidth(row[i]))));
  const numeric = [false, false, true, false, true, true, true];
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => (numeric[i] ? padStartTo(c, widths[i]) : padEndTo(c, widths[i])))
      .join('  ')
      .trimEnd();
  return [s.bold(line(header)), ...rows.map((row, i) => (newestFirst[i].passed ? line(row) : s.dim(line(row))))].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The statement, locked

/**
 * The statement without its worked answers: a section headed "…worked example…" or "…算例…" (to
 * the next heading of the same or a higher level) and a paragraph that opens with "A worked
 * example" or "一个算例" give way to `note`; a line pointing to the hints or the reference (`npm run hint`,
 * `npm run compare`) is left out. The rest is unchanged.
 */
export function lockedStatement(markdown: string, note: string): string {
  const lines = markdown.split('\n');
  const out: string[] = [];
  let skipLevel = 0;
  let inParagraph = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (skipLevel > 0) {
      if (heading && heading[1].length <= skipLevel) skipLevel = 0;
      else continue;
    }
    if (inParagraph) {
      if (line.trim() === '') {
        inParagraph = false;
        out.push(line);
      }
      continue;
    }
    if (heading && /worked example|算例/i.test(heading[2])) {
      skipLevel = heading[1].length;
      out.push(`_${note}_`, '');
      continue;
    }
    const previousBlank = i === 0 || lines[i - 1].trim() === '';
    if (previousBlank && /^(?:A worked example\b|一个算例)/i.test(line.trim())) {
      inParagraph = true;
      out.push(`_${note}_`);
      continue;
    }
    if (/npm run (?:hint|compare)\b/.test(line)) continue;
    out.push(line);
  }
  return out.join('\n');
}
