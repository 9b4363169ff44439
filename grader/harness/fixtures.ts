/**
 * Gold fixtures: `fixtures/<slug>/<name>.json`, made by an independent framework (PyTorch,
 * mpmath) with the script beside them. Each case has a stable id, a description the spec
 * uses as its test name, inputs and expected outputs. Matrices are nested rows.
 */
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fromRows, type Matrix } from '../../katas/lib/matrix.ts';
import { fixturesDir, repoRoot } from '../core/paths.ts';
import { harness as msg } from '../messages/harness.ts';
import { specJob } from './job.ts';
import { localize } from '../i18n/language.ts';

export interface Provenance {
  generator: string;
  libraries: Record<string, string>;
  seed: number;
  dtype?: string;
  note?: string;
}

export interface FixtureCase<I = Record<string, unknown>, E = Record<string, unknown>> {
  id: string;
  description: string;
  input: I;
  expected: E;
}

export interface FixtureFile<I = Record<string, unknown>, E = Record<string, unknown>> {
  kata: string;
  provenance: Provenance;
  cases: FixtureCase<I, E>[];
}

/**
 * Read `fixtures/<slug>/<name>.json`, as the course shipped it (the grading job says where the
 * course's original is, should the checkout's copy differ); throws naming the file if it is
 * missing or malformed.
 */
export function loadFixture<I = Record<string, unknown>, E = Record<string, unknown>>(slug: string, name: string): FixtureFile<I, E> {
  const path = join(fixturesDir, slug, `${name}.json`);
  const source = specJob().fixtureFiles[relative(repoRoot, path).split(sep).join('/')] ?? path;
  const parsed = JSON.parse(readFileSync(source, 'utf8')) as FixtureFile<I, E>;
  if (!Array.isArray(parsed.cases) || parsed.cases.length === 0 || !parsed.provenance) {
    throw new Error(msg.fixtureShape(path));
  }
  const ids = new Set<string>();
  for (const c of parsed.cases) {
    if (ids.has(c.id)) throw new Error(msg.fixtureDuplicate(path, c.id));
    ids.add(c.id);
  }
  return parsed;
}

/** Nested rows from a fixture as a Matrix. */
export function m(rows: number[][]): Matrix {
  return fromRows(rows);
}

/** A list from a fixture as a Float64Array. */
export function v(values: number[]): Float64Array {
  return Float64Array.from(values);
}

/**
 * A fixture case's name as the learner reads it: the generator writes an English description;
 * a spec keeps the Chinese of each case, by id, in its own table (`namesZh`).
 */
export function fixtureCaseName(c: { id: string; description: string }, namesZh: Readonly<Record<string, string>>): string {
  return localize({ en: c.description, 'zh-CN': namesZh[c.id] ?? c.description });
}
