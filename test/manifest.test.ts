/**
 * The course lint (rustlings' `dev check`): katas/course.json is the course, and every kata in
 * it is complete and consistent: its folder holds statement, stub, spec and hints; its
 * reference, fingerprint, mistakes and fixtures exist; every file exports the contract's
 * names; the course lock matches the course. Each failure says what is missing and where.
 *
 * A learner's scratch files beside a stub are theirs: only the course's own files are linted,
 * so this passes on a checkout in any state of work. The checks that need the course exactly as
 * committed (no stray files, a fresh lock) run on CI's clean checkout.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { computeLock, readLock } from '../grader/core/course-lock.ts';
import { loadKatas, parseCourse } from '../grader/core/manifest.ts';
import { fingerprintPath, loadCatalogue } from '../grader/core/mistakes.ts';
import { katasDir, repoRoot } from '../grader/core/paths.ts';
import { gradeAnswer, isExact, loadQuestions, optionLetter, parseShape, textsOf, type ExactQuestion } from '../grader/core/questions.ts';

const katas = loadKatas();
const exportsOf = async (path: string): Promise<string[]> =>
  Object.keys((await import(pathToFileURL(path).href)) as Record<string, unknown>).sort();
const onCleanCheckout = process.env.CI === 'true';
const git = (args: string[]): string => execFileSync('git', ['-C', repoRoot, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('the course manifest', () => {
  test('every folder under katas/ is a kata of katas/course.json (lib/ aside)', () => {
    const folders = readdirSync(katasDir, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'lib').map((e) => e.name);
    const listed = new Set(katas.map((k) => k.slug));
    const unlisted = folders.filter((f) => !listed.has(f));
    expect(unlisted, `katas/${unlisted[0]}/ is not in katas/course.json: add an entry for it`).toEqual([]);
  });

  test('a malformed entry is named with its field', () => {
    const entry = { slug: 'x', title: { en: 'X', 'zh-CN': '叉' }, summary: { en: 's', 'zh-CN': '概要' }, topic: 't', difficulty: 'easy', minutes: 5, file: 'x.ts', exports: ['f'], prerequisites: ['nope'] };
    expect(() => parseCourse(JSON.stringify({ katas: [entry] }), 'course.json')).toThrow('course.json: kata "x": prerequisite "nope" must be a kata listed before it');
    expect(() => parseCourse(JSON.stringify({ katas: [{ ...entry, minutes: 0 }] }), 'course.json')).toThrow('course.json: kata "x": "minutes" must be a positive number, got 0');
    expect(() => parseCourse(JSON.stringify({ katas: [] }), 'course.json')).toThrow('at least one kata');
  });

  test('the lock names every course file, and git holds every original it names', () => {
    const lock = readLock();
    expect(Object.keys(lock).sort()).toEqual(Object.keys(computeLock(katas)).sort());
    const missing = Object.entries(lock).filter(([, id]) => {
      try {
        git(['cat-file', '-e', id]);
        return false;
      } catch {
        return true;
      }
    });
    expect(missing.map(([file]) => file), 'these originals are not in git: commit them with the lock').toEqual([]);
  });

  test.runIf(onCleanCheckout)('on a clean checkout, the lock matches the files (run npm run lock after a course change)', () => {
    const stale = Object.entries(computeLock(katas)).filter(([file, id]) => readLock()[file] !== id).map(([file]) => file);
    expect(stale, `katas/course.lock.json is stale for ${stale.join(', ')}: run npm run lock`).toEqual([]);
  });

  test.runIf(onCleanCheckout)('on a clean checkout, each kata folder holds exactly statement and hints (in each language), stub, spec and questions', () => {
    for (const kata of katas) {
      const tracked = git(['ls-files', '--', `katas/${kata.slug}`]).split('\n').filter(Boolean).map((f) => basename(f));
      const expected = [...Object.values(kata.readmePaths), ...Object.values(kata.hintsPaths), kata.questionsPath, kata.stubPath, kata.specPath].map((f) => basename(f));
      expect(tracked.sort(), kata.slug).toEqual(expected.sort());
    }
  });
});

for (const kata of katas) {
  describe(kata.slug, () => {
    test('its folder holds its statement, stub, spec and hints', () => {
      const present = readdirSync(kata.dir);
      for (const file of [...Object.values(kata.readmePaths), ...Object.values(kata.hintsPaths), kata.stubPath, kata.specPath].map((f) => basename(f))) {
        expect(present, `katas/${kata.slug}/${file} is missing`).toContain(file);
      }
    });

    test('the statement has a title and the hints have at least three tiers', () => {
      expect(readFileSync(kata.readmePath, 'utf8')).toMatch(/^# \S/);
      const tiers = readFileSync(kata.hintsPath, 'utf8').match(/^## \d+\. /gm) ?? [];
      expect(tiers.length).toBeGreaterThanOrEqual(3);
    });

    test('prerequisites are katas that come earlier', () => {
      for (const slug of kata.prerequisites) {
        const prerequisite = katas.find((k) => k.slug === slug);
        expect(prerequisite, `unknown prerequisite ${slug}`).toBeDefined();
        expect(prerequisite!.order).toBeLessThan(kata.order);
      }
    });

    // The reference reads as a clean answer to the stub (npm run compare): the stub's exports and
    // nothing more. What the mistakes reuse lives in solutions/<slug>/mistakes/_*.ts.
    test('the stub exports the contract, and the reference exports exactly what the stub does', async () => {
      expect(existsSync(kata.solutionPath)).toBe(true);
      expect(existsSync(fingerprintPath(kata))).toBe(true);
      const stub = await exportsOf(kata.stubPath);
      expect(stub).toEqual(expect.arrayContaining(kata.exports));
      expect(await exportsOf(kata.solutionPath)).toEqual(stub);
    });

    test('at least six catalogued mistakes, each with a distinct title, exporting the contract', async () => {
      const catalogue = await loadCatalogue(kata);
      expect(catalogue.length).toBeGreaterThanOrEqual(6);
      expect(new Set(catalogue.map((m) => m.title)).size).toBe(catalogue.length);
      for (const entry of catalogue) {
        expect(entry.explanation.length, entry.id).toBeGreaterThan(40);
        expect(await exportsOf(entry.path), entry.id).toEqual(expect.arrayContaining(kata.exports));
      }
    });

    // A kata graded only by spec, properties and convergence (mnist-classifier: its gold is
    // the MNIST test set itself) has no fixtures; any kata whose spec reads fixtures has them.
    const usesFixtures = readFileSync(kata.specPath, 'utf8').includes("describe('fixtures'");
    if (usesFixtures) test('fixtures come with the generator that made them and their provenance', () => {
      const files = readdirSync(kata.fixturesDir);
      expect(files).toContain('generate.py');
      const json = files.filter((f) => f.endsWith('.json'));
      expect(json.length).toBeGreaterThan(0);
      for (const file of json) {
        const fixture = JSON.parse(readFileSync(join(kata.fixturesDir, file), 'utf8')) as {
          kata: string;
          provenance: { generator: string; libraries: Record<string, string>; seed: number };
          cases: { id: string; description: string }[];
        };
        expect(fixture.kata).toBe(kata.slug);
        expect(existsSync(join(repoRoot, fixture.provenance.generator))).toBe(true);
        expect(Object.keys(fixture.provenance.libraries).length).toBeGreaterThan(1);
        expect(typeof fixture.provenance.seed).toBe('number');
        for (const c of fixture.cases) expect(c.description.length, `${file} ${c.id}`).toBeGreaterThan(0);
      }
    });
  });
}

/** What a learner who knows the answer types, and a clearly wrong answer, for an exact question. */
function answersOf(question: ExactQuestion): { right: string[]; wrong: string } {
  switch (question.kind) {
    case 'number':
      return {
        right: [String(question.expected)],
        wrong: String(question.expected + Math.max(1, Math.abs(question.expected)) + 10 * question.tolerance),
      };
    case 'choice': {
      const option = question.options[question.correct];
      return {
        right: [optionLetter(question.correct), String(question.correct + 1), option.en, option['zh-CN']],
        wrong: optionLetter((question.correct + 1) % question.options.length),
      };
    }
    case 'shape': {
      const reversed = [...parseShape(question.expected)!].reverse().join('×');
      return { right: [question.expected], wrong: reversed.toLowerCase() === question.expected.toLowerCase() ? `${question.expected}×2` : reversed };
    }
  }
}

for (const kata of katas) {
  describe(`${kata.slug} question bank`, () => {
    const file = `katas/${kata.slug}/questions.json`;

    test(`${file} exists and is well formed (ids unique, every field valid, every text in en and zh-CN)`, () => {
      expect(existsSync(kata.questionsPath), `${file} is missing: every kata has a question bank`).toBe(true);
      expect(() => loadQuestions(kata)).not.toThrow();
    });

    test('8 to 15 questions over at least three topics, at least three graded exactly', () => {
      const { questions } = loadQuestions(kata);
      expect(questions.length, `${file} has ${questions.length} questions`).toBeGreaterThanOrEqual(8);
      expect(questions.length, `${file} has ${questions.length} questions`).toBeLessThanOrEqual(15);
      expect(new Set(questions.map((q) => q.topic)).size, `${file}: topics`).toBeGreaterThanOrEqual(3);
      expect(questions.filter(isExact).length, `${file}: exact questions (number, choice, shape)`).toBeGreaterThanOrEqual(3);
    });

    test('every Chinese text is a translation: Chinese characters, not the English copied', () => {
      for (const question of loadQuestions(kata).questions) {
        for (const { field, text } of textsOf(question)) {
          const where = `${file}: question "${question.id}": ${field}`;
          expect(text['zh-CN'].trim(), `${where}.zh-CN is the English text`).not.toBe(text.en.trim());
          expect(text['zh-CN'], `${where}.zh-CN has no Chinese characters`).toMatch(/\p{Script=Han}/u);
        }
      }
    });

    test("each exact question's own answer is graded right, and a clearly wrong one wrong", () => {
      for (const question of loadQuestions(kata).questions.filter(isExact)) {
        const { right, wrong } = answersOf(question);
        for (const answer of right) expect(gradeAnswer(question, answer).correct, `${file}: question "${question.id}" rejects "${answer}"`).toBe(true);
        expect(gradeAnswer(question, wrong).correct, `${file}: question "${question.id}" accepts "${wrong}"`).toBe(false);
        if (question.kind === 'choice') {
          for (const lang of ['en', 'zh-CN'] as const) {
            const options = question.options.map((o) => o[lang].trim().toLowerCase());
            expect(new Set(options).size, `${file}: question "${question.id}": two ${lang} options read the same`).toBe(options.length);
          }
        }
      }
    });
  });
}
