/**
 * Every catalogued mistake of every kata is a drill `npm run hunt` offers, and each drill IS its
 * mistake: written as the learner gets it (beside the reference here, as the verdict tests'
 * variants, so the learner's files are never touched), it loads and behaves exactly as the
 * mistake on every probe of the kata's fingerprint, where it differs from the reference. Since
 * the grader names a mistake by those probes, and test/katas.test.ts grades every mistake file
 * in full, that proves the grader names each drill as its mistake. A drill that differs from its
 * mistake on some probe, the article's bugs (origin 'article') and the first drill of every kata
 * are graded in full here: they fail the kata's own checks and the grader names them first.
 * (Grading all 150 drills again would double the time of npm test for no new proof.) Where the
 * diagnosis runs out of time on a drill (a per-pixel MNIST network is slow on purpose), the
 * fingerprint comparison stands alone.
 * New catalogue entries are picked up by reading the folders.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { gradeKata } from '../grader/core/grade.ts';
import { buildableDrills, buildDrill, listDrills } from '../grader/core/hunt.ts';
import { loadKatas } from '../grader/core/manifest.ts';
import { fingerprintPath, loadCatalogue, sameObservation, takeFingerprint, type Mistake, type Probes } from '../grader/core/mistakes.ts';
import { englishProse, hasChinese } from './i18n-lint.ts';

const sources = listDrills(loadKatas());
const firstOfKata = new Set(loadKatas().map((kata) => sources.find((s) => s.kata.slug === kata.slug)));
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
      // The learner reads the drill in their language: a comment the mistake brings into the drill
      // (one the reference does not have) that reads as English prose has its Chinese on the same
      // line or the next, as the reference's comments do.
      const referenceLines = new Set(drill.reference.split('\n').map((l) => l.trim()));
      const englishOnly = lines.filter((line, i) => {
        const comment = /(?:\/\/|^\s*\/?\*+)(.*)$/.exec(line)?.[1];
        if (comment === undefined || referenceLines.has(line.trim()) || hasChinese(line)) return false;
        if (englishProse(comment) === undefined) return false;
        // A doc comment carries its Chinese in a `中文：` paragraph further down the same block.
        const end = line.includes('*/') ? i : lines.findIndex((l, j) => j > i && l.includes('*/'));
        const rest = /^\s*\/?\*/.test(line) ? lines.slice(i + 1, end + 1) : [lines[i + 1] ?? ''];
        return !rest.some(hasChinese);
      });
      expect(englishOnly).toEqual([]);
      const path = join(dir, `.variant-drill-${source.id}-${process.pid}.ts`);
      writeFileSync(path, drill.text);
      written.push(path);
      // The drill behaves unlike the reference on some probe; where it behaves as its mistake on
      // every probe, the mistake file's own full grade (katas.test.ts) speaks for it.
      const { probes } = await importFile<{ probes: Probes<unknown> }>(fingerprintPath(source.kata));
      const mine = takeFingerprint(probes, await importFile(path));
      const theirs = takeFingerprint(probes, await importFile(source.path));
      const reference = takeFingerprint(probes, await importFile(source.kata.solutionPath));
      expect(Object.keys(reference).some((k) => !sameObservation(reference[k], mine[k]))).toBe(true);
      const asItsMistake = Object.keys(theirs).every((key) => sameObservation(mine[key], theirs[key]) || mine[key] === theirs[key]);

      const { mistake } = await importFile<{ mistake: Mistake }>(source.path);
      if (asItsMistake && mistake.origin !== 'article' && !firstOfKata.has(source)) return;
      const report = await gradeKata(source.kata, { kind: 'file', path }, { quick: true });
      expect(report.status, JSON.stringify(report.problems)).toBe('failed');
      if (report.diagnosisStopped === undefined) expect(report.likelyMistakes.map((m) => m.id)[0]).toBe(source.id);
      else expect(asItsMistake, 'the diagnosis ran out of time and the drill differs from its mistake on some probe').toBe(true);
    }, 180_000);
  }
});
