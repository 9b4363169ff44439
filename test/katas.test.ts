/**
 * The proof that every check can fail (rustlings' `dev check`, Exercism's CI): for each kata,
 * the reference solution passes, the stub as the course ships it reads as "not started", and
 * every catalogued mistake fails with the message that names that very mistake.
 *
 * Only the course's own files are graded here, never the learner's: `npm test` passes on a
 * checkout where every kata is solved, half-solved or full of scratch files.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { originalStubCopy } from '../grader/core/course-files.ts';
import { gradeKata } from '../grader/core/grade.ts';
import { loadKatas } from '../grader/core/manifest.ts';
import { loadCatalogue } from '../grader/core/mistakes.ts';
import { renderReport } from '../grader/core/scorecard.ts';

// Katas that train on MNIST grade on a subset with a lower bar here (see mnist.spec.ts): the
// full run belongs to the learner's grading and `npm run train`, not to every test run.
const quick = true;

for (const kata of loadKatas()) {
  const catalogue = await loadCatalogue(kata);

  describe.concurrent(kata.slug, () => {
    test('the reference solution passes every check', async () => {
      const report = await gradeKata(kata, { kind: 'solution' }, { quick });
      expect(report.status, renderReport(report)).toBe('passed');
      expect(report.checks.ran, renderReport(report)).toBe(report.checks.declared);
    });

    const stub = originalStubCopy(kata);
    afterAll(() => stub.remove());
    test('the stub as the course ships it reads as not started', async () => {
      const report = await gradeKata(kata, { kind: 'file', path: stub.path }, { quick });
      expect(report.status, renderReport(report)).toBe('not-started');
    });

    for (const entry of catalogue) {
      test(`the mistake "${entry.title}" is rejected and named`, async () => {
        const report = await gradeKata(kata, { kind: 'file', path: entry.path }, { quick });
        const card = renderReport(report);
        expect(['failed', 'stopped'], card).toContain(report.status);
        expect(report.likelyMistakes[0]?.id, card).toBe(entry.id);
        expect(card).toContain(entry.title);
      });
    }
  });
}
