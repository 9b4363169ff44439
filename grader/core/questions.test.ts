import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createRng } from '../../katas/lib/random.ts';
import {
  gradeAnswer,
  isExact,
  loadQuestions,
  parseNumber,
  parseQuestions,
  pickQuestions,
  type ChoiceQuestion,
  type NumberQuestion,
  type Question,
  type QuestionBank,
  type ShapeQuestion,
  type Topic,
} from './questions.ts';

const text = (en: string): { en: string; 'zh-CN': string } => ({ en, 'zh-CN': `中文：${en}` });
const base = { topic: 'derivation' as const, prompt: text('Q?'), answer: text('A.') };
const sigmaMax: NumberQuestion = { ...base, id: 'max', kind: 'number', expected: 0.25, tolerance: 1e-9 };
const choice: ChoiceQuestion = {
  ...base,
  id: 'which',
  kind: 'choice',
  options: [text('the pre-activation z'), text('the output a'), text('either')],
  correct: 1,
};
const shape: ShapeQuestion = { ...base, id: 'dw', kind: 'shape', expected: 'D×M' };

describe('number answers', () => {
  test.each(['0.25', '1/4', '2.5e-1', '¼', ' 0.250 ', '≈ 0.25', '25e-2', '1 / 4', '(1/2)^2'])('%s is 1/4', (answer) => {
    expect(gradeAnswer(sigmaMax, answer)).toEqual({ correct: true, expected: '0.25' });
  });

  test.each(['0.5', '1/2', '0.2', '', 'a quarter', '1/0', '0.25.1', '2 5'])('%s is wrong', (answer) => {
    expect(gradeAnswer(sigmaMax, answer).correct).toBe(false);
  });

  test('the tolerance is absolute, both ways', () => {
    const q: NumberQuestion = { ...sigmaMax, expected: 4.248354255291589e-18, tolerance: 1e-20 };
    for (const answer of ['4.248e-18', '4.25e-18', '4.248 × 10⁻¹⁸', '4.248x10^-18', '4.248×10^(-18)']) expect(gradeAnswer(q, answer).correct, answer).toBe(true);
    for (const answer of ['4.2e-18', '4e-18', '0', '4.248e-17']) expect(gradeAnswer(q, answer).correct, answer).toBe(false);
  });

  test('written the way people write numbers: separators, signs, factors, powers', () => {
    expect(parseNumber('118,282')).toBe(118282);
    expect(parseNumber('118 282')).toBe(118282);
    expect(parseNumber('−0.8')).toBe(-0.8);
    expect(parseNumber('-4/5')).toBe(-0.8);
    expect(parseNumber('2x')).toBe(2);
    expect(parseNumber('10×')).toBe(10);
    expect(parseNumber('(1/4)^10')).toBe(0.25 ** 10);
    expect(parseNumber('2^-3')).toBe(0.125);
    expect(parseNumber('1e-3')).toBe(0.001);
    expect(parseNumber('1,5')).toBeUndefined();
    expect(parseNumber('(1/4')).toBeUndefined();
    expect(parseNumber('Infinity')).toBeUndefined();
  });
});

describe('choice answers', () => {
  test.each(['b', 'B', '(b)', 'b)', 'b.', '2', 'the output a', ' The Output A ', '中文：the output a'])('%s picks option b', (answer) => {
    expect(gradeAnswer(choice, answer)).toEqual({ correct: true, expected: 'b) the output a' });
  });

  test.each(['a', '1', 'c', '4', 'z', '0', 'the output', ''])('%s is wrong', (answer) => {
    expect(gradeAnswer(choice, answer).correct).toBe(false);
  });

  test('the expected answer reads in the language asked for', () => {
    expect(gradeAnswer(choice, 'a', 'zh-CN').expected).toBe('b) 中文：the output a');
  });
});

describe('shape answers', () => {
  test.each(['D×M', 'DxM', 'D x M', 'd×m', '(D, M)', '(d,m)', '[D, M]', 'D*M', ' D × M '])('%s is D×M', (answer) => {
    expect(gradeAnswer(shape, answer)).toEqual({ correct: true, expected: 'D×M' });
  });

  test.each(['M×D', 'N×D', 'D', 'D×M×1', '', 'DM'])('%s is wrong', (answer) => {
    expect(gradeAnswer(shape, answer).correct).toBe(false);
  });

  test('a vector is one dimension, with or without the tuple comma; numbers are dimensions too', () => {
    const vector: ShapeQuestion = { ...shape, expected: 'M' };
    for (const answer of ['M', '(M,)', 'm', '(M)']) expect(gradeAnswer(vector, answer).correct, answer).toBe(true);
    expect(gradeAnswer(vector, 'M×1').correct).toBe(false);
    const layer: ShapeQuestion = { ...shape, expected: '784×128' };
    for (const answer of ['784x128', '(784, 128)', '784 × 128']) expect(gradeAnswer(layer, answer).correct, answer).toBe(true);
    expect(gradeAnswer(layer, '128×784').correct).toBe(false);
  });
});

test('an open question has nothing to grade', () => {
  const open = { ...base, id: 'why', kind: 'open' } as unknown as NumberQuestion;
  expect(() => gradeAnswer(open, 'because')).toThrow('question "why" is open');
});

describe('a malformed bank is named: file, question, field', () => {
  const file = 'katas/x/questions.json';
  const bank = (...questions: unknown[]): string => JSON.stringify({ kata: 'x', questions });
  const good = { id: 'q', topic: 'derivation', kind: 'open', prompt: text('Q?'), answer: text('A.') };
  const cases: [string, string, string][] = [
    ['not JSON', '{', `${file}: cannot read it as JSON`],
    ['another kata', JSON.stringify({ kata: 'y', questions: [good] }), `${file}: "kata" must be "x", got "y"`],
    ['no questions', JSON.stringify({ kata: 'x', questions: [] }), `${file}: expected "questions": [ … ] with at least one question`],
    ['a bad id', bank({ ...good, id: 'Has Spaces' }), `${file}: question "Has Spaces": "id" must be a lower-case-hyphenated id`],
    ['no id', bank({ ...good, id: undefined }), `${file}: question #1: "id" must be a lower-case-hyphenated id, got undefined`],
    ['a duplicate id', bank(good, good), `${file}: question "q" appears twice`],
    ['an unknown topic', bank({ ...good, topic: 'trivia' }), `${file}: question "q": "topic" must be derivation | shapes-cost`],
    ['an unknown kind', bank({ ...good, kind: 'essay' }), `${file}: question "q": "kind" must be open | number | choice | shape, got "essay"`],
    ['a plain-string prompt', bank({ ...good, prompt: 'Q?' }), `${file}: question "q": "prompt" must be { "en": "…", "zh-CN": "…" }, got "Q?"`],
    ['no Chinese answer', bank({ ...good, answer: { en: 'A.' } }), `${file}: question "q": "answer.zh-CN" must be a non-empty string, got undefined`],
    ['an empty English prompt', bank({ ...good, prompt: { en: ' ', 'zh-CN': '问' } }), `${file}: question "q": "prompt.en" must be a non-empty string, got " "`],
    ['a number without tolerance', bank({ ...good, kind: 'number', expected: 1 }), `${file}: question "q": "tolerance" must be a finite number ≥ 0, got undefined`],
    ['a number given as text', bank({ ...good, kind: 'number', expected: '0.25', tolerance: 0 }), `${file}: question "q": "expected" must be a finite number, got "0.25"`],
    ['one option', bank({ ...good, kind: 'choice', options: [text('a')], correct: 0 }), `${file}: question "q": "options" must be a list of at least two options`],
    ['an option in English only', bank({ ...good, kind: 'choice', options: [text('a'), { en: 'b' }], correct: 0 }), `${file}: question "q": "options[1].zh-CN" must be a non-empty string`],
    ['correct out of range', bank({ ...good, kind: 'choice', options: [text('a'), text('b')], correct: 2 }), `${file}: question "q": "correct" must be the index of one of the 2 options (from 0), got 2`],
    ['a misspelt field', bank({ ...good, kind: 'number', expected: 1, tolerence: 0 }), `${file}: question "q": "tolerence" is not a field of a number question`],
    ['an answer left on an open question', bank({ ...good, expected: 3 }), `${file}: question "q": "expected" is not a field of an open question`],
    ['a shape that is no shape', bank({ ...good, kind: 'shape', expected: '' }), `${file}: question "q": "expected" must be a shape like "D×M", got ""`],
  ];
  test.each(cases)('%s', (_, json, message) => {
    expect(() => parseQuestions(json, file, 'x')).toThrow(message);
  });

  test('a good bank parses to what it says', () => {
    expect(parseQuestions(bank(good, { ...sigmaMax, topic: 'stability' }), file, 'x').questions.map((q) => [q.id, q.kind])).toEqual([
      ['q', 'open'],
      ['max', 'number'],
    ]);
  });

  test('loadQuestions names a missing or broken file by its repository path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'questions-'));
    try {
      const questionsPath = join(dir, 'questions.json');
      expect(() => loadQuestions({ slug: 'x', questionsPath })).toThrow(/questions\.json: cannot be read \(ENOENT\)/);
      writeFileSync(questionsPath, bank({ ...good, kind: 'number', expected: 1, tolerance: -1 }));
      expect(() => loadQuestions({ slug: 'x', questionsPath })).toThrow('question "q": "tolerance" must be a finite number ≥ 0, got -1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('picking the questions of an interview', () => {
  const topics: Topic[] = ['derivation', 'shapes-cost', 'stability', 'comparison'];
  // Twelve questions: three per topic, one exact question (in the last topic).
  const questions: Question[] = Array.from({ length: 12 }, (_, i) => ({
    ...base,
    id: `q${i}`,
    topic: topics[Math.floor(i / 3)],
    kind: 'open' as const,
  }));
  questions[11] = { ...sigmaMax, id: 'q11', topic: 'comparison' };
  const bank: QuestionBank = { kata: 'x', questions };

  test('3 to 5 distinct questions, across topics, at least one exact, in the bank order', () => {
    for (let seed = 1; seed <= 50; seed++) {
      for (const count of [3, 4, 5]) {
        const picked = pickQuestions(bank, count, createRng(seed));
        expect(picked).toHaveLength(count);
        expect(new Set(picked).size).toBe(count);
        expect(picked.some(isExact), `seed ${seed}`).toBe(true);
        expect(new Set(picked.map((q) => q.topic)).size, `seed ${seed}`).toBe(Math.min(count, topics.length));
        expect(picked.map((q) => questions.indexOf(q))).toEqual(picked.map((q) => questions.indexOf(q)).sort((a, b) => a - b));
      }
    }
  });

  test('the same seed gives the same questions; seeds differ', () => {
    const ids = (seed: number): string[] => pickQuestions(bank, 4, createRng(seed)).map((q) => q.id);
    expect(ids(7)).toEqual(ids(7));
    expect(new Set(Array.from({ length: 20 }, (_, s) => ids(s).join())).size).toBeGreaterThan(5);
  });

  test('a count outside 3–5 is refused', () => {
    for (const count of [0, 2, 6, 3.5]) expect(() => pickQuestions(bank, count, createRng(1))).toThrow('count must be a whole number from 3 to 5');
  });
});
