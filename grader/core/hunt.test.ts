import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createRng } from '../../katas/lib/random.ts';
import { gradeKata } from './grade.ts';
import { applyPatch, buildableDrills, buildDrill, chooseDrill, huntVerdict, lineRanges, listDrills, parseLineNumber, plantedLines, touchedLines, UnsupportedDrill } from './hunt.ts';
import { loadKatas } from './manifest.ts';
import { loadCatalogue, mistakeFiles } from './mistakes.ts';
import { emptyProgress, parseProgress, recordGrade, recordHunt, serializeProgress, type HuntRecord } from './progress.ts';

const katas = loadKatas();
const dense = katas.find((k) => k.slug === 'dense-backward')!;
const drills = listDrills(katas);
const source = (slug: string, id: string) => drills.find((d) => d.kata.slug === slug && d.id === id)!;

// Drills graded here are written beside the reference, as the verdict tests' variants (git ignores them).
const written: string[] = [];
afterAll(() => written.forEach((p) => rmSync(p, { force: true })));
function writeVariant(text: string): string {
  const path = join(dirname(dense.solutionPath), `.variant-hunt-${written.length}-${process.pid}.ts`);
  writeFileSync(path, text);
  written.push(path);
  return path;
}

describe('the drills', () => {
  test('every catalogued mistake of every kata is listed (helpers aside); new files are picked up by reading the folders', () => {
    expect(drills.length).toBe(katas.reduce((n, k) => n + mistakeFiles(k).length, 0));
    expect(drills.some((d) => d.id.startsWith('_'))).toBe(false);
  });

  test('every mistake builds into a standalone drill: spliced, or patched into the reference by its own `drill`', () => {
    const { drills: ok, skipped } = buildableDrills(drills);
    expect(skipped.map((s) => `${s.source.id}: ${s.reason}`)).toEqual([]);
    expect(ok.length).toBe(drills.length);
    // A mistake built from a shared helper gives its drill as a patch of the reference: one article bug.
    const noShuffle = buildDrill(source('mlp-trainer', 'no-shuffling'));
    const lines = noShuffle.text.split('\n');
    expect(noShuffle.planted.map((l) => lines[l - 1].trim())).toEqual(['const rows = permutation(n, rng).sort();']);
    expect(noShuffle.text).not.toMatch(/_variants|inOrder/);
    const article = buildDrill(source('mlp-trainer', 'dw-missing-transpose'));
    expect(article.planted.map((l) => article.text.split('\n')[l - 1].trim())).toEqual(['const { dx, db } = denseBackward(delta, pass.caches[l]);', 'dWeights[l] = matmul(pass.caches[l].x, delta);']);
  });

  test('a drill patch: each text must be found once in the reference; a patch that no longer applies is refused, not guessed', () => {
    const reference = 'const a = 1;\nconst b = a + 1;\n';
    expect(applyPatch(reference, { replace: [['a + 1', 'a - 1']] })).toBe('const a = 1;\nconst b = a - 1;\n');
    expect(() => applyPatch(reference, { replace: [['a + 2', 'a - 1']] })).toThrow(UnsupportedDrill);
    expect(() => applyPatch(reference, { replace: [['const', 'let']] })).toThrow(/more than once/);
    // A patch that only removes lines plants the line after the removal.
    expect(plantedLines('x;\ny;\nz;\n', 'x;\nz;\n')).toEqual([2]);
  });

  test('a drill hides the answer: no mistake export, title, explanation, or reference alias', async () => {
    const [entry] = (await loadCatalogue(dense)).filter((e) => e.id === 'db-averaged');
    const drill = buildDrill(source('dense-backward', 'db-averaged'));
    expect(drill.text).not.toMatch(/\bmistake\b|Mistake|correctBackward|solutions\//);
    expect(drill.text).not.toContain(entry.title);
    expect(drill.text).not.toContain(entry.explanation.slice(0, 40));
    expect(drill.text).toContain("from '../lib/matrix.ts'");
    expect(drill.text).toMatch(/export function denseForward/);
    expect(drill.text).toMatch(/export function denseBackward/);
  });

  test('the planted lines are the lines that differ from the reference, the bug among them', () => {
    const drill = buildDrill(source('dense-backward', 'db-averaged'));
    const lines = drill.text.split('\n');
    expect(drill.planted.length).toBeGreaterThan(0);
    expect(drill.planted.some((l) => lines[l - 1].includes('meanRows(dout)'))).toBe(true);
    expect(drill.planted.every((l) => !/^import /.test(lines[l - 1]))).toBe(true);
    expect(plantedLines(drill.reference, drill.reference)).toEqual([]);
    // An optimizer drill: the method is put into the class itself.
    const adam = buildDrill(source('adam', 'no-bias-correction'));
    expect(adam.text).not.toMatch(/extends Reference|override/);
    expect(adam.planted.length).toBeGreaterThan(0);
  });

  test('a built drill resolves its imports and fails the kata, named as its mistake; the reference put back passes', async () => {
    const dir = dirname(dense.solutionPath);
    const drill = buildDrill(source('dense-backward', 'db-averaged'), dir);
    const failed = await gradeKata(dense, { kind: 'file', path: writeVariant(drill.text) });
    expect(failed.status).toBe('failed');
    expect(failed.likelyMistakes.map((m) => m.id)).toContain('db-averaged');
    const fixed = await gradeKata(dense, { kind: 'file', path: writeVariant(drill.reference) });
    expect(fixed.status).toBe('passed');
  }, 60_000);
});

describe('the verdict', () => {
  const drill = buildDrill(source('dense-backward', 'db-averaged'));
  const bug = drill.planted.find((l) => drill.text.split('\n')[l - 1].includes('meanRows(dout)'))!;

  test('the planted line fixed and named', () => {
    const fixed = drill.text.replace('db: meanRows(dout)', 'db: sumRows(dout)');
    expect(touchedLines(drill.text, fixed)).toEqual([bug]);
    expect(huntVerdict(drill, fixed, true, bug)).toEqual({ passed: true, namedLine: bug, foundLine: true, fixedPlanted: true, changedElsewhere: [] });
  });

  test('the reference copied over the drill touches the planted lines', () => {
    const v = huntVerdict(drill, drill.reference, true, 3);
    expect(v.fixedPlanted).toBe(true);
    expect(v.foundLine).toBe(false);
  });

  test('a fix elsewhere, and no change at all', () => {
    const lines = drill.text.split('\n');
    const elsewhere = lines.map((l, i) => (i === 0 ? `${l} (edited)` : l)).join('\n');
    expect(huntVerdict(drill, elsewhere, false, undefined)).toEqual({ passed: false, namedLine: undefined, foundLine: false, fixedPlanted: false, changedElsewhere: [1] });
    expect(huntVerdict(drill, drill.text, false, undefined)).toMatchObject({ fixedPlanted: false, changedElsewhere: [] });
  });

  test('line numbers as typed and as ranges', () => {
    expect(parseLineNumber(' 12 ', 20)).toBe(12);
    expect(parseLineNumber('0', 20)).toBeUndefined();
    expect(parseLineNumber('21', 20)).toBeUndefined();
    expect(parseLineNumber('1.5', 20)).toBeUndefined();
    expect(parseLineNumber(undefined, 20)).toBeUndefined();
    expect(lineRanges([3, 12, 13, 14, 20])).toBe('3, 12–14, 20');
  });
});

describe('choosing a drill', () => {
  const record = (slug: string, drill: string): HuntRecord => ({
    slug, drill, startedAt: '2025-01-01T10:00:00.000Z', usedSeconds: 60, passed: true, namedLine: 4, foundLine: true, fixedPlanted: true, gradeAttempts: 1,
  });
  const { drills: ok } = buildableDrills(drills);

  test('the same seed gives the same drill; solved katas first', () => {
    const progress = recordGrade(emptyProgress(), 'momentum', { status: 'passed', passed: 5, total: 5, at: '2025-01-01T10:00:00.000Z' });
    const a = chooseDrill(ok, progress, createRng(3))!;
    expect(chooseDrill(ok, progress, createRng(3))).toBe(a);
    for (let seed = 0; seed < 20; seed++) expect(chooseDrill(ok, progress, createRng(seed))!.kata.slug).toBe('momentum');
  });

  test('never the drill just done, when there is another', () => {
    const only = ok.filter((d) => d.kata.slug === 'sigmoid-derivative').slice(0, 2);
    const progress = recordHunt(emptyProgress(), record('sigmoid-derivative', only[0].id));
    for (let seed = 0; seed < 20; seed++) expect(chooseDrill(only, progress, createRng(seed))!.id).toBe(only[1].id);
    expect(chooseDrill(only.slice(0, 1), progress, createRng(1))!.id).toBe(only[0].id);
    expect(chooseDrill([], progress, createRng(1))).toBeUndefined();
  });

  test('hunts are kept in the progress file; files without them still load; a bad one is refused', () => {
    const progress = recordHunt(emptyProgress(), record('dense-backward', 'db-averaged'));
    expect(parseProgress(serializeProgress(progress))).toEqual(progress);
    expect(parseProgress(serializeProgress(emptyProgress())).hunts).toBeUndefined();
    const bad = { ...progress, hunts: [{ ...record('dense-backward', 'db-averaged'), namedLine: 0 }] };
    expect(() => parseProgress(JSON.stringify(bad))).toThrow(/hunts\[0\]\.namedLine/);
  });
});
