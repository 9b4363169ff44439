/**
 * The proof that every check can fail (rustlings' `dev check`, Exercism's CI): for each kata,
 * the reference solution passes, the untouched stub reads as "not started", and every
 * catalogued mistake fails with the message that names that very mistake.
 */
import { describe, expect, test } from 'vitest';
import { gradeKata } from '../grader/core/grade.ts';
import { loadKatas } from '../grader/core/manifest.ts';
import { loadCatalogue } from '../grader/core/mistakes.ts';
import { renderReport } from '../grader/core/scorecard.ts';

// Katas that train on MNIST grade on a subset with a lower bar here (see mnist.spec.ts):
// the full run belongs to the learner's grading and `npm run train`, not to every test run.
process.env.KATA_QUICK = '1';

const katas = loadKatas();

for (const kata of katas) {
  const catalogue = await loadCatalogue(kata);

  describe.concurrent(kata.slug, () => {
    test('the reference solution passes every check', async () => {
      const report = await gradeKata(kata, { kind: 'solution' });
      expect(report.status, renderReport(report)).toBe('passed');
    });

    test('the untouched stub reads as not started', async () => {
      const report = await gradeKata(kata, { kind: 'learner' });
      expect(report.status, renderReport(report)).toBe('not-started');
    });

    for (const entry of catalogue) {
      test(`the mistake "${entry.title}" is rejected and named`, async () => {
        const report = await gradeKata(kata, { kind: 'file', path: entry.path });
        const card = renderReport(report);
        expect(['failed', 'timeout'], card).toContain(report.status);
        expect(report.likelyMistakes[0]?.id, card).toBe(entry.id);
        expect(card).toContain(entry.title);
      });
    }
  });
}
