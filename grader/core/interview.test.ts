import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TEXTS } from '../commands/interview.ts';
import { setLanguage } from '../i18n/language.ts';
import { displayWidth } from '../i18n/width.ts';
import {
  answerExact,
  answerOpen,
  chooseInterviewKata,
  clock,
  endCoding,
  interviewRecord,
  lastPractised,
  lockedStatement,
  mistakesNamed,
  questionScore,
  recordAttempt,
  renderHistory,
  renderInterviewReport,
  secondsLeft,
  startSession,
  timeIsUp,
  type Session,
} from './interview.ts';
import { loadKatas, type Kata } from './manifest.ts';
import { emptyProgress, parseProgress, recordGrade, recordInterview, serializeProgress, type InterviewRecord, type Progress } from './progress.ts';
import { loadProgress } from './progress-store.ts';
import type { Question } from './questions.ts';
import type { KataReport, KataStatus } from './report.ts';
import { plain } from './style.ts';

const kata = (slug: string, order: number, topic: string): Kata => ({ slug, order, topic, title: slug.toUpperCase() }) as Kata;
const course = [kata('a', 1, 'layers'), kata('b', 2, 'optimizers'), kata('c', 3, 'optimizers')];

const graded = (p: Progress, slug: string, status: KataStatus, at: string): Progress => recordGrade(p, slug, { status, passed: 1, total: 1, at });

const record = (slug: string, startedAt: string, extra: Partial<InterviewRecord> = {}): InterviewRecord => ({
  slug,
  startedAt,
  minutes: 15,
  usedSeconds: 300,
  passed: true,
  gradeAttempts: 2,
  mistakesNamed: [],
  questions: [{ id: 'q1', correct: true }, { id: 'q2', selfAssessed: false }, { id: 'q3', selfAssessed: true }],
  score: 2,
  ...extra,
});

describe('choosing the kata', () => {
  test('a name (or unique prefix) is that kata; an unknown one says so', () => {
    expect(chooseInterviewKata(course, emptyProgress(), { name: 'b' })).toMatchObject({ kata: { slug: 'b' }, why: 'named' });
    expect(chooseInterviewKata(course, emptyProgress(), { name: 'zzz' })).toMatchObject({ error: 'unknown-kata' });
    expect(chooseInterviewKata(course, emptyProgress(), { name: 'a', topic: 'layers' })).toEqual({ error: 'both' });
  });

  test('automatic: the first unsolved kata in course order', () => {
    let p = graded(emptyProgress(), 'a', 'passed', '2025-01-01T10:00:00.000Z');
    expect(chooseInterviewKata(course, p, {})).toMatchObject({ kata: { slug: 'b' }, why: 'unsolved' });
    p = graded(p, 'b', 'failed', '2025-01-02T10:00:00.000Z');
    expect(chooseInterviewKata(course, p, {})).toMatchObject({ kata: { slug: 'b' }, why: 'unsolved', lastPractised: '2025-01-02T10:00:00.000Z' });
  });

  test('automatic, all solved: the least recently practised, grades and interviews both counting', () => {
    let p = emptyProgress();
    p = graded(p, 'a', 'passed', '2025-01-03T10:00:00.000Z');
    p = graded(p, 'b', 'passed', '2025-01-01T10:00:00.000Z');
    p = graded(p, 'c', 'passed', '2025-01-02T10:00:00.000Z');
    expect(chooseInterviewKata(course, p, {})).toMatchObject({ kata: { slug: 'b' }, why: 'least-recent' });
    // An interview on b since makes c the least recent.
    p = recordInterview(p, record('b', '2025-01-05T10:00:00.000Z'));
    expect(lastPractised(p, 'b')).toBe('2025-01-05T10:00:00.000Z');
    expect(chooseInterviewKata(course, p, {})).toMatchObject({ kata: { slug: 'c' }, why: 'least-recent', lastPractised: '2025-01-02T10:00:00.000Z' });
  });

  test('by topic: only that topic\'s katas (any case); an unknown topic lists the topics', () => {
    const p = graded(emptyProgress(), 'b', 'passed', '2025-01-01T10:00:00.000Z');
    expect(chooseInterviewKata(course, p, { topic: 'Optimizers' })).toMatchObject({ kata: { slug: 'c' }, why: 'unsolved' });
    expect(chooseInterviewKata(course, p, { topic: 'layers' })).toMatchObject({ kata: { slug: 'a' } });
    expect(chooseInterviewKata(course, p, { topic: 'vision' })).toEqual({ error: 'unknown-topic', topic: 'vision', topics: ['layers', 'optimizers'] });
  });

  test('the real course: every topic picks a kata of that topic', () => {
    const katas = loadKatas();
    for (const topic of new Set(katas.map((k) => k.topic))) {
      const choice = chooseInterviewKata(katas, emptyProgress(), { topic });
      expect('kata' in choice && choice.kata.topic).toBe(topic);
    }
  });
});

const report = (status: KataStatus, passed: number, failed: number, mistake?: string): KataReport =>
  ({
    slug: 'a',
    status,
    categories: [{ category: 'spec', passed, failed }],
    likelyMistakes: mistake ? [{ id: 'm', title: mistake, explanation: '…', explains: [] }] : [],
  }) as unknown as KataReport;

const at = (seconds: number): Date => new Date(Date.UTC(2025, 0, 1, 10, 0, 0) + seconds * 1000);

describe('the session', () => {
  test('the clock counts down to the deadline, rounding up', () => {
    const session = startSession('a', 2, at(0));
    expect(secondsLeft(session, at(0))).toBe(120);
    expect(secondsLeft(session, at(59.5))).toBe(61);
    expect(timeIsUp(session, at(119.9))).toBe(false);
    expect(timeIsUp(session, at(120))).toBe(true);
    expect(secondsLeft(session, at(500))).toBe(0);
    expect([clock(0), clock(61), clock(900), clock(3725)]).toEqual(['0:00', '1:01', '15:00', '1:02:05']);
  });

  test('attempts are kept with the mistake named first; mistakes are listed once, in order', () => {
    let session = startSession('a', 15, at(0));
    session = recordAttempt(session, report('not-started', 0, 5), at(30));
    session = recordAttempt(session, report('failed', 3, 2, 'db averaged'), at(90));
    session = recordAttempt(session, report('failed', 4, 1, 'missing transpose'), at(120));
    session = recordAttempt(session, report('failed', 3, 2, 'db averaged'), at(150));
    session = recordAttempt(session, report('passed', 5, 0), at(200));
    expect(session.attempts.map((a) => [a.atSeconds, a.status, a.mistake])).toEqual([
      [30, 'not-started', undefined],
      [90, 'failed', 'db averaged'],
      [120, 'failed', 'missing transpose'],
      [150, 'failed', 'db averaged'],
      [200, 'passed', undefined],
    ]);
    expect(mistakesNamed(session)).toEqual(['db averaged', 'missing transpose']);
    expect(endCoding(session, 'passed', at(201)).end).toEqual({ kind: 'passed', atSeconds: 201 });
  });

  test('the time used never counts beyond the time allowed; ending twice keeps the first end', () => {
    const session = endCoding(startSession('a', 1, at(0)), 'time-up', at(63));
    expect(session.end).toEqual({ kind: 'time-up', atSeconds: 60 });
    expect(endCoding(session, 'gave-up', at(70)).end).toEqual(session.end);
  });
});

const number: Question = {
  id: 'max',
  topic: 'derivation',
  kind: 'number',
  expected: 0.25,
  tolerance: 1e-9,
  prompt: { en: 'Largest σ′?', 'zh-CN': '…' },
  answer: { en: '1/4', 'zh-CN': '…' },
};
const choice: Question = {
  id: 'which',
  topic: 'conventions',
  kind: 'choice',
  options: [{ en: 'z', 'zh-CN': 'z' }, { en: 'a', 'zh-CN': 'a' }],
  correct: 1,
  prompt: { en: 'Which input?', 'zh-CN': '…' },
  answer: { en: 'a', 'zh-CN': '…' },
};
const open: Question = { id: 'derive', topic: 'derivation', kind: 'open', prompt: { en: 'Derive σ′.', 'zh-CN': '…' }, answer: { en: 'σ(1 − σ)', 'zh-CN': '…' } };

describe('scoring the questions', () => {
  test('exact questions are graded; a skipped one is wrong; open ones count as self-assessed', () => {
    expect(answerExact(number, '1/4')).toEqual({ id: 'max', kind: 'exact', given: '1/4', correct: true, expected: '0.25' });
    expect(answerExact(number, '0.3')).toMatchObject({ correct: false });
    expect(answerExact(number, undefined)).toMatchObject({ correct: false });
    expect(answerExact(choice, 'b')).toMatchObject({ correct: true, expected: 'b) a' });
    expect(() => answerExact(open, 'x')).toThrow(/self-assessed/);
    const answers = [answerExact(number, '1/4'), answerExact(choice, 'a'), answerOpen(open, true)];
    expect(questionScore(answers)).toEqual({ score: 2, total: 3 });
  });

  test('the record for the history', () => {
    let session = startSession('a', 15, at(0));
    session = recordAttempt(session, report('failed', 3, 2, 'db averaged'), at(90));
    session = endCoding(session, 'gave-up', at(100));
    const answers = [answerExact(number, '1/4'), answerOpen(open, false)];
    expect(interviewRecord(session, answers)).toEqual({
      slug: 'a',
      startedAt: at(0).toISOString(),
      minutes: 15,
      usedSeconds: 100,
      passed: false,
      gradeAttempts: 1,
      mistakesNamed: ['db averaged'],
      questions: [{ id: 'max', correct: true }, { id: 'derive', selfAssessed: false }],
      score: 1,
    });
  });
});

describe('the report', () => {
  const questions = [number, choice, open];

  test('time used, attempts, the mistakes named, the score and what to review', () => {
    let session: Session = startSession('a', 15, at(0));
    session = recordAttempt(session, report('failed', 3, 2, 'db averaged'), at(90));
    session = recordAttempt(session, report('passed', 5, 0), at(300));
    session = endCoding(session, 'passed', at(300));
    const answers = [answerExact(number, '1/4'), answerExact(choice, 'a'), answerOpen(open, true)];
    const text = renderInterviewReport({ slug: 'a', title: 'A kata' }, session, questions, answers, TEXTS.report);
    expect(text).toBe(
      [
        'Interview report: A kata (a)',
        '  The kata passed.',
        '  Time used: 5:00 of 15:00',
        '  Grade attempts: 2',
        '    at 1:30: not yet, 3/5 checks (likely mistake: db averaged)',
        '    at 5:00: passed, 5/5 checks',
        '  Mistakes the grader named:',
        '    - db averaged',
        '  Follow-up questions: 2 of 3 right',
        '    ✓ Largest σ′?',
        '    ✗ Which input?',
        '    ✓ Derive σ′. (self-assessed)',
        '  What to review:',
        '    - the mistake "db averaged": …',
        '    - conventions: Which input?',
      ].join('\n'),
    );
  });

  test('a kata that did not pass is the first thing to review; a clean interview has nothing', () => {
    const timeUp = endCoding(startSession('a', 1, at(0)), 'time-up', at(60));
    const text = renderInterviewReport({ slug: 'a', title: 'A' }, timeUp, [], [], TEXTS.report);
    expect(text).toContain('The time ran out before the kata passed.');
    expect(text).toContain('Grade attempts: 0');
    expect(text).toContain('Mistakes the grader named: none');
    expect(text).toContain('- finish the kata, with hints if you need them: npm run watch -- a');

    let clean = recordAttempt(startSession('a', 10, at(0)), report('passed', 5, 0), at(60));
    clean = endCoding(clean, 'passed', at(60));
    expect(renderInterviewReport({ slug: 'a', title: 'A' }, clean, [number], [answerExact(number, '0.25')], TEXTS.report)).toContain('- nothing: a clean interview');
    // A pass that took most of the time: practise the pace.
    let slow = recordAttempt(startSession('a', 10, at(0)), report('passed', 5, 0), at(590));
    slow = endCoding(slow, 'passed', at(590));
    expect(renderInterviewReport({ slug: 'a', title: 'A' }, slow, [], [], TEXTS.report)).toContain('your pace');
    // A named mistake comes back with its explanation, wrapped under its item.
    const explained = recordAttempt(startSession('a', 10, at(0)), { ...report('failed', 1, 4, 'db averaged'), likelyMistakes: [{ id: 'm', title: 'db averaged', explanation: 'b is added to every row of out, so every row of dout flows back into b: db is a sum over the batch, never a mean.', explains: [] }] } as KataReport, at(30));
    const lines = renderInterviewReport({ slug: 'a', title: 'A' }, endCoding(explained, 'gave-up', at(40)), [], [], TEXTS.report, plain, 60).split('\n');
    const item = lines.findIndex((l) => l.startsWith('    - the mistake "db averaged": b is added'));
    expect(item).toBeGreaterThan(-1);
    expect(lines[item + 1]).toMatch(/^ {6}\S/);
    expect(lines.slice(item).every((l) => l.length <= 60)).toBe(true);
  });
});

describe('the history', () => {
  test('an aligned table, newest first', () => {
    const table = renderHistory(
      [record('sigmoid-derivative', '2025-01-01T10:00:00.000Z'), record('adam', '2025-02-01T10:00:00.000Z', { passed: false, usedSeconds: 1800, minutes: 30, gradeAttempts: 11, mistakesNamed: ['no bias correction'], score: 0 })],
      TEXTS.history,
    );
    const lines = table.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^when +kata +time used +result +grades +mistakes +questions$/);
    expect(lines[1]).toMatch(/^2025-02-01 \d\d:00  adam +30:00 \/ 30:00  not passed +11 +1 +0\/3$/);
    expect(lines[2]).toMatch(/^2025-01-01 \d\d:00  sigmoid-derivative +5:00 \/ 15:00  passed +2 +0 +2\/3$/);
    // Aligned: each column ends at the same place on every line.
    expect(new Set(lines.map((l) => l.length))).toEqual(new Set([lines[0].length]));
    expect(renderHistory([], TEXTS.history)).toBe('No interviews yet. Start one: npm run interview');
  });

  test('in Chinese, the columns line up by display width (a Chinese character is two columns)', () => {
    setLanguage('zh-CN');
    try {
      const table = renderHistory(
        [record('sigmoid-derivative', '2025-01-01T10:00:00.000Z'), record('adam', '2025-02-01T10:00:00.000Z', { passed: false, usedSeconds: 1800, minutes: 30, gradeAttempts: 11, mistakesNamed: ['no bias correction'], score: 0 })],
        TEXTS.history,
      );
      const lines = table.split('\n');
      expect(lines[0]).toMatch(/^时间 +题 +用时 +结果 +评测次数 +错误 +追问$/);
      expect(lines[1]).toContain('未通过');
      expect(new Set(lines.map(displayWidth))).toEqual(new Set([displayWidth(lines[0])]));
      // The result column starts at the same column on every line.
      const at = (line: string, word: string): number => displayWidth(line.slice(0, line.indexOf(word)));
      expect(at(lines[1], '未通过')).toBe(at(lines[0], '结果'));
      expect(at(lines[2], '通过')).toBe(at(lines[0], '结果'));
      expect(renderHistory([], TEXTS.history)).toBe('还没有做过模拟面试。开始一次：npm run interview');
    } finally {
      setLanguage('en');
    }
  });

  test('progress files with and without interviews load; a bad interview entry is named', () => {
    const old = serializeProgress(graded(emptyProgress(), 'a', 'passed', '2025-01-01T10:00:00.000Z'));
    expect(parseProgress(old).interviews).toBeUndefined();
    const withOne = recordInterview(parseProgress(old), record('a', '2025-01-02T10:00:00.000Z'));
    expect(parseProgress(serializeProgress(withOne))).toEqual(withOne);
    // A later grade keeps the interviews.
    expect(graded(withOne, 'b', 'failed', '2025-01-03T10:00:00.000Z').interviews).toHaveLength(1);
    const bad = (change: (r: Record<string, unknown>) => void): string => {
      const raw = JSON.parse(serializeProgress(withOne));
      change(raw.interviews[0]);
      return JSON.stringify(raw);
    };
    expect(() => parseProgress(bad((r) => (r.startedAt = 'yesterday')))).toThrow('interviews[0].startedAt is not a time');
    expect(() => parseProgress(bad((r) => (r.score = 7)))).toThrow('interviews[0].score');
    expect(() => parseProgress(bad((r) => (r.mistakesNamed = 'x')))).toThrow('interviews[0].mistakesNamed');
    expect(() => parseProgress(JSON.stringify({ version: 1, katas: {}, interviews: {} }))).toThrow('"interviews" is not a list');
  });

  test('a progress file with a broken interview list is set aside, as any corrupt file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kata-interviews-'));
    const path = join(dir, '.progress.json');
    writeFileSync(path, JSON.stringify({ version: 1, katas: {}, interviews: [{ slug: 'a' }] }));
    const warnings: string[] = [];
    expect(loadProgress(path, (w) => warnings.push(w))).toEqual(emptyProgress());
    expect(warnings[0]).toContain('interviews[0]');
    expect(readdirSync(dir).some((f) => f.startsWith('.progress.json.corrupt-'))).toBe(true);
  });
});

describe('the statement, locked', () => {
  test('worked-example sections and paragraphs, and pointers to hints, give way to a note', () => {
    const md = [
      '# Dense',
      '',
      '## The math',
      'dX = dout·Wᵀ.',
      '',
      '### A worked example',
      '',
      '    dX = [[1, 0, 1]]',
      '',
      '## What to write',
      'Two functions.',
      '',
      'A worked example, one column: out = [[−1], [1]],',
      'runningMean becomes 0.2.',
      '',
      'After it.',
      '',
      'Stuck? `npm run hint -- dense` reveals one hint at a time.',
    ].join('\n');
    const locked = lockedStatement(md, 'locked');
    expect(locked).not.toMatch(/\[\[1, 0, 1\]\]|0\.2|npm run hint/);
    expect(locked).toContain('## What to write');
    expect(locked).toContain('dX = dout·Wᵀ.');
    expect(locked).toContain('After it.');
    expect(locked.match(/_locked_/g)).toHaveLength(2);
  });

  test('the real statements keep their math and lose their worked answers', () => {
    for (const k of loadKatas()) {
      const locked = lockedStatement(readFileSync(k.readmePath, 'utf8'), 'locked');
      expect(locked).not.toMatch(/^#+ .*worked example|^A worked example/im);
      expect(locked).not.toContain('npm run hint');
      expect(locked).toContain('## What to write');
    }
    const statement = (slug: string): string => lockedStatement(readFileSync(loadKatas().find((k) => k.slug === slug)!.readmePath, 'utf8'), 'locked');
    expect(statement('dense-backward')).not.toContain('[[9, -4]');
    expect(statement('batchnorm-backward')).not.toContain('= 1.1');
  });

  test('the Chinese statements lose their worked answers too (算例)', () => {
    for (const k of loadKatas()) {
      const zh = k.readmePaths['zh-CN'];
      const locked = lockedStatement(readFileSync(zh, 'utf8'), 'locked');
      expect(locked, zh).not.toMatch(/^#+ .*算例|^一个算例/m);
      expect(locked, zh).not.toContain('npm run hint');
    }
    const zh = (slug: string): string => lockedStatement(readFileSync(loadKatas().find((k) => k.slug === slug)!.readmePaths['zh-CN'], 'utf8'), 'locked');
    expect(zh('dense-backward')).not.toContain('[[9, -4]');
    expect(zh('batchnorm-backward')).not.toContain('= 1.1');
  });
});
