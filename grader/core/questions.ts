/**
 * A kata's question bank: `katas/<slug>/questions.json`, the follow-up questions an
 * interviewer asks once the code works, each with a model answer. Questions with a short exact
 * answer (a number, a choice, a shape) are graded here; open ones are self-assessed against the
 * model answer.
 *
 * The file is JSON, so the course lint reads it without a parser dependency:
 *
 *     { "kata": "<slug>",
 *       "questions": [
 *         { "id": "sigmoid-max", "topic": "derivation", "kind": "number",
 *           "prompt": { "en": "…", "zh-CN": "…" }, "answer": { "en": "…", "zh-CN": "…" },
 *           "expected": 0.25, "tolerance": 1e-9 }, … ] }
 *
 * Every learner-facing text is `{ "en": "…", "zh-CN": "…" }`. The kinds:
 * - `open`: no more fields; self-assessed.
 * - `number`: `expected` and `tolerance`, the largest accepted |answer − expected| (absolute).
 * - `choice`: `options` (each bilingual) and `correct`, the index (from 0) of the right one.
 * - `shape`: `expected` like `"D×M"` (a vector's shape is one dimension, `"M"`).
 */
import { readFileSync } from 'node:fs';
import type { Rng } from '../../katas/lib/random.ts';
import { shuffle } from '../../katas/lib/random.ts';
import { repoPath } from './course-lock.ts';
import type { Kata } from './manifest.ts';

import { LANGS, type Lang, type Text } from '../i18n/language.ts';


export const TOPICS = ['derivation', 'shapes-cost', 'stability', 'conventions', 'comparison', 'training-tricks', 'testing'] as const;
export type Topic = (typeof TOPICS)[number];

interface QuestionBase {
  /** Stable across edits: progress and reports refer to it. */
  id: string;
  topic: Topic;
  prompt: Text;
  /** The model answer: a few sentences, with the derivation where there is one. */
  answer: Text;
}
export interface OpenQuestion extends QuestionBase {
  kind: 'open';
}
export interface NumberQuestion extends QuestionBase {
  kind: 'number';
  expected: number;
  /** The largest accepted |answer − expected|. */
  tolerance: number;
}
export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options: Text[];
  /** Index (from 0) of the correct option. */
  correct: number;
}
export interface ShapeQuestion extends QuestionBase {
  kind: 'shape';
  /** Dimensions joined by ×, e.g. "D×M", "784×128", or one dimension for a vector. */
  expected: string;
}
export type ExactQuestion = NumberQuestion | ChoiceQuestion | ShapeQuestion;
export type Question = OpenQuestion | ExactQuestion;
export type QuestionKind = Question['kind'];

export interface QuestionBank {
  kata: string;
  questions: Question[];
}

export const isExact = (question: Question): question is ExactQuestion => question.kind !== 'open';

/** Every learner-facing text of a question, each with the field it sits in (`prompt`, `options[1]`, …). */
export function textsOf(question: Question): { field: string; text: Text }[] {
  const texts = [
    { field: 'prompt', text: question.prompt },
    { field: 'answer', text: question.answer },
  ];
  if (question.kind === 'choice') question.options.forEach((text, i) => texts.push({ field: `options[${i}]`, text }));
  return texts;
}

// ---------------------------------------------------------------------------------------------
// Reading and validating a bank

const KINDS: readonly QuestionKind[] = ['open', 'number', 'choice', 'shape'];
const COMMON_FIELDS = ['id', 'topic', 'kind', 'prompt', 'answer'];
/** The fields each kind has beyond the common ones: anything else is a typo or a leftover. */
const KIND_FIELDS: Record<QuestionKind, string[]> = { open: [], number: ['expected', 'tolerance'], choice: ['options', 'correct'], shape: ['expected'] };
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Parse a bank's text; throws an Error naming the file, the question id and the field. */
export function parseQuestions(text: string, file: string, slug?: string): QuestionBank {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: cannot read it as JSON (${(error as Error).message})`); // i18n-exempt: an error in the course's own question bank, for its authors
  }
  const root = (raw ?? {}) as Record<string, unknown>;
  if (typeof root.kata !== 'string' || (slug !== undefined && root.kata !== slug)) {
    throw new Error(`${file}: "kata" must be ${slug === undefined ? 'the kata\'s slug' : JSON.stringify(slug)}, got ${JSON.stringify(root.kata)}`); // i18n-exempt: an error in the course's own question bank, for its authors
  }
  if (!Array.isArray(root.questions) || root.questions.length === 0) {
    throw new Error(`${file}: expected "questions": [ … ] with at least one question`); // i18n-exempt: an error in the course's own question bank, for its authors
  }
  const seen = new Set<string>();
  const questions = root.questions.map((entry, index) => {
    const question = readQuestion(entry, index, file);
    if (seen.has(question.id)) throw new Error(`${file}: question "${question.id}" appears twice`); // i18n-exempt: an error in the course's own question bank, for its authors
    seen.add(question.id);
    return question;
  });
  return { kata: root.kata, questions };
}

function readQuestion(raw: unknown, index: number, file: string): Question {
  const q = (raw ?? {}) as Record<string, unknown>;
  const where = typeof q.id === 'string' ? `question "${q.id}"` : `question #${index + 1}`;
  const problem = (field: string, want: string, value: unknown): never => {
    throw new Error(`${file}: ${where}: "${field}" must be ${want}, got ${JSON.stringify(value)}`);
  };
  const readText = (value: unknown, field: string): Text => {
    const t = (value ?? {}) as Record<string, unknown>;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) problem(field, `{ ${LANGS.map((l) => `"${l}": "…"`).join(', ')} }`, value);
    for (const lang of LANGS) {
      if (typeof t[lang] !== 'string' || (t[lang] as string).trim() === '') problem(`${field}.${lang}`, 'a non-empty string', t[lang]);
    }
    return value as Text;
  };
  if (typeof q.id !== 'string' || !ID.test(q.id)) problem('id', 'a lower-case-hyphenated id', q.id);
  if (!TOPICS.includes(q.topic as Topic)) problem('topic', TOPICS.join(' | '), q.topic);
  if (!KINDS.includes(q.kind as QuestionKind)) problem('kind', KINDS.join(' | '), q.kind);
  readText(q.prompt, 'prompt');
  readText(q.answer, 'answer');
  const kind = q.kind as QuestionKind;
  for (const field of Object.keys(q)) {
    if (!COMMON_FIELDS.includes(field) && !KIND_FIELDS[kind].includes(field)) {
      throw new Error(`${file}: ${where}: "${field}" is not a field of ${kind === 'open' ? 'an' : 'a'} ${kind} question`); // i18n-exempt: an error in the course's own question bank, for its authors
    }
  }
  switch (kind) {
    case 'number':
      if (typeof q.expected !== 'number' || !Number.isFinite(q.expected)) problem('expected', 'a finite number', q.expected); // i18n-exempt: an error in the course's own question bank, for its authors
      if (typeof q.tolerance !== 'number' || !(q.tolerance >= 0) || !Number.isFinite(q.tolerance)) problem('tolerance', 'a finite number ≥ 0', q.tolerance); // i18n-exempt: an error in the course's own question bank, for its authors
      break;
    case 'choice':
      if (!Array.isArray(q.options) || q.options.length < 2) problem('options', 'a list of at least two options', q.options); // i18n-exempt: an error in the course's own question bank, for its authors
      (q.options as unknown[]).forEach((option, i) => readText(option, `options[${i}]`));
      if (!Number.isInteger(q.correct) || (q.correct as number) < 0 || (q.correct as number) >= (q.options as unknown[]).length) {
        problem('correct', `the index of one of the ${(q.options as unknown[]).length} options (from 0)`, q.correct); // i18n-exempt: an error in the course's own question bank, for its authors
      }
      break;
    case 'shape':
      if (typeof q.expected !== 'string' || parseShape(q.expected) === undefined) problem('expected', 'a shape like "D×M"', q.expected); // i18n-exempt: an error in the course's own question bank, for its authors
      break;
    case 'open':
      break;
  }
  return q as unknown as Question;
}

/** The kata's question bank, `katas/<slug>/questions.json`, validated. */
export function loadQuestions(kata: Pick<Kata, 'slug' | 'questionsPath'>): QuestionBank {
  const file = repoPath(kata.questionsPath);
  let text: string;
  try {
    text = readFileSync(kata.questionsPath, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`); // i18n-exempt: an error in the course's own question bank, for its authors
  }
  return parseQuestions(text, file, kata.slug);
}

// ---------------------------------------------------------------------------------------------
// Grading exact answers

export interface Grade {
  correct: boolean;
  /** The expected answer as a learner would write it, e.g. "0.25", "b) the output a = σ(z)", "D×M". */
  expected: string;
}

/** Grade a learner's answer to an exact question. `lang` only chooses how `expected` reads. */
export function gradeAnswer(question: ExactQuestion, text: string, lang: Lang = 'en'): Grade {
  switch (question.kind) {
    case 'number': {
      const value = parseNumber(text);
      return {
        correct: value !== undefined && Math.abs(value - question.expected) <= question.tolerance,
        expected: String(question.expected),
      };
    }
    case 'choice': {
      const chosen = parseChoice(question, text);
      return {
        correct: chosen === question.correct,
        expected: `${optionLetter(question.correct)}) ${question.options[question.correct][lang]}`,
      };
    }
    case 'shape': {
      const given = parseShape(text);
      const expected = parseShape(question.expected)!;
      return {
        correct: given !== undefined && given.length === expected.length && given.every((d, i) => d === expected[i]),
        expected: question.expected,
      };
    }
    default:
      throw new Error(`question "${(question as Question).id}" is open: it has no exact answer to grade`); // i18n-exempt: a developer's mistake in calling code
  }
}

/** a, b, c, … for options 0, 1, 2, … */
export const optionLetter = (index: number): string => String.fromCharCode(97 + index);

/** The option a learner means: a letter (`b`, `(b)`, `b)`), a number from 1, or an option's exact text in any language. */
function parseChoice(question: ChoiceQuestion, text: string): number | undefined {
  const answer = text.trim().toLowerCase();
  const letter = /^\(?([a-z])[).]?$/.exec(answer);
  if (letter) return letter[1].charCodeAt(0) - 97;
  if (/^\d+$/.test(answer)) return Number(answer) - 1;
  const index = question.options.findIndex((option) => LANGS.some((lang) => option[lang].trim().toLowerCase() === answer));
  return index === -1 ? undefined : index;
}

/**
 * A shape as its lower-cased dimensions: `D×M`, `DxM`, `D x M`, `D*M`, `(D, M)`, `[D, M]`
 * all give ["d", "m"]; `M` and `(M,)` give ["m"]. Undefined when there is no dimension.
 */
export function parseShape(text: string): string[] | undefined {
  const inner = text.trim().replace(/^[([]\s*(.*?)\s*[)\]]$/, '$1');
  const dims = inner.split(/\s*(?:[×*,]|\s+x\s+|(?<=\S)x(?=\S))\s*/i).map((d) => d.trim().toLowerCase());
  if (/,$/.test(inner) && dims.length > 1) dims.pop(); // (M,)
  return dims.length > 0 && dims.every((d) => /^[\p{L}\p{N}_₀-₉'′⁽⁾]+$/u.test(d)) ? dims : undefined;
}

const SUPERSCRIPTS: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-', '⁺': '+' };
const FRACTIONS: Record<string, string> = { '½': '(1/2)', '¼': '(1/4)', '¾': '(3/4)', '⅓': '(1/3)', '⅔': '(2/3)' };

/**
 * A number written the way people write one: `0.25`, `1/4`, `2.5e-1`, `¼`, `(1/4)^10`,
 * `4.248×10^-18`, `4.248 × 10⁻¹⁸`, `118,282`, `118 282`, `−0.8`, `≈ 2.30`, `2x` (a factor).
 * Arithmetic of + − × / ^ and parentheses on numbers; anything else is undefined.
 */
export function parseNumber(text: string): number | undefined {
  let s = text
    .trim()
    .replace(/^(?:≈|~|=)\s*/, '')
    .replace(/\s*(?:×|x|times|倍)$/i, '') // "2x", "2×": a factor
    .replace(/[−–]/g, '-')
    .replace(/[⁰-⁹¹²³⁻⁺]+/g, (run) => `^(${[...run].map((c) => SUPERSCRIPTS[c]).join('')})`)
    .replace(/[½¼¾⅓⅔]/g, (c) => FRACTIONS[c])
    .replace(/(\d)[, ](?=\d{3}\b)/g, '$1') // thousands separators
    .replace(/(\d)\s*x\s*(?=\d)/gi, '$1*') // 4.248x10^-18
    .replace(/[×·*]/g, '*');
  if (/[\d.]\s+[\d.]/.test(s)) return undefined; // "2 3" is two numbers, not 23
  s = s.replace(/\s+/g, '');
  let pos = 0;
  const peek = (): string => s[pos] ?? '';
  // expression := term (('+' | '-') term)*; term := power (('*' | '/') power)*;
  // power := unary ('^' power)?; unary := '-' unary | atom; atom := number | '(' expression ')'
  const expression = (): number => {
    let value = term();
    while (peek() === '+' || peek() === '-') value = s[pos++] === '+' ? value + term() : value - term();
    return value;
  };
  const term = (): number => {
    let value = power();
    while (peek() === '*' || peek() === '/') value = s[pos++] === '*' ? value * power() : value / power();
    return value;
  };
  const power = (): number => {
    const base = unary();
    if (peek() !== '^') return base;
    pos++;
    return base ** power();
  };
  const unary = (): number => {
    if (peek() === '-') {
      pos++;
      return -unary();
    }
    if (peek() === '+') {
      pos++;
      return unary();
    }
    return atom();
  };
  const atom = (): number => {
    if (peek() === '(') {
      pos++;
      const value = expression();
      if (peek() !== ')') throw new SyntaxError('unbalanced parenthesis');
      pos++;
      return value;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/i.exec(s.slice(pos));
    if (!number) throw new SyntaxError(`not a number at ${pos}`); // i18n-exempt: internal to the number parser, never shown
    pos += number[0].length;
    return Number(number[0]);
  };
  try {
    const value = expression();
    return pos === s.length && s.length > 0 && Number.isFinite(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Choosing the questions of an interview

export const MIN_PICK = 3;
export const MAX_PICK = 5;

/**
 * `count` (3 to 5) questions of a bank for one interview, spread over its topics: at least one
 * exact question (when the bank has one, so the interview has a score), then always a question
 * from the least-asked topic so far. Random through `rng` (the same seed, the same questions);
 * returned in the bank's order.
 */
export function pickQuestions(bank: QuestionBank, count: number, rng: Rng): Question[] {
  if (!Number.isInteger(count) || count < MIN_PICK || count > MAX_PICK) {
    throw new Error(`pickQuestions: count must be a whole number from ${MIN_PICK} to ${MAX_PICK}, got ${count}`); // i18n-exempt: a developer's mistake in calling code
  }
  const pool = shuffle([...bank.questions], rng);
  const picked = new Set<Question>();
  const asked = new Map<Topic, number>();
  const take = (question: Question): void => {
    picked.add(question);
    asked.set(question.topic, (asked.get(question.topic) ?? 0) + 1);
  };
  const exact = pool.find(isExact);
  if (exact) take(exact);
  while (picked.size < Math.min(count, pool.length)) {
    let best: Question | undefined;
    for (const question of pool) {
      if (picked.has(question)) continue;
      if (!best || (asked.get(question.topic) ?? 0) < (asked.get(best.topic) ?? 0)) best = question;
    }
    take(best!);
  }
  return bank.questions.filter((q) => picked.has(q));
}
