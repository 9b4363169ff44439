/**
 * The course: every kata folder under `katas/` with a `kata.json`, in curriculum order.
 * Paths to a kata's statement, stub, spec, hints, reference and mistakes are derived from
 * its slug (the folder name) and its `file`, never stored twice.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fixturesDir, katasDir, solutionsDir } from './paths.ts';

export type Difficulty = 'easy' | 'medium' | 'hard';

/** What `katas/<slug>/kata.json` holds. */
export interface KataMeta {
  /** Position in the curriculum, 1 first. */
  order: number;
  title: string;
  /** One line: what the learner will be able to do afterwards. */
  summary: string;
  difficulty: Difficulty;
  /** Expected minutes for a prepared learner. */
  minutes: number;
  /** The stub's file name, the same under `solutions/<slug>/`. */
  file: string;
  /** The names the stub must export: the kata's contract (DESIGN.md), used by spec and grader. */
  exports: string[];
  /** Slugs of katas whose code this one builds on. */
  prerequisites: string[];
  /** Wall-clock budget for grading this kata, in seconds (default 15). */
  timeoutSeconds?: number;
}

export interface Kata extends KataMeta {
  slug: string;
  dir: string;
  readmePath: string;
  hintsPath: string;
  stubPath: string;
  specPath: string;
  solutionPath: string;
  mistakesDir: string;
  fixturesDir: string;
}

export const DEFAULT_TIMEOUT_SECONDS = 15;

const DIFFICULTIES: readonly Difficulty[] = ['easy', 'medium', 'hard'];

/** Read and validate one kata's metadata; throws an Error naming the file and field. */
export function readKataMeta(dir: string): KataMeta {
  const path = join(dir, 'kata.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read it as JSON (${(error as Error).message})`);
  }
  const m = raw as Record<string, unknown>;
  const problem = (field: string, want: string): never => {
    throw new Error(`${path}: "${field}" must be ${want}, got ${JSON.stringify(m[field])}`);
  };
  if (!Number.isInteger(m.order)) problem('order', 'an integer');
  if (typeof m.title !== 'string' || m.title === '') problem('title', 'a non-empty string');
  if (typeof m.summary !== 'string' || m.summary === '') problem('summary', 'a non-empty string');
  if (!DIFFICULTIES.includes(m.difficulty as Difficulty)) problem('difficulty', DIFFICULTIES.join(' | '));
  if (typeof m.minutes !== 'number' || m.minutes <= 0) problem('minutes', 'a positive number');
  if (typeof m.file !== 'string' || !m.file.endsWith('.ts')) problem('file', 'a .ts file name');
  if (!Array.isArray(m.exports) || m.exports.length === 0 || !m.exports.every((e) => typeof e === 'string')) {
    problem('exports', 'a non-empty list of exported names');
  }
  if (!Array.isArray(m.prerequisites) || !m.prerequisites.every((p) => typeof p === 'string')) {
    problem('prerequisites', 'a list of slugs');
  }
  if (m.timeoutSeconds !== undefined && !(typeof m.timeoutSeconds === 'number' && m.timeoutSeconds > 0)) {
    problem('timeoutSeconds', 'a positive number');
  }
  return m as unknown as KataMeta;
}

/** The kata whose folder is `dir`, with every path derived. */
export function kataAt(dir: string): Kata {
  const meta = readKataMeta(dir);
  const slug = basename(dir);
  const stem = meta.file.replace(/\.ts$/, '');
  return {
    ...meta,
    slug,
    dir,
    readmePath: join(dir, 'README.md'),
    hintsPath: join(dir, 'hints.md'),
    stubPath: join(dir, meta.file),
    specPath: join(dir, `${stem}.spec.ts`),
    solutionPath: join(solutionsDir, slug, meta.file),
    mistakesDir: join(solutionsDir, slug, 'mistakes'),
    fixturesDir: join(fixturesDir, slug),
  };
}

/** Every kata, in curriculum order. */
export function loadKatas(root: string = katasDir): Kata[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'kata.json')))
    .map((entry) => kataAt(join(root, entry.name)))
    .sort((a, b) => a.order - b.order);
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
    return { error: `"${name}" could mean ${matches.map((k) => k.slug).join(' or ')}. Type more of the name.\nKatas:\n${list}` };
  }
  return { error: `There is no kata called "${name}". The katas are:\n${list}` };
}
