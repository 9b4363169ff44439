/**
 * The checks leave the small case. Each implementation under test/size-bugs/ is right for
 * batches of up to 32 rows (the MNIST trainer's batch size) and wrong beyond; it must fail,
 * and only on checks whose batch is larger than 32 (so the small checks really could not see
 * it, and the large ones do).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { gradeKata } from '../grader/core/grade.ts';
import { findKata, loadKatas } from '../grader/core/manifest.ts';
import type { TestOutcome } from '../grader/core/report.ts';
import { renderReport } from '../grader/core/scorecard.ts';

const katas = loadKatas();

/** A check "has a batch larger than 32" when its name mentions one: N=300, a batch of 40, N from 33 to 300. */
const mentionsLargeBatch = (name: string): boolean => (name.match(/\d+/g) ?? []).some((n) => Number(n) > 32 && Number(n) <= 1000);

const cases: [string, string][] = [
  ['dense-backward', 'dense-dw-first-32-rows.ts'],
  ['batchnorm-backward', 'batchnorm-variance-first-32-rows.ts'],
  ['mlp-trainer', 'mlp-bias-gradients-first-32-rows.ts'],
];

describe.concurrent('bugs that only show beyond 32 rows', () => {
  for (const [slug, file] of cases) {
    test(`${slug}: ${file} fails, on large-batch checks only`, async () => {
      const found = findKata(katas, slug);
      if (!('kata' in found)) throw new Error(found.error);
      const outcomes: TestOutcome[] = [];
      const path = fileURLToPath(new URL(`./size-bugs/${file}`, import.meta.url));
      const report = await gradeKata(found.kata, { kind: 'file', path }, { onOutcome: (o) => outcomes.push(o) });
      const card = renderReport(report);
      expect(report.status, card).toBe('failed');
      const failed = outcomes.filter((o) => o.state === 'failed').map((o) => o.name);
      expect(failed.length, card).toBeGreaterThan(0);
      expect(failed.filter((name) => !mentionsLargeBatch(name)), card).toEqual([]);
    });
  }
});
