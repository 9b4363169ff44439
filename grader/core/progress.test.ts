import { describe, expect, test } from 'vitest';
import type { Kata } from './manifest.ts';
import {
  applyRevisions,
  emptyProgress,
  gradeResult,
  isBetter,
  kataProgress,
  nextUnsolved,
  parseProgress,
  ProgressFormatError,
  recordGrade,
  recordHints,
  serializeProgress,
  solvedCount,
  type GradeResult,
} from './progress.ts';
import type { KataReport } from './report.ts';

const kata = (slug: string, order: number): Kata => ({ slug, order }) as Kata;
const course = [kata('a', 1), kata('b', 2), kata('c', 3)];

const result = (status: GradeResult['status'], passed: number, at = '2025-01-01T10:00:00.000Z', total = 10): GradeResult => ({
  status,
  passed,
  total,
  at,
});

describe('recordGrade', () => {
  test('a first grade sets both attempt times, the best and the last result', () => {
    const p = recordGrade(emptyProgress(), 'a', result('failed', 3));
    expect(p.katas.a).toEqual({
      state: 'attempted',
      hintsShown: 0,
      best: result('failed', 3),
      last: result('failed', 3),
      firstAttempt: '2025-01-01T10:00:00.000Z',
      lastAttempt: '2025-01-01T10:00:00.000Z',
    });
  });

  test('grading the untouched stub leaves the kata new', () => {
    expect(recordGrade(emptyProgress(), 'a', result('not-started', 0)).katas.a.state).toBe('new');
  });

  test('the best result is kept when a later grade is worse; the last one is always the latest', () => {
    let p = recordGrade(emptyProgress(), 'a', result('failed', 7, '2025-01-01T10:00:00.000Z'));
    p = recordGrade(p, 'a', result('compile-error', 0, '2025-01-01T11:00:00.000Z'));
    expect(p.katas.a.best).toEqual(result('failed', 7, '2025-01-01T10:00:00.000Z'));
    expect(p.katas.a.last?.status).toBe('compile-error');
    expect(p.katas.a.firstAttempt).toBe('2025-01-01T10:00:00.000Z');
    expect(p.katas.a.lastAttempt).toBe('2025-01-01T11:00:00.000Z');
  });

  test('solved stays solved, with the time it was first solved, when the file breaks later', () => {
    let p = recordGrade(emptyProgress(), 'a', result('passed', 10, '2025-01-01T10:00:00.000Z'));
    p = recordGrade(p, 'a', result('passed', 10, '2025-01-02T10:00:00.000Z'));
    p = recordGrade(p, 'a', result('failed', 2, '2025-01-03T10:00:00.000Z'));
    expect(p.katas.a.state).toBe('solved');
    expect(p.katas.a.solvedAt).toBe('2025-01-01T10:00:00.000Z');
  });

  test('does not change the progress it is given', () => {
    const before = emptyProgress();
    recordGrade(before, 'a', result('failed', 1));
    expect(before).toEqual(emptyProgress());
  });
});

test('a better result: a further status first, then more checks passed', () => {
  expect(isBetter(result('passed', 1), result('failed', 9))).toBe(true);
  expect(isBetter(result('failed', 5), result('failed', 4))).toBe(true);
  expect(isBetter(result('failed', 4), result('failed', 4))).toBe(false);
  expect(isBetter(result('stopped', 9), result('failed', 0))).toBe(false);
  expect(isBetter(result('compile-error', 0), result('not-started', 0))).toBe(true);
});

test('gradeResult counts the checks of every category', () => {
  const report = {
    status: 'failed',
    categories: [
      { category: 'spec', passed: 4, failed: 0 },
      { category: 'fixtures', passed: 20, failed: 3 },
    ],
  } as KataReport;
  expect(gradeResult(report, new Date('2025-05-05T00:00:00Z'))).toEqual(result('failed', 24, '2025-05-05T00:00:00.000Z', 27));
});

test('hints shown are counted and never go down', () => {
  let p = recordHints(emptyProgress(), 'a', 2);
  p = recordHints(p, 'a', 1);
  expect(kataProgress(p, 'a').hintsShown).toBe(2);
  expect(kataProgress(p, 'b')).toEqual({ state: 'new', hintsShown: 0 });
});

describe('a kata revised since the learner graded it', () => {
  const revised = [{ slug: 'a', revision: 2 }, { slug: 'b', revision: 1 }];

  test('a pass under an earlier revision no longer counts as solved, and says so; the dates stay', () => {
    let p = recordGrade(emptyProgress(), 'a', result('passed', 10, '2025-01-01T10:00:00.000Z'));
    p = recordGrade(p, 'b', result('passed', 10, '2025-01-01T10:00:00.000Z'));
    const now = applyRevisions(p, revised);
    expect(now.katas.a.state).toBe('attempted');
    expect(now.katas.a.best).toBeUndefined();
    expect(now.katas.a.revised).toEqual({ from: 1, solved: true });
    expect(now.katas.a.solvedAt).toBe('2025-01-01T10:00:00.000Z');
    expect(now.katas.b).toEqual(p.katas.b);
    expect(solvedCount(now, revised as Kata[])).toBe(1);
    expect(applyRevisions(now, revised)).toEqual(now);
  });

  test('a kata never started has nothing to retract: no note, the old "not started" simply dropped', () => {
    const p = recordGrade(emptyProgress(), 'a', result('not-started', 0));
    expect(p.katas.a.state).toBe('new');
    const now = applyRevisions(p, revised);
    expect(now.katas.a.state).toBe('new');
    expect(now.katas.a.revised).toBeUndefined();
    expect(now.katas.a.best).toBeUndefined();
  });

  test('the next grade, recorded with the current revision, starts a fresh best and clears the note', () => {
    const before = applyRevisions(recordGrade(emptyProgress(), 'a', result('passed', 10)), revised);
    const failed = recordGrade(before, 'a', { ...result('failed', 14, '2025-02-01T10:00:00.000Z', 15), revision: 2 });
    expect(failed.katas.a.state).toBe('attempted');
    expect(failed.katas.a.best?.passed).toBe(14);
    expect(failed.katas.a.revised).toBeUndefined();
    expect(applyRevisions(failed, revised)).toEqual(failed);
    const passed = recordGrade(failed, 'a', { ...result('passed', 15, '2025-02-02T10:00:00.000Z', 15), revision: 2 });
    expect(passed.katas.a.state).toBe('solved');
  });

  test('a grade that finds nothing started keeps the note', () => {
    const before = applyRevisions(recordGrade(emptyProgress(), 'a', result('passed', 10)), revised);
    const after = recordGrade(before, 'a', { ...result('not-started', 0), revision: 2 });
    expect(after.katas.a.revised).toEqual({ from: 1, solved: true });
  });

  test('gradeResult records a revision above 1; parseProgress reads it back', () => {
    const report = { status: 'passed', categories: [{ passed: 3, failed: 0 }] } as unknown as KataReport;
    expect(gradeResult(report, new Date('2025-01-01T10:00:00.000Z'), 2).revision).toBe(2);
    expect(gradeResult(report, new Date('2025-01-01T10:00:00.000Z'), 1).revision).toBeUndefined();
    const p = recordGrade(emptyProgress(), 'a', { ...result('passed', 10), revision: 2 });
    expect(parseProgress(serializeProgress(p))).toEqual(p);
    expect(() => parseProgress(serializeProgress(recordGrade(emptyProgress(), 'a', { ...result('passed', 10), revision: 0 })))).toThrow(ProgressFormatError);
  });
});

describe('the next kata', () => {
  const solved = (...slugs: string[]) =>
    slugs.reduce((p, slug) => recordGrade(p, slug, result('passed', 10)), emptyProgress());

  test('is the first unsolved one in curriculum order', () => {
    expect(nextUnsolved(course, solved('a'))?.slug).toBe('b');
    expect(nextUnsolved(course, emptyProgress())?.slug).toBe('a');
  });
  test('after a kata: the next unsolved one after it, wrapping round to earlier ones', () => {
    expect(nextUnsolved(course, solved('a', 'b'), 'b')?.slug).toBe('c');
    expect(nextUnsolved(course, solved('c'), 'c')?.slug).toBe('a');
  });
  test('is never the kata itself, and there is none when all are solved', () => {
    expect(nextUnsolved(course, emptyProgress(), 'c')?.slug).toBe('a');
    expect(nextUnsolved(course, solved('a', 'b', 'c'))).toBeUndefined();
    expect(solvedCount(solved('a', 'c'), course)).toBe(2);
  });
});

describe('parseProgress', () => {
  test('reads back what serializeProgress wrote', () => {
    const p = recordHints(recordGrade(emptyProgress(), 'a', result('passed', 10)), 'a', 3);
    expect(parseProgress(serializeProgress(p))).toEqual(p);
  });

  test.each([
    ['{"version": 1, "katas": {', 'not valid JSON'],
    ['[]', 'not a JSON object'],
    ['{"version": 2, "katas": {}}', 'version is 2'],
    ['{"version": 1}', '"katas" is not an object'],
    ['{"version": 1, "katas": {"a": {"state": "won", "hintsShown": 0}}}', 'katas["a"].state is "won"'],
    ['{"version": 1, "katas": {"a": {"state": "new", "hintsShown": -1}}}', 'hintsShown is not a count'],
    ['{"version": 1, "katas": {"a": {"state": "new", "hintsShown": 0, "lastAttempt": "yesterday"}}}', 'lastAttempt is not a time'],
    ['{"version": 1, "katas": {"a": {"state": "new", "hintsShown": 0, "best": {"status": "ok"}}}}', 'best.status is "ok"'],
  ])('rejects %s, saying %s', (text, reason) => {
    expect(() => parseProgress(text)).toThrow(ProgressFormatError);
    expect(() => parseProgress(text)).toThrow(reason);
  });
});
