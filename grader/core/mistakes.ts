/**
 * The catalogue of typical mistakes, and how a wrong answer is matched against it.
 *
 * Each kata ships wrong implementations under `solutions/<slug>/mistakes/<id>.ts`; each
 * exports the kata's functions (with the mistake in them) and a `mistake` describing it.
 * The kata's `solutions/<slug>/fingerprint.ts` exports `probes`: small, fixed experiments
 * that each return a few numbers. A learner's answer is "explained" by a mistake when, on a
 * probe where the learner differs from the reference, the learner gives what the mistake
 * gives. Matching behaviour, not source text, so the mistake is recognised however it is
 * written.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { localize, type Text } from '../i18n/language.ts';
import { grading } from '../messages/grading.ts';
import type { Kata } from './manifest.ts';

/** What a mistake file exports beside the kata's functions, in both languages. */
export interface Mistake {
  /** Short name of the mistake, e.g. "db averaged instead of summed". */
  title: Text;
  /** What goes wrong and what to do instead, in two or three sentences. */
  explanation: Text;
  /** 'article': a bug of the seed article's NumPy programs, ported (issue 10); the project's tests grade its drill in full. */
  origin?: 'article';
}

/** A mistake in the current language, as reports and drills show it. */
export interface NamedMistake {
  title: string;
  explanation: string;
}

/** The mistake's texts in the current language. */
export function nameMistake(mistake: Mistake): NamedMistake {
  return { title: localize(mistake.title), explanation: localize(mistake.explanation) };
}

/** A probe runs the implementation on fixed inputs and returns what it observed. */
export type Probe<Impl> = (impl: Impl) => number | ArrayLike<number>;
export type Probes<Impl> = Record<string, Probe<Impl>>;

/** One probe's outcome: numbers, or null when the implementation threw. */
export type Fingerprint = Record<string, number[] | null>;

export interface CatalogueEntry extends NamedMistake {
  id: string;
  path: string;
}

export interface MistakeMatch extends NamedMistake {
  id: string;
  /** The probes on which the learner's answer differs from the reference exactly as this mistake does. */
  explains: string[];
}

/** The catalogued mistake files of a kata, by id (the file name without `.ts`). */
export function mistakeFiles(kata: Kata): { id: string; path: string }[] {
  let names: string[];
  try {
    names = readdirSync(kata.mistakesDir);
  } catch {
    return [];
  }
  return names
    // `_name.ts` files are helpers shared by several mistakes, not mistakes themselves.
    .filter((n) => n.endsWith('.ts') && !n.startsWith('_'))
    .sort()
    .map((n) => ({ id: n.replace(/\.ts$/, ''), path: join(kata.mistakesDir, n) }));
}

export function fingerprintPath(kata: Kata): string {
  return join(kata.solutionPath, '..', 'fingerprint.ts');
}

async function importFile<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(path).href)) as T;
}

export async function loadCatalogue(kata: Kata): Promise<CatalogueEntry[]> {
  const entries: CatalogueEntry[] = [];
  for (const file of mistakeFiles(kata)) {
    const module = await importFile<{ mistake?: Mistake }>(file.path);
    // i18n-exempt: a course author's error in a mistake file
    if (!module.mistake) throw new Error(`${file.path} must export const mistake: Mistake`);
    entries.push({ ...nameMistake(module.mistake), id: file.id, path: file.path });
  }
  return entries;
}

export function takeFingerprint<Impl>(probes: Probes<Impl>, impl: Impl): Fingerprint {
  const result: Fingerprint = {};
  for (const [key, probe] of Object.entries(probes)) {
    try {
      const value = probe(impl);
      result[key] = typeof value === 'number' ? [value] : Array.from(value);
    } catch {
      result[key] = null;
    }
  }
  return result;
}

/**
 * Equal up to float noise: a learner's own version of a mistake will not be bit-identical to
 * ours. Entries are compared relative to the largest magnitude in the probe, so a probe of
 * tiny values (σ′(40) ≈ 4e-18 against 0) is judged at its own scale.
 */
export function sameObservation(a: number[] | null, b: number[] | null): boolean {
  if (a === null || b === null) return false;
  if (a.length !== b.length) return false;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isFinite(a[i])) scale = Math.max(scale, Math.abs(a[i]));
    if (Number.isFinite(b[i])) scale = Math.max(scale, Math.abs(b[i]));
  }
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (Object.is(x, y) || x === y) continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    if (!(Math.abs(x - y) <= 1e-6 * scale)) return false;
  }
  return true;
}

/**
 * The mistakes that explain how `learner` differs from `reference`, best first: a mistake
 * explains a probe when it differs from the reference there and the learner does exactly the
 * same. A mistake that also behaves differently from the learner somewhere the learner is
 * right is ranked lower, so the most specific explanation comes first.
 */
export function matchMistakes(
  reference: Fingerprint,
  learner: Fingerprint,
  catalogue: { entry: CatalogueEntry; fingerprint: Fingerprint }[],
): MistakeMatch[] {
  const wrongKeys = Object.keys(reference).filter((k) => !sameObservation(reference[k], learner[k]));
  if (wrongKeys.length === 0) return [];
  const scored = catalogue.map(({ entry, fingerprint }) => {
    const explains = wrongKeys.filter(
      (k) => !sameObservation(fingerprint[k], reference[k]) && sameObservation(fingerprint[k], learner[k]),
    );
    const contradicts = Object.keys(reference).filter(
      (k) => !sameObservation(fingerprint[k], learner[k]) && !explains.includes(k),
    ).length;
    return { entry, explains, contradicts };
  });
  return scored
    .filter((s) => s.explains.length > 0)
    .sort((a, b) => b.explains.length - a.explains.length || a.contradicts - b.contradicts)
    .map(({ entry, explains }) => ({ id: entry.id, title: entry.title, explanation: entry.explanation, explains }));
}

/**
 * Fingerprint the learner, the reference and every catalogued mistake, and match them.
 * `onStep` is called before each implementation is probed (the grader's sign of life).
 */
export async function diagnose(kata: Kata, targetPath: string, onStep: (what: string) => void = () => {}): Promise<MistakeMatch[]> {
  const { probes } = await importFile<{ probes: Probes<unknown> }>(fingerprintPath(kata));
  onStep(grading.probingReference);
  const reference = takeFingerprint(probes, await importFile(kata.solutionPath));
  onStep(grading.probingYourCode);
  const learner = takeFingerprint(probes, await importFile(targetPath));
  const catalogue = [];
  for (const entry of await loadCatalogue(kata)) {
    onStep(entry.id);
    catalogue.push({ entry, fingerprint: takeFingerprint(probes, await importFile(entry.path)) });
  }
  return matchMistakes(reference, learner, catalogue);
}
