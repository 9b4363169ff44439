/**
 * The course lint for languages: every learner-facing text exists in English and 简体中文.
 *
 * - every message catalogue (grader/messages/) has the same keys in both languages, each
 *   message the same placeholders, and its Chinese side is Chinese;
 * - every `say(en, zh)` in the grader, the harness and the specs gives both texts with the same
 *   placeholders, and the Chinese one is Chinese;
 * - no other string in that code reads as English prose (an untranslated text), unless its line
 *   says `// i18n-exempt: <why>` (texts only course authors see);
 * - every kata has its statement and hints in both languages, with the same hint tiers, its
 *   title, summary, mistakes and questions in both, and no Chinese text holds an English sentence;
 * - every doc comment of a kata's stub that holds English prose holds its 中文： paragraph too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseHints } from '../grader/core/hints.ts';
import { loadKatas } from '../grader/core/manifest.ts';
import { mistakeFiles, type Mistake } from '../grader/core/mistakes.ts';
import { repoRoot } from '../grader/core/paths.ts';
import { loadQuestions, textsOf } from '../grader/core/questions.ts';
import { LANGS, setLanguage } from '../grader/i18n/language.ts';
import { registeredCatalogues, type Message } from '../grader/i18n/messages.ts';
import { englishProse, hasChinese, scanSource } from './i18n-lint.ts';

const katas = loadKatas();

/** Problems of one Chinese text: not Chinese, or holding an English sentence. */
function chineseProblem(text: string): string | undefined {
  if (text.trim() === '') return 'is empty';
  const prose = englishProse(text);
  if (prose) return `holds English: "${prose}"`;
  // Short texts that are all code or a formula ("N×D", "σ′(z)") need no Chinese.
  if (!hasChinese(text) && englishProse(text, 2)) return 'is not Chinese';
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [path] : [];
  });
}

const PROGRAM_DIRS = ['grader', 'solutions/train', 'solutions/lib'].map((d) => join(repoRoot, d)).filter(existsSync);
const programFiles = [
  ...PROGRAM_DIRS.flatMap(sourceFiles).filter((f) => !f.includes(`${join('grader', 'i18n')}`) && !f.includes(join('grader', 'messages'))),
  ...katas.map((k) => k.specPath),
];

describe('message catalogues', async () => {
  for (const file of readdirSync(join(repoRoot, 'grader', 'messages')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))) {
    await import(pathToFileURL(join(repoRoot, 'grader', 'messages', file)).href);
  }
  for (const [name, catalogue] of registeredCatalogues()) {
    test(`${name}: the same keys and placeholders in both languages, and Chinese in Chinese`, () => {
      const problems: string[] = [];
      const en = catalogue.en as Record<string, Message>;
      const zh = catalogue['zh-CN'] as Record<string, Message>;
      const missing = Object.keys(en).filter((k) => !(k in zh));
      const extra = Object.keys(zh).filter((k) => !(k in en));
      if (missing.length) problems.push(`zh-CN lacks ${missing.join(', ')}`);
      if (extra.length) problems.push(`zh-CN has keys English lacks: ${extra.join(', ')}`);
      for (const key of Object.keys(en).filter((k) => k in zh)) {
        const [e, z] = [en[key], zh[key]];
        if (typeof e !== typeof z) {
          problems.push(`${key}: a ${typeof e} in English, a ${typeof z} in Chinese`);
          continue;
        }
        if (typeof e === 'string') {
          const problem = chineseProblem(z as string);
          if (problem) problems.push(`${key}: the Chinese ${problem}`);
          continue;
        }
        const probe = (f: Message, args: (string | number)[]): string | undefined => {
          try {
            return (f as (...a: (string | number)[]) => string)(...args);
          } catch {
            return undefined;
          }
        };
        const n = Math.max((e as (...a: never[]) => string).length, (z as (...a: never[]) => string).length);
        const markers = Array.from({ length: n }, (_, i) => `⟦${i}⟧`);
        const numbers = Array.from({ length: n }, (_, i) => 9017 + i);
        let args: (string | number)[] = markers;
        let [eOut, zOut] = [probe(e, args), probe(z as Message, args)];
        if (eOut === undefined || zOut === undefined) {
          args = numbers;
          [eOut, zOut] = [probe(e, args), probe(z as Message, args)];
        }
        if (eOut === undefined || zOut === undefined) {
          problems.push(`${key}: cannot be probed with strings or numbers (keep a message's values primitive)`);
          continue;
        }
        const used = (out: string) => args.filter((a) => out.includes(String(a))).map(String);
        if (used(eOut).join() !== used(zOut).join()) problems.push(`${key}: English uses ${used(eOut).join(' ') || 'no value'}, Chinese ${used(zOut).join(' ') || 'no value'}`);
        const problem = chineseProblem(zOut.replace(/⟦\d⟧|9\d{3}/g, ' '));
        if (problem) problems.push(`${key}: the Chinese ${problem}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

test('every message of every catalogue is used somewhere (a dead message is a translation nobody reads)', () => {
  const everyFile = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? everyFile(path) : /\.(ts|mjs)$/.test(name) ? [path] : [];
    });
  const code = ['grader', 'solutions', 'katas', 'scripts']
    .flatMap((d) => everyFile(join(repoRoot, d)))
    .filter((f) => !f.includes(join('grader', 'messages')))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const unused = [...registeredCatalogues()].flatMap(([name, catalogue]) =>
    Object.keys(catalogue.en).filter((key) => !new RegExp(`\\.${key}\\b|['"]${key}['"]`).test(code)).map((key) => `${name}.${key}`),
  );
  expect(unused).toEqual([]);
});

describe('texts written in code', () => {
  for (const file of programFiles) {
    const name = relative(repoRoot, file);
    test(`${name}: every say() has both texts with the same placeholders; no English left untranslated`, () => {
      const { says, untranslated } = scanSource(readFileSync(file, 'utf8'), file);
      const problems: string[] = [];
      for (const call of says) {
        if (call.en === '' || call.zh === '') problems.push(`line ${call.line}: say() needs two literal texts`);
        else {
          if (call.enPlaceholders.join() !== call.zhPlaceholders.join()) {
            problems.push(`line ${call.line}: placeholders differ: en {${call.enPlaceholders.join(', ')}} zh {${call.zhPlaceholders.join(', ')}}`);
          }
          const problem = chineseProblem(call.zh.replace(/\$\{[^}]*\}/g, ' '));
          if (problem) problems.push(`line ${call.line}: the Chinese ${problem}`);
        }
      }
      for (const literal of untranslated) problems.push(`line ${literal.line}: untranslated: "${literal.text.slice(0, 80)}"`);
      expect(problems).toEqual([]);
    });
  }
});

describe('the katas in both languages', () => {
  for (const kata of katas) {
    test(`${kata.slug}: statement, hints, title, mistakes, questions and the stub's doc comments in English and Chinese`, async () => {
      const problems: string[] = [];
      for (const [kind, paths] of [['statement', kata.readmePaths], ['hints', kata.hintsPaths]] as const) {
        for (const lang of LANGS) if (!existsSync(paths[lang])) problems.push(`no ${kind} in ${lang}: ${relative(repoRoot, paths[lang])}`);
        if (existsSync(paths['zh-CN'])) {
          const text = readFileSync(paths['zh-CN'], 'utf8');
          const problem = chineseProblem(text);
          if (problem) problems.push(`${relative(repoRoot, paths['zh-CN'])} ${problem}`);
        }
      }
      if (LANGS.every((lang) => existsSync(kata.hintsPaths[lang]))) {
        const tiers = LANGS.map((lang) => parseHints(readFileSync(kata.hintsPaths[lang], 'utf8'), kata.hintsPaths[lang]).length);
        if (tiers[0] !== tiers[1]) problems.push(`hints: ${tiers[0]} tiers in English, ${tiers[1]} in Chinese`);
      }
      for (const field of ['titles', 'summaries'] as const) {
        const problem = chineseProblem(kata[field]['zh-CN']);
        if (problem) problems.push(`course.json ${field}: the Chinese ${problem}`);
      }
      for (const file of mistakeFiles(kata)) {
        const { mistake } = (await import(pathToFileURL(file.path).href)) as { mistake: Mistake };
        for (const field of ['title', 'explanation'] as const) {
          const problem = chineseProblem(mistake[field]['zh-CN']);
          if (problem) problems.push(`mistake ${file.id}: the Chinese ${field} ${problem}`);
        }
      }
      // The stub's doc comments (its hovers): every one that holds English prose holds its Chinese too.
      for (const block of readFileSync(kata.stubPath, 'utf8').match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
        const text = block.replace(/^\s*\/?\*+\/? ?/gm, '').replace(/\*\/$/, '');
        const prose = englishProse(text);
        if (prose && !hasChinese(text)) problems.push(`${relative(repoRoot, kata.stubPath)}: a doc comment in English only: "${prose}"`);
      }
      if (existsSync(kata.questionsPath)) {
        for (const question of loadQuestions(kata).questions) {
          for (const { field, text } of textsOf(question)) {
            const problem = chineseProblem(text['zh-CN']);
            if (problem) problems.push(`question ${question.id} ${field}: the Chinese ${problem}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('the project README', () => {
  test('README.zh-CN.md exists, is linked from the top of README.md, and starts with the same two commands', () => {
    const en = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const zhPath = join(repoRoot, 'README.zh-CN.md');
    expect(existsSync(zhPath), 'README.zh-CN.md is missing').toBe(true);
    const zh = readFileSync(zhPath, 'utf8');
    expect(en.split('\n').slice(0, 5).join('\n')).toContain('README.zh-CN.md');
    const firstCommands = (text: string) => [...text.matchAll(/npm (?:install|start)\b/g)].slice(0, 2).map((m) => m[0]);
    expect(firstCommands(zh)).toEqual(firstCommands(en));
    expect(chineseProblem(zh)).toBeUndefined();
  });
});

// The lint runs in English; nothing here depends on the language, but be explicit.
setLanguage('en');
