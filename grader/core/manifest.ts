/**
 * The course: `katas/course.json`, the one ordered list of katas. The menu, the grader, the
 * trainer's loader and the tests all read it through `loadKatas()`. Paths to a kata's
 * statement, stub, spec, hints, reference and mistakes are derived from its slug (the folder
 * name) and its `file`, never stored twice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGS, language, localize, type Lang, type Text } from '../i18n/language.ts';
import { course as m } from '../messages/course.ts';
import { fixturesDir, katasDir, solutionsDir } from './paths.ts';

export type Difficulty = 'easy' | 'medium' | 'hard';

/** One entry of `katas/course.json`. */
export interface KataEntry {
  /** The folder `katas/<slug>/`, and the name a learner types. */
  slug: string;
  title: Text;
  /** One line: what the learner will be able to do afterwards. */
  summary: Text;
  /** What the kata is about, for choosing a kata by topic (e.g. "optimizers"). */
  topic: string;
  difficulty: Difficulty;
  /** Expected minutes for a prepared learner. */
  minutes: number;
  /** The stub's file name, the same under `solutions/<slug>/`. */
  file: string;
  /** The names the stub must export: the kata's contract (DESIGN.md). */
  exports: string[];
  /** Slugs of earlier katas whose code this one builds on. */
  prerequisites: string[];
  /** Budget for one check, in seconds (default 15); a check that keeps reporting progress counts as alive. */
  timeoutSeconds?: number;
  /**
   * The kata's revision, 1 unless given: raised when its contract or checks change so that an
   * earlier pass no longer proves the kata (a new export, a new promise). A learner's pass under
   * an earlier revision then no longer counts as solved (progress.ts, applyRevisions).
   */
  revision?: number;
  /** What the latest revision changed, in the learner's terms; required when `revision` > 1. */
  revised?: Text;
}

export interface Kata extends Omit<KataEntry, 'title' | 'summary' | 'revision'> {
  /** The kata's revision (1 unless course.json says otherwise). */
  revision: number;
  /** The title and summary in the current language (language.ts); `titles` and `summaries` hold both. */
  readonly title: string;
  readonly summary: string;
  titles: Text;
  summaries: Text;
  /** Position in the course, 1 first. */
  order: number;
  dir: string;
  /** The statement and hints in the current language: README.md / hints.md, README.zh-CN.md / hints.zh-CN.md. */
  readonly readmePath: string;
  readonly hintsPath: string;
  readmePaths: Record<Lang, string>;
  hintsPaths: Record<Lang, string>;
  /** The follow-up questions of an interview, with model answers (questions.ts). */
  questionsPath: string;
  stubPath: string;
  specPath: string;
  solutionPath: string;
  mistakesDir: string;
  fixturesDir: string;
}

export const DEFAULT_TIMEOUT_SECONDS = 15;
export const COURSE_FILE = join(katasDir, 'course.json');

const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Validate one entry; throws an Error naming the course file, the kata and the field. */
function readEntry(raw: unknown, index: number, file: string): KataEntry {
  const e = (raw ?? {}) as Record<string, unknown>;
  const where = typeof e.slug === 'string' ? `kata "${e.slug}"` : `kata #${index + 1}`;
  const problem = (field: string, want: string): never => {
    // i18n-exempt: an error in the course's own file, for its authors
    throw new Error(`${file}: ${where}: "${field}" must be ${want}, got ${JSON.stringify(e[field])}`);
  };
  const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
  const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isText);
  const isBilingual = (value: unknown): boolean =>
    typeof value === 'object' && value !== null && LANGS.every((lang) => isText((value as Record<string, unknown>)[lang]));
  if (!isText(e.slug) || !SLUG.test(e.slug)) problem('slug', 'a lower-case-hyphenated folder name');
  for (const field of ['title', 'summary'] as const) if (!isBilingual(e[field])) problem(field, `{ ${LANGS.map((l) => `"${l}": "…"`).join(', ')} }`);
  if (!isText(e.topic)) problem('topic', 'a non-empty string');
  if (!DIFFICULTIES.includes(e.difficulty as Difficulty)) problem('difficulty', DIFFICULTIES.join(' | '));
  if (typeof e.minutes !== 'number' || !(e.minutes > 0)) problem('minutes', 'a positive number'); // i18n-exempt: the course's own file, for its authors
  if (!isText(e.file) || !/^[a-z0-9-]+\.ts$/.test(e.file)) problem('file', 'a .ts file name');
  if (!isTextList(e.exports) || e.exports.length === 0) problem('exports', 'a non-empty list of exported names'); // i18n-exempt: the course's own file, for its authors
  if (!isTextList(e.prerequisites)) problem('prerequisites', 'a list of slugs'); // i18n-exempt: the course's own file, for its authors
  if (e.timeoutSeconds !== undefined && !(typeof e.timeoutSeconds === 'number' && e.timeoutSeconds > 0)) {
    problem('timeoutSeconds', 'a positive number'); // i18n-exempt: the course's own file, for its authors
  }
  if (e.revision !== undefined && !(Number.isInteger(e.revision) && (e.revision as number) >= 1)) problem('revision', 'a whole number ≥ 1'); // i18n-exempt: the course's own file, for its authors
  if (((e.revision as number | undefined) ?? 1) > 1 && !isBilingual(e.revised)) problem('revised', 'what the revision changed, in every language'); // i18n-exempt: the course's own file, for its authors
  return e as unknown as KataEntry;
}

/** The kata of a course entry, with every path derived. */
function kataOf({ title, summary, revision = 1, ...entry }: KataEntry, order: number, root: string): Kata {
  const dir = join(root, entry.slug);
  const stem = entry.file.replace(/\.ts$/, '');
  const inEach = (name: string, ext: string): Record<Lang, string> => ({ en: join(dir, `${name}.${ext}`), 'zh-CN': join(dir, `${name}.zh-CN.${ext}`) });
  const readmePaths = inEach('README', 'md');
  const hintsPaths = inEach('hints', 'md');
  return {
    ...entry,
    revision,
    get title() {
      return localize(title);
    },
    get summary() {
      return localize(summary);
    },
    titles: title,
    summaries: summary,
    order,
    dir,
    get readmePath() {
      return readmePaths[language()];
    },
    get hintsPath() {
      return hintsPaths[language()];
    },
    readmePaths,
    hintsPaths,
    questionsPath: join(dir, 'questions.json'),
    stubPath: join(dir, entry.file),
    specPath: join(dir, `${stem}.spec.ts`),
    solutionPath: join(solutionsDir, entry.slug, entry.file),
    mistakesDir: join(solutionsDir, entry.slug, 'mistakes'),
    fixturesDir: join(fixturesDir, entry.slug),
  };
}

/** Parse a course file's text; throws an Error naming the file and what is wrong. */
export function parseCourse(text: string, file: string = COURSE_FILE, root: string = katasDir): Kata[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: cannot read it as JSON (${(error as Error).message})`); // i18n-exempt: the course's own file
  }
  const list = (raw as { katas?: unknown } | null)?.katas;
  // i18n-exempt: the course's own file, for its authors
  if (!Array.isArray(list) || list.length === 0) throw new Error(`${file}: expected { "katas": [ … ] } with at least one kata`);
  const katas = list.map((entry, i) => kataOf(readEntry(entry, i, file), i + 1, root));
  const seen = new Set<string>();
  for (const kata of katas) {
    if (seen.has(kata.slug)) throw new Error(`${file}: kata "${kata.slug}" appears twice`); // i18n-exempt: the course's own file, for its authors
    seen.add(kata.slug);
    for (const slug of kata.prerequisites) {
      if (!seen.has(slug) || slug === kata.slug) {
        // i18n-exempt: the course's own file, for its authors
        throw new Error(`${file}: kata "${kata.slug}": prerequisite "${slug}" must be a kata listed before it`);
      }
    }
  }
  return katas;
}

let cached: Kata[] | undefined;

/** Every kata, in curriculum order (read once per process). */
export function loadKatas(): Kata[] {
  cached ??= parseCourse(readFileSync(COURSE_FILE, 'utf8'));
  return cached;
}

/** The kata with this slug; throws when there is none (for code that names a kata of the course). */
export function kataBySlug(slug: string): Kata {
  const kata = loadKatas().find((k) => k.slug === slug);
  if (!kata) throw new Error(`${COURSE_FILE} has no kata "${slug}"`); // i18n-exempt: a developer's mistake in code naming a kata
  return kata;
}

export type KataLookup = { kata: Kata } | { error: string };

/**
 * Find a kata by its slug or a unique prefix of one (`dense` → `dense-backward`). An unknown
 * or ambiguous name gets an error that lists the valid slugs.
 */
export function findKata(katas: readonly Kata[], name: string): KataLookup {
  const exact = katas.find((k) => k.slug === name);
  if (exact) return { kata: exact };
  const matches = katas.filter((k) => k.slug.startsWith(name));
  if (matches.length === 1) return { kata: matches[0] };
  const list = katas.map((k) => `  ${k.slug}`).join('\n');
  if (matches.length > 1) {
    return { error: m.couldMean(name, `${matches.slice(0, -1).map((k) => k.slug).join(m.listSeparator)}${m.or}${matches[matches.length - 1].slug}`, list) };
  }
  return { error: m.noSuchKata(name, list) };
}
