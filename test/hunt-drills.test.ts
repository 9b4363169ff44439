/**
 * Every catalogued mistake of every kata is a drill `npm run hunt` offers, and each drill IS its
 * mistake: written as the learner gets it (beside the reference here, as the verdict tests'
 * variants, so the learner's files are never touched), it type-checks and loads, fails the
 * kata's own checks, and the grader names that mistake first. Where the diagnosis runs out of
 * time on the drill (a per-pixel MNIST network is slow on purpose), the drill's fingerprint is
 * compared with the mistake's directly. New catalogue entries are picked up by reading the
 * folders.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { gradeKata } from '../grader/core/grade.ts';
import { buildableDrills, buildDrill, listDrills } from '../grader/core/hunt.ts';
import { loadKatas } from '../grader/core/manifest.ts';
import { fingerprintPath, loadCatalogue, sameObservation, takeFingerprint, type Probes } from '../grader/core/mistakes.ts';

const sources = listDrills(loadKatas());
const written: string[] = [];
afterAll(() => written.forEach((p) => rmSync(p, { force: true })));

const importFile = async <T>(path: string): Promise<T> => (await import(pathToFileURL(path).href)) as T;

test('every catalogued mistake is offered as a drill', () => {
  const { drills, skipped } = buildableDrills(sources);
  expect(skipped.map((s) => `${s.source.kata.slug}/${s.source.id}: ${s.reason}`)).toEqual([]);
  expect(drills.length).toBe(sources.length);
});

describe('every drill fails its kata and is named as its mistake', () => {
  for (const source of sources) {
    test(`${source.kata.slug}: ${source.id}`, async () => {
      const dir = dirname(source.kata.solutionPath);
      const drill = buildDrill(source, dir);
      // The planted lines are known, and neither they nor the file name the answer.
      expect(drill.planted.length).toBeGreaterThan(0);
      const lines = drill.text.split('\n');
      const planted = drill.planted.map((l) => lines[l - 1]).join('\n');
      expect(planted).not.toMatch(/\bmistake|\bbug\b|\bwrong\b|\bshould\b|\bforgot/i);
      const [entry] = (await loadCatalogue(source.kata)).filter((e) => e.id === source.id);
      expect(drill.text).not.toContain(entry.title);
      const path = join(dir, `.variant-drill-${source.id}-${process.pid}.ts`);
      writeFileSync(path, drill.text);
      written.push(path);
      const report = await gradeKata(source.kata, { kind: 'file', path }, { quick: true });
      expect(report.status, JSON.stringify(report.problems)).toBe('failed');
      if (report.diagnosisStopped === undefined) {
        expect(report.likelyMistakes.map((m) => m.id)[0]).toBe(source.id);
        return;
      }
      // The diagnosis ran out of time: the drill must behave as the mistake on every probe.
      const { probes } = await importFile<{ probes: Probes<unknown> }>(fingerprintPath(source.kata));
      const mine = takeFingerprint(probes, await importFile(path));
      const theirs = takeFingerprint(probes, await importFile(source.path));
      const reference = takeFingerprint(probes, await importFile(source.kata.solutionPath));
      for (const key of Object.keys(theirs)) expect(sameObservation(mine[key], theirs[key]) || mine[key] === theirs[key], key).toBe(true);
      expect(Object.keys(reference).some((k) => !sameObservation(reference[k], mine[k]))).toBe(true);
    }, 180_000);
  }
});
