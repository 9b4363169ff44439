/**
 * `npm run interview [-- <kata> | --topic <topic>] [--minutes N]`: a mock interview. It picks a
 * kata (the one named, or within a topic, or the one most due), shows its statement with the
 * worked answers locked, and starts a countdown; the learner's file is graded on every save (and
 * on `g`), as often as they like. When the kata passes, the time is up or they give up (`q`),
 * 3 to 5 follow-up questions from the kata's bank; then a report, kept in the history
 * (`--history` lists it). Ctrl-C leaves at any point: the learner's file and progress are kept.
 *
 * The logic is grader/core/interview.ts; every learner-facing text of the command is in TEXTS
 * below, in one place, for translation.
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
import { loadQuestions, MAX_PICK, MIN_PICK, optionLetter, pickQuestions, type Question } from '../core/questions.ts';
import type { KataStatus } from '../core/report.ts';
import { renderReport } from '../core/scorecard.ts';
import type { Io } from '../io.ts';
import { Interrupted, processTerminal, type Terminal } from '../terminal.ts';
import { changeProgress, readProgress, recordReport, relativeStub } from './learner.ts';
import { saveLoop, type SaveLoop } from './save-loop.ts';
import { warmGrading, type WarmGrading } from './watch.ts';

// ---------------------------------------------------------------------------------------------
// Every text of the command

const STATUS_WORDS: Record<KataStatus, string> = {
  passed: 'passed',
  failed: 'not yet',
  'not-started': 'not started',
  'compile-error': 'does not compile',
  stopped: 'stopped',
};

const REPORT_TEXTS: ReportTexts = {
  heading: (title, slug) => `Interview report: ${title} (${slug})`,
  ended: (kind) =>
    kind === 'passed' ? 'The kata passed.' : kind === 'time-up' ? 'The time ran out before the kata passed.' : 'You stopped before the kata passed.',
  time: (used, allowed) => `Time used: ${used} of ${allowed}`,
  attempts: (count) => `Grade attempts: ${count}`,
  attempt: (at, status, passed, total, mistake) =>
    `at ${at}: ${STATUS_WORDS[status]}${total > 0 ? `, ${passed}/${total} checks` : ''}${mistake ? ` (likely mistake: ${mistake})` : ''}`,
  mistakesHead: 'Mistakes the grader named:',
  noMistakes: 'none',
  questions: (score, total) => `Follow-up questions: ${score} of ${total} right`,
  question: (prompt, right, kind) => `${right ? '✓' : '✗'} ${prompt}${kind === 'open' ? ' (self-assessed)' : ''}`,
  reviewHead: 'What to review:',
  reviewFinish: (slug) => `finish the kata, with hints if you need them: npm run watch -- ${slug}, npm run hint -- ${slug}`,
  reviewMistake: (title, explanation) => `the mistake "${title}"${explanation ? `: ${explanation}` : ''}`,
  reviewQuestion: (topic, prompt) => `${topic}: ${prompt}`,
  reviewTime: 'your pace: the pass took more than 80% of the time; practise the kata again from the stub',
  reviewNothing: 'nothing: a clean interview. Try another kata, or a shorter time with --minutes',
};

const HISTORY_TEXTS: HistoryTexts = {
  columns: ['when', 'kata', 'time used', 'result', 'grades', 'mistakes', 'questions'],
  passed: 'passed',
  notPassed: 'not passed',
  none: 'No interviews yet. Start one: npm run interview',
};

export const TEXTS = {
  report: REPORT_TEXTS,
  history: HISTORY_TEXTS,
  needsTerminal: 'A mock interview needs an interactive terminal (it counts down and asks questions). npm run interview -- --history lists past interviews.',
  both: 'Give a kata or --topic, not both.',
  unknownTopic: (topic: string, topics: string[]) => `No kata has the topic "${topic}". Topics: ${topics.join(', ')}.`,
  badMinutes: (text: string) => `--minutes must be a number of minutes above 0, got "${text}"`,
  badQuestions: (text: string) => `--questions must be a whole number from ${MIN_PICK} to ${MAX_PICK}, got "${text}"`,
  badSeed: (text: string) => `--seed must be a whole number, got "${text}"`,
  why: (why: ChoiceReason, last: string | undefined) =>
    why === 'named' ? '' : why === 'unsolved' ? 'Chosen for you: your first unsolved kata.' : `Chosen for you: the kata you practised least recently${last ? ` (last on ${localMinute(last)})` : ''}.`,
  title: (title: string, slug: string, minutes: number) => `Mock interview: ${title} (${slug}), ${clock(minutes * 60)} on the clock`,
  locked: 'Hints, the comparison with the reference and the statement\'s worked examples are locked until the report.',
  workedExampleLocked: 'The worked example is locked during the interview.',
  file: (file: string) => `Your file: ${file}. Save it to grade, as often as you like.`,
  keys: 'g: grade now · s: the statement again · q: give up and go to the questions · Ctrl-C: leave',
  countdown: (left: string, slug: string, attempts: number, grading: boolean) =>
    `⏱ ${left} left · ${slug} · ${attempts} ${attempts === 1 ? 'grade' : 'grades'}${grading ? ' · grading…' : ''} · g grade · s statement · q give up`,
  grading: (slug: string) => `Grading ${slug}…`,
  attemptHead: (n: number, at: string, left: string) => `Grade attempt ${n} at ${at} · ${left} left`,
  ended: (kind: CodingEnd, at: string) =>
    kind === 'passed' ? `✓ Passed at ${at}. Now the follow-up questions.` : kind === 'time-up' ? `⏱ Time is up (${at}). Now the follow-up questions.` : `You stopped at ${at}. Now the follow-up questions.`,
  questionHead: (n: number, total: number, topic: string) => `Question ${n} of ${total} (${topic})`,
  yourAnswer: 'Your answer:',
  yourOpenAnswer: 'Your answer (say it aloud, or type it; Enter when done):',
  choose: 'Your answer:',
  right: '✓ Right.',
  wrong: (expected: string) => `✗ Not quite: the expected answer is ${expected}.`,
  skipped: (expected: string) => `Skipped: the expected answer is ${expected}.`,
  modelAnswer: 'Model answer:',
  covered: 'Did your answer cover the model answer?',
  saved: 'Kept in your history: npm run interview -- --history',
  left: 'Interview left; it is not counted. Your file and your progress are kept.',
  noBank: (error: string) => `This kata's question bank cannot be read, so there can be no follow-up questions: ${error}`,
};

export const INTERVIEW_USAGE = `Usage: npm run interview [-- <kata> | --topic <topic>] [--minutes N] [--questions N]
       npm run interview -- --history

A mock interview: a countdown (the kata's expected minutes, or --minutes N), hints, the
comparison with the reference and the statement's worked examples locked, your file graded
on every save as often as you like; when it passes or the time is up, ${MIN_PICK} (--questions: ${MIN_PICK}–${MAX_PICK})
follow-up questions; then a report, kept in your history.

  <kata>            the kata to be interviewed on (a name or a unique prefix of one)
  --topic <topic>   a kata of this topic of katas/course.json (activations, layers, optimizers, …)
                    without either: your first unsolved kata, else the least recently practised
  --minutes N       the time allowed (default: the kata's expected minutes)
  --questions N     how many follow-up questions (${MIN_PICK} to ${MAX_PICK}, default ${MIN_PICK})
  --seed N          the same seed, the same questions
  --history         list your interviews, newest first

Keys during the countdown: g grade now · s the statement again · q give up (go to the
questions) · Ctrl-C leave (the interview is not counted; your file and progress are kept).`;

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
  const questions = numberOption(values.questions, (n) => Number.isInteger(n) && n >= MIN_PICK && n <= MAX_PICK, TEXTS.badQuestions) ?? MIN_PICK;
  const seed = numberOption(values.seed, Number.isInteger, TEXTS.badSeed) ?? Date.now() % 2 ** 31;
  if (positionals.length > 1) {
    io.err(`interview takes one kata, got ${positionals.length}: ${positionals.join(' ')}`);
    return 2;
  }
  const katas = loadKatas();
  const choice = chooseInterviewKata(katas, readProgress(io), { name: positionals[0], topic: values.topic });
  if ('error' in choice) {
    io.err(
      choice.error === 'both' ? TEXTS.both
      : choice.error === 'unknown-topic' ? TEXTS.unknownTopic(choice.topic, courseTopics(katas))
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
  io.out(s.bold(TEXTS.title(kata.title, kata.slug, options.minutes)));
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
      io.out(`\n${s.bold(TEXTS.questionHead(i + 1, picked.length, question.topic))}`);
      io.out(renderMarkdown(question.prompt.en, s, term.columns));
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
  const model = (): void => io.out(`${s.dim(TEXTS.modelAnswer)}\n${renderMarkdown(question.answer.en, s, term.columns)}`);
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
      question.options.map((option, i) => ({ name: `${optionLetter(i)}) ${option.en}`, value: optionLetter(i) })),
      { escape: 'skip' },
    );
    given = chosen;
  } else given = await term.input(TEXTS.yourAnswer);
  const answer = answerExact(question, given);
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
    status: (grading) => TEXTS.countdown(clock(secondsLeft(session, new Date())), kata.slug, session.attempts.length, grading),
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
