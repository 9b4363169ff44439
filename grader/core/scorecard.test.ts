import { expect, test } from 'vitest';
import { displayWidth } from '../i18n/width.ts';
import type { KataReport } from './report.ts';
import { renderReport } from './scorecard.ts';

const longName =
  'createBatchNorm(3) starts as torch.nn.BatchNorm1d(3): γ = 1, β = 0, running mean 0, running variance 1, in four new arrays';

const report: KataReport = {
  slug: 'batchnorm-backward',
  title: 'Batch normalisation backward',
  target: 'katas/batchnorm-backward/batchnorm.ts',
  status: 'failed',
  categories: [{ category: 'spec', passed: 13, failed: 1, firstFailure: { test: longName, failure: { kind: 'check', message: 'gamma is wrong.' } } }],
  checks: { declared: 14, ran: 14 },
  problems: [],
  notices: [],
  notImplemented: [],
  likelyMistakes: [],
  console: [],
  durationMs: 10,
};

test('a long failing check name wraps under itself and keeps the categories within 92 columns', () => {
  const lines = renderReport(report).split('\n');
  expect(lines.filter((line) => displayWidth(line) > 92)).toEqual([]);
  const start = lines.findIndex((line) => line.includes('createBatchNorm(3)'));
  const column = lines[start].indexOf('createBatchNorm(3)');
  const continued = lines[start + 1];
  expect(continued.slice(0, column).trim()).toBe('');
  expect(`${lines[start].slice(column)} ${continued.trim()}`).toBe(longName);
});

test('the verdict line stays within 92 columns: a long title puts the file on its own line', () => {
  const long = { ...report, slug: 'attention-backward', title: 'Scaled dot-product attention, forward and backward', target: 'katas/attention-backward/attention.ts' };
  const [first, second] = renderReport(long).split('\n');
  expect(displayWidth(first)).toBeLessThanOrEqual(92);
  expect(first).toContain('Scaled dot-product attention, forward and backward');
  expect(second.trim()).toBe('katas/attention-backward/attention.ts');
  const [short] = renderReport({ ...report, slug: 'dense-backward', title: 'Dense layer backward', target: 'katas/dense-backward/dense.ts' }).split('\n');
  expect(short.endsWith('katas/dense-backward/dense.ts')).toBe(true);
});
