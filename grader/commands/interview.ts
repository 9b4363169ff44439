/**
 * `npm run interview [-- <kata> | --topic <topic>] [--minutes N]`: a mock interview. It picks a
 * kata (the one named, or within a topic, or the one most due), shows its statement with the
 * worked answers locked, and starts a countdown; the learner's file is graded on every save (and
 * on `g`), as often as they like. When the kata passes, the time is up or they give up (`q`),
 * 3 to 5 follow-up questions from the kata's bank; then a report, kept in the history
 * (`--history` lists it). Ctrl-C leaves at any point: the learner's file and progress are kept.
 *
 * The logic is grader/core/interview.ts; every learner-facing text of the command is in
 * grader/messages/interview.ts, in both languages.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createRng } from '../../katas/lib/random.ts';
import { gradeKata } from '../core/grade.ts';
import {
  answerExact,
  answerOpen,
  chooseInterviewKata,
  clock,
  courseTopics,
  endCoding,
  interviewRecord,
  localMinute,
  lockedStatement,
  passedInSession,
  recordAttempt,
  renderHistory,
  renderInterviewReport,
  secondsLeft,
  startSession,
  timeIsUp,
  type Answer,
  type ChoiceReason,
  type CodingEnd,
  type HistoryTexts,
  type ReportTexts,
  type Session,
} from '../core/interview.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { recordInterview } from '../core/progress.ts';
import { loadQuestions, MAX_PICK, MIN_PICK, optionLetter, pickQuestions, type Question, type Topic } from '../core/questions.ts';
import { language, localize } from '../i18n/language.ts';
import { m } from '../messages/interview.ts';
import type { KataStatus } from '../core/report.ts';
import { renderReport } from '../core/scorecard.ts';
import type { Io } from '../io.ts';
import { Interrupted, processTerminal, type Terminal } from '../terminal.ts';
import { changeProgress, readProgress, recordReport, relativeStub } from './learner.ts';
import { saveLoop, type SaveLoop } from './save-loop.ts';
import { warmGrading, type WarmGrading } from './watch.ts';

// ---------------------------------------------------------------------------------------------
// Every text of the command (the catalogue is grader/messages/interview.ts)

const STATUS_WORDS: Record<KataStatus, () => string> = {
  passed: () => m.statusPassed,
  failed: () => m.statusFailed,
  'not-started': () => m.statusNotStarted,
  'compile-error': () => m.statusCompileError,
  stopped: () => m.statusStopped,
};

const TOPIC_WORDS: Record<Topic, () => string> = {
  derivation: () => m.topicDerivation,
  'shapes-cost': () => m.topicShapesCost,
  stability: () => m.topicStability,
  conventions: () => m.topicConventions,
  comparison: () => m.topicComparison,
  'training-tricks': () => m.topicTrainingTricks,
  testing: () => m.topicTesting,
};

/** A question's topic in the current language. */
export const topicWord = (topic: string): string => TOPIC_WORDS[topic as Topic]?.() ?? topic;

const REPORT_TEXTS: ReportTexts = {
  heading: (title, slug) => m.reportHeading(title, slug),
  ended: (kind) => (kind === 'passed' ? m.endedPassed : kind === 'time-up' ? m.endedTimeUp : m.endedGaveUp),
  time: (used, allowed) => m.reportTime(used, allowed),
  attempts: (count) => m.reportAttempts(count),
  attempt: (at, status, passed, total, mistake) =>
    `${m.attempt(at, STATUS_WORDS[status]())}${total > 0 ? m.attemptChecks(passed, total) : ''}${mistake ? m.attemptMistake(mistake) : ''}`,
  get mistakesHead() {
    return m.mistakesHead;
  },
  get noMistakes() {
    return m.noMistakes;
  },
  questions: (score, total) => m.questions(score, total),
  question: (prompt, right, kind) => `${right ? '✓' : '✗'} ${prompt}${kind === 'open' ? m.selfAssessed : ''}`,
  get reviewHead() {
    return m.reviewHead;
  },
  reviewFinish: (slug) => m.reviewFinish(slug),
  reviewMistake: (title, explanation) => (explanation ? m.reviewMistakeExplained(title, explanation) : m.reviewMistake(title)),
  reviewQuestion: (topic, prompt) => m.reviewQuestion(topicWord(topic), prompt),
  get reviewTime() {
    return m.reviewTime;
  },
  get reviewNothing() {
    return m.reviewNothing;
  },
};

const HISTORY_TEXTS: HistoryTexts = {
  get columns(): HistoryTexts['columns'] {
    return [m.colWhen, m.colKata, m.colTime, m.colResult, m.colGrades, m.colMistakes, m.colQuestions];
  },
  get passed() {
    return m.passed;
  },
  get notPassed() {
    return m.notPassed;
  },
  get none() {
    return m.none;
  },
};

/** How the coding part ended, in the current language. */
function endedAt(kind: CodingEnd, at: string): string {
  return kind === 'passed' ? m.endedPassedAt(at) : kind === 'time-up' ? m.endedTimeUpAt(at) : m.endedGaveUpAt(at);
}

/** Why the kata was chosen, or nothing when the learner named it. */
function whyChosen(why: ChoiceReason, last: string | undefined): string {
  if (why === 'named') return '';
  if (why === 'unsolved') return m.whyUnsolved;
  return last ? m.whyLeastRecentOn(localMinute(last)) : m.whyLeastRecent;
}

/**
 * Every learner-facing text of the command, in the current language (read when used): the
 * catalogue grader/messages/interview.ts, with the report's and the history's texts and the
 * few composed here.
 */
export const TEXTS = Object.assign(Object.create(m) as typeof m, {
  report: REPORT_TEXTS,
  history: HISTORY_TEXTS,
  ended: endedAt,
  why: whyChosen,
});

/** The usage, in the language chosen when main.ts imports this module (after --lang). */
export const INTERVIEW_USAGE = m.usage(MIN_PICK, MAX_PICK);

// ---------------------------------------------------------------------------------------------
// The command

export interface InterviewOptions {
  minutes: number;
  questions: number;
  seed: number;
  why: ChoiceReason;
  lastPractised?: string;
}

/** How an interview ended: with its report, or left with Ctrl-C. */
export type InterviewEnd = 'done' | 'left';

function numberOption(text: string | undefined, valid: (n: number) => boolean, problem: (text: string) => string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  // A parseArgs-style code: main.ts answers it with the message and the usage.
  if (text.trim() === '' || !valid(value)) throw Object.assign(new Error(problem(text)), { code: 'ERR_PARSE_ARGS_BAD_VALUE' });
  return value;
}

export async function interviewCommand(argv: string[], io: Io, terminal: () => Terminal = processTerminal): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      topic: { type: 'string' },
      minutes: { type: 'string' },
      questions: { type: 'string' },
      seed: { type: 'string' },
      history: { type: 'boolean' },
    },
  });
  if (values.history) {
    io.out(renderHistory(readProgress(io).interviews ?? [], TEXTS.history, io.style));
    return 0;
  }
  const minutes = numberOption(values.minutes, (n) => Number.isFinite(n) && n > 0, TEXTS.badMinutes);
  const questions = numberOption(values.questions, (n) => Number.isInteger(n) && n >= MIN_PICK && n <= MAX_PICK, (text) => TEXTS.badQuestions(text, MIN_PICK, MAX_PICK)) ?? MIN_PICK;
  const seed = numberOption(values.seed, Number.isInteger, TEXTS.badSeed) ?? Date.now() % 2 ** 31;
  if (positionals.length > 1) {
    io.err(TEXTS.oneKata(positionals.length, positionals.join(' ')));
    return 2;
  }
  const katas = loadKatas();
  const choice = chooseInterviewKata(katas, readProgress(io), { name: positionals[0], topic: values.topic });
  if ('error' in choice) {
    io.err(
      choice.error === 'both' ? TEXTS.both
      : choice.error === 'unknown-topic' ? TEXTS.unknownTopic(choice.topic, courseTopics(katas).join(TEXTS.listSeparator))
      : choice.message,
    );
    return 2;
  }
  if (!io.interactive) {
    io.err(TEXTS.needsTerminal);
    return 2;
  }
  const warm = warmGrading();
  try {
    const end = await runInterview(choice.kata, io, terminal(), warm, {
      minutes: minutes ?? choice.kata.minutes,
      questions,
      seed,
      why: choice.why,
      lastPractised: choice.lastPractised,
    });
    return end === 'left' ? 130 : 0;
  } finally {
    warm.close();
  }
}

/** A whole interview on one kata: the countdown, the questions, the report. Also the menu's. */
export async function runInterview(kata: Kata, io: Io, term: Terminal, warm: WarmGrading, options: InterviewOptions): Promise<InterviewEnd> {
  const s = io.style;
  // The bank first: a broken one is said before the clock starts.
  let picked: Question[] = [];
  try {
    picked = pickQuestions(loadQuestions(kata), options.questions, createRng(options.seed));
  } catch (error) {
    io.err(s.yellow(TEXTS.noBank((error as Error).message)));
  }
  const statement = (): void => {
    let text: string;
    try {
      text = lockedStatement(readFileSync(kata.readmePath, 'utf8'), TEXTS.workedExampleLocked);
    } catch (error) {
      text = (error as Error).message;
    }
    io.out(renderMarkdown(text, s, term.columns));
  };
  term.clear();
  io.out(s.bold(TEXTS.title(kata.title, kata.slug, clock(options.minutes * 60))));
  const why = TEXTS.why(options.why, options.lastPractised);
  if (why) io.out(s.dim(why));
  io.out(s.yellow(TEXTS.locked));
  io.out('');
  statement();
  io.out('');
  io.out(s.bold(TEXTS.file(relativeStub(kata))));
  io.out(s.dim(TEXTS.keys));
  io.out('');

  let session = startSession(kata.slug, options.minutes, new Date());
  const coding = await countdown(kata, io, term, warm, session, statement);
  if (coding.kind === 'left') {
    io.status?.('');
    io.out(`\n${s.dim(TEXTS.left)}`);
    return 'left';
  }
  session = coding.session;
  try {
    io.status?.('');
    io.out('');
    const end = session.end!;
    io.out(s.bold(end.kind === 'passed' ? s.green(TEXTS.ended(end.kind, clock(end.atSeconds))) : TEXTS.ended(end.kind, clock(end.atSeconds))));
    const answers: Answer[] = [];
    for (const [i, question] of picked.entries()) {
      io.out(`\n${s.bold(TEXTS.questionHead(i + 1, picked.length, topicWord(question.topic)))}`);
      io.out(renderMarkdown(localize(question.prompt), s, term.columns));
      answers.push(await ask(question, io, term));
    }
    io.out('');
    io.out(renderInterviewReport(kata, session, picked, answers, TEXTS.report, s, term.columns - 4));
    changeProgress(io, (p) => recordInterview(p, interviewRecord(session, answers)));
    io.out(`\n${s.dim(TEXTS.saved)}`);
    return 'done';
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    io.out(`\n${s.dim(TEXTS.left)}`);
    return 'left';
  }
}

/** One follow-up question: asked, answered, graded or self-assessed, with the model answer shown. */
async function ask(question: Question, io: Io, term: Terminal): Promise<Answer> {
  const s = io.style;
  const model = (): void => io.out(`${s.dim(TEXTS.modelAnswer)}\n${renderMarkdown(localize(question.answer), s, term.columns)}`);
  if (question.kind === 'open') {
    await term.input(TEXTS.yourOpenAnswer);
    model();
    const covered = (await term.confirm(TEXTS.covered, false)) ?? false;
    return answerOpen(question, covered);
  }
  let given: string | undefined;
  if (question.kind === 'choice') {
    const chosen = await term.select(
      TEXTS.choose,
      question.options.map((option, i) => ({ name: `${optionLetter(i)}) ${localize(option)}`, value: optionLetter(i) })),
      { escape: 'skip' },
    );
    given = chosen;
  } else given = await term.input(TEXTS.yourAnswer);
  const answer = answerExact(question, given, language());
  if (answer.kind === 'exact') {
    const skipped = given === undefined || given.trim() === '';
    io.out(answer.correct ? s.green(TEXTS.right) : s.yellow(skipped ? TEXTS.skipped(answer.expected) : TEXTS.wrong(answer.expected)));
  }
  model();
  return answer;
}

type CodingResult = { kind: 'left' } | { kind: 'ended'; session: Session };

/**
 * The coding part: a countdown on the status line, a grade on every save and on `g`, until the
 * kata passes, the time is up, the learner gives up (`q`) or leaves (Ctrl-C).
 */
function countdown(kata: Kata, io: Io, term: Terminal, warm: WarmGrading, start: Session, statement: () => void): Promise<CodingResult> {
  const s = io.style;
  let session = start;
  const end = (loop: SaveLoop<CodingResult>, kind: CodingEnd): void =>
    loop.finish({ kind: 'ended', session: endCoding(session, kind, new Date()) });
  return saveLoop<CodingResult>({
    io,
    term,
    file: kata.stubPath,
    left: { kind: 'left' },
    status: (grading) => (grading ? TEXTS.countdownGrading : TEXTS.countdown)(clock(secondsLeft(session, new Date())), kata.slug, session.attempts.length),
    async grade(loop) {
      loop.say(s.dim(TEXTS.grading(kata.slug)));
      const report = await gradeKata(kata, { kind: 'learner' }, warm);
      recordReport(io, report, { kind: 'learner' });
      if (loop.done()) return; // the time ran out (or the learner left) while grading: not an attempt of the interview
      const now = new Date();
      session = recordAttempt(session, report, now);
      io.status?.('');
      term.clear();
      io.out(s.bold(TEXTS.attemptHead(session.attempts.length, clock(session.attempts.at(-1)!.atSeconds), clock(secondsLeft(session, now)))));
      io.out(renderReport(report, s));
      io.out(`\n${s.dim(TEXTS.keys)}`);
      if (passedInSession(session)) end(loop, 'passed');
      else loop.draw();
    },
    onKey(key, loop) {
      if (key === 'q') end(loop, 'gave-up');
      else if (key === 's') {
        io.status?.('');
        statement();
        loop.say(s.dim(TEXTS.keys));
      }
    },
    onTick(loop) {
      if (timeIsUp(session, new Date())) end(loop, 'time-up');
    },
  });
}
