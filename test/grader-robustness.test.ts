/**
 * Bad input gets a short, specific message: a file that does not parse, code that loops
 * forever, throws, or returns NaN. Each case is a variant of the sigmoid kata written to a
 * temporary folder and graded like a learner's file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { gradeKata } from '../grader/core/grade.ts';
import { findKata, loadKatas } from '../grader/core/manifest.ts';
import { renderReport } from '../grader/core/scorecard.ts';

const found = findKata(loadKatas(), 'sigmoid-derivative');
if (!('kata' in found)) throw new Error(found.error);
const kata = found.kata;
const reference = readFileSync(kata.solutionPath, 'utf8');

/** The reference with one function body replaced, written as `sigmoid.ts` in a fresh folder. */
function variant(replace: string, by: string): string {
  const source = reference.replace(replace, by);
  if (source === reference) throw new Error(`variant: "${replace}" not found in the reference`);
  const path = join(mkdtempSync(join(tmpdir(), 'kata-variant-')), 'sigmoid.ts');
  writeFileSync(path, source);
  return path;
}

/** The scorecard with its word-wrapping undone. */
const flat = (card: string): string => card.replace(/\s+/g, ' ');

describe.concurrent('the grader on broken code', () => {
  test('a syntax error is reported with file, line and message, before anything runs', async () => {
    const path = variant('return a * (1 - a);', 'return a * (1 - a;');
    const report = await gradeKata(kata, { kind: 'file', path });
    expect(report.status).toBe('compile-error');
    const line = reference.split('\n').findIndex((l) => l.includes('return a * (1 - a);')) + 1;
    expect(report.compileError).toMatchObject({ line, message: "')' expected." });
    expect(renderReport(report)).toContain(`sigmoid.ts:${line}:`);
  });

  test('an endless loop is stopped and the running check is named', async () => {
    const path = variant('return a * (1 - a);', 'while (a === a) a = a + 0;\n  return a;');
    const report = await gradeKata(kata, { kind: 'file', path }, { timeoutSeconds: 2 });
    expect(report.status).toBe('timeout');
    expect(report.timeout?.test).toContain('σ′ from the output ½ is ¼');
    expect(flat(renderReport(report))).toContain('was still running after 2 s and was stopped');
  });

  test('an exception from the learner’s code names its type, message and line', async () => {
    const path = variant('return a * (1 - a);', 'const cache: { a: number } | undefined = undefined;\n  return (cache as unknown as { a: number }).a;');
    const report = await gradeKata(kata, { kind: 'file', path });
    expect(report.status).toBe('failed');
    const card = flat(renderReport(report));
    expect(card).toMatch(/your code threw TypeError: Cannot read properties of undefined \(reading 'a'\) \(sigmoid\.ts:\d+:\d+\)/);
    expect(card).not.toContain(' at ');
  });

  test('NaN is called out with where it appeared', async () => {
    const path = variant('return e / ((1 + e) * (1 + e));', 'return z > 5 ? NaN : e / ((1 + e) * (1 + e));');
    const report = await gradeKata(kata, { kind: 'file', path });
    expect(report.status).toBe('failed');
    expect(flat(renderReport(report))).toMatch(/sigmoidDerivative\(\d+\) is NaN/);
  });

  test('a renamed export is reported as such', async () => {
    const path = variant('export function sigmoidDerivativeFromOutput', 'export function sigmoidDerivativeFromOut');
    const report = await gradeKata(kata, { kind: 'file', path });
    expect(report.status).toBe('failed');
    expect(flat(renderReport(report))).toContain('sigmoid.ts must export a function named sigmoidDerivativeFromOutput');
  });
});
