/**
 * Every drill `npm run hunt` can offer is a real drill: written as the learner gets it (beside
 * the reference here, as the verdict tests' variants, so the learner's files are never touched),
 * it type-checks and loads, fails the kata's own checks, and the grader names the planted
 * mistake. New catalogue entries are picked up by reading the folders.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { gradeKata } from '../grader/core/grade.ts';
import { buildableDrills, buildDrill, listDrills } from '../grader/core/hunt.ts';
import { loadKatas } from '../grader/core/manifest.ts';

const { drills } = buildableDrills(listDrills(loadKatas()));
const written: string[] = [];
afterAll(() => written.forEach((p) => rmSync(p, { force: true })));

describe('every drill fails its kata and is named as its mistake', () => {
  for (const source of drills) {
    test(`${source.kata.slug}: ${source.id}`, async () => {
      const dir = dirname(source.kata.solutionPath);
      const drill = buildDrill(source, dir);
      const path = join(dir, `.variant-drill-${source.id}-${process.pid}.ts`);
      writeFileSync(path, drill.text);
      written.push(path);
      const report = await gradeKata(source.kata, { kind: 'file', path }, { quick: true });
      expect(report.status, JSON.stringify(report.problems)).toBe('failed');
      expect(report.likelyMistakes.map((m) => m.id)).toContain(source.id);
    }, 120_000);
  }
});
