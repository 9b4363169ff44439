/**
 * Verdicts a learner can trust. Each test is one class of defect: code that is wrong, or a
 * grading that never finished, must never read "passed", and every failure is told truthfully
 * (which check, what happened, where in the learner's file). Each case is a variant of a
 * reference solution written beside it (so its imports resolve), graded like a learner's file.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { gradeKata, type GradeOptions } from '../grader/core/grade.ts';
import { kataBySlug, type Kata } from '../grader/core/manifest.ts';
import type { KataReport } from '../grader/core/report.ts';
import { renderReport } from '../grader/core/scorecard.ts';
import { createTypeChecker } from '../grader/core/typecheck.ts';

const written: string[] = [];
afterAll(() => {
  for (const path of written) rmSync(path, { force: true });
});

/** The reference of `slug` with `replace` replaced by `by`, written beside it under a hidden name. */
function variant(slug: string, replace: string | RegExp, by: string, append = ''): { kata: Kata; path: string } {
  const kata = kataBySlug(slug);
  const reference = readFileSync(kata.solutionPath, 'utf8');
  const source = reference.replace(replace, by) + append;
  if (source === reference + append) throw new Error(`variant: ${String(replace)} not found in ${kata.solutionPath}`);
  const path = join(dirname(kata.solutionPath), `.variant-${written.length}-${basename(kata.solutionPath)}`);
  writeFileSync(path, source);
  written.push(path);
  return { kata, path };
}

async function grade(
  slug: string,
  replace: string | RegExp,
  by: string,
  options: GradeOptions & { append?: string } = {},
): Promise<{ report: KataReport; card: string }> {
  const { kata, path } = variant(slug, replace, by, options.append);
  const report = await gradeKata(kata, { kind: 'file', path }, options);
  // The scorecard with its word-wrapping undone, for matching sentences.
  return { report, card: renderReport(report).replace(/\s+/g, ' ') };
}

const DB_SUM = 'db: sumRows(dout), //';
const BACKWARD_START = 'const { x, w } = cache;';

describe.concurrent('no false pass', () => {
  test('a grading process killed before the end is "could not finish", naming the running check', async () => {
    const { report, card } = await grade('dense-backward', BACKWARD_START, `${BACKWARD_START}\n  if (++calls > 900) process.kill(process.pid, 'SIGKILL');`, {
      append: 'let calls = 0;\n',
    });
    expect(report.status, card).toBe('stopped');
    expect(report.stopped?.cause).toBe('exited');
    expect(report.checks.ran).toBeLessThan(report.checks.declared);
    expect(card).toMatch(/Grading ended during the check ".+" before every check had run \(the process was killed by SIGKILL\)/);
  });

  test('process.exit(0) in the middle of grading is not a pass', async () => {
    const { report, card } = await grade('dense-backward', BACKWARD_START, `${BACKWARD_START}\n  if (dout.rows > 5) process.exit(0);`);
    expect(report.status, card).toBe('stopped');
    expect(card).toContain('the process exited with code 0');
  });

  test('a patched built-in fails the grade and is named (Math.abs = () => 0 on a wrong dense layer)', async () => {
    const { report, card } = await grade('dense-backward', DB_SUM, 'db: sumRows(dout).map((v) => v / dout.rows), //', {
      append: 'Math.abs = () => 0;\n',
    });
    expect(report.status, card).toBe('failed');
    expect(card).toContain('your code replaced Math.abs');
  });

  test('a built-in patched during a check (not at load) fails the grade too', async () => {
    const { report, card } = await grade('dense-backward', BACKWARD_START, `${BACKWARD_START}\n  Number.isFinite = () => true;`);
    expect(report.status, card).toBe('failed');
    expect(card).toContain('your code replaced Number.isFinite');
  });

  test('an error thrown asynchronously fails the grade, with its message and line', async () => {
    const { report, card } = await grade('dense-backward', BACKWARD_START, `${BACKWARD_START}\n  setTimeout(() => { throw new Error('x'); }, 0);`);
    expect(report.status, card).toBe('failed');
    expect(card).toMatch(/async error your code threw, asynchronously, x \(\.variant-\d+-dense\.ts:\d+:\d+\)/);
    // denseBackward runs many times: the same error is told once, with how often it happened.
    expect(card.match(/your code threw, asynchronously/g)).toHaveLength(1);
    expect(card).toMatch(/It happened \d+ times\./);
  });

  test('a type error in the learner’s file fails the grade as a check, with file:line:col and tsc’s message', async () => {
    const typeChecker = createTypeChecker();
    try {
      const { report, card } = await grade('dense-backward', BACKWARD_START, `${BACKWARD_START}\n  const label: string = x.rows;\n  void label;`, { typeChecker });
      expect(report.status, card).toBe('failed');
      expect(card).toMatch(/✗ type check solutions\/dense-backward\/\.variant-\d+-dense\.ts:\d+:9 Type 'number' is not assignable to type 'string'\./);
    } finally {
      typeChecker.close();
    }
  });

  test('a promise rejected with nobody to catch it fails the grade', async () => {
    const { report, card } = await grade('dense-backward', BACKWARD_START, `${BACKWARD_START}\n  void Promise.reject(new RangeError('lost'));`);
    expect(report.status, card).toBe('failed');
    expect(card).toContain('RangeError: lost');
  });
});

describe.concurrent('failures told truthfully', () => {
  test('a syntax error is reported with file, line and message, before anything runs', async () => {
    const { report, card } = await grade('sigmoid-derivative', 'return a * (1 - a);', 'return a * (1 - a;');
    expect(report.status).toBe('compile-error');
    const line = readFileSync(kataBySlug('sigmoid-derivative').solutionPath, 'utf8').split('\n').findIndex((l) => l.includes('return a * (1 - a);')) + 1;
    expect(report.compileError).toMatchObject({ line, message: "')' expected." });
    expect(card).toContain(`sigmoid.ts:${line}:`);
  });

  test('an endless loop is stopped and the running check is named', async () => {
    const { report, card } = await grade('sigmoid-derivative', 'return a * (1 - a);', 'while (a === a) a = a + 0;\n  return a;', { timeoutSeconds: 2 });
    expect(report.status).toBe('stopped');
    expect(report.stopped?.cause).toBe('hang');
    expect(card).toMatch(/during the check "[^"]*σ′ from the output ½ is ¼[^"]*": it was still running after 2 s/);
  });

  test('an endless loop at load time says that loading the file did not finish', async () => {
    const { report, card } = await grade('sigmoid-derivative', /^export function sigmoid\(/m, 'for (;;) {}\nexport function sigmoid(', { timeoutSeconds: 2 });
    expect(report.status).toBe('stopped');
    expect(report.stopped?.phase.kind).toBe('load');
    expect(card).toContain('Loading the file did not finish within 2 s');
  });

  test('a top-level await that never resolves says the same', async () => {
    const { report, card } = await grade('sigmoid-derivative', /^export function sigmoid\(/m, 'await new Promise(() => {});\nexport function sigmoid(', { timeoutSeconds: 2 });
    expect(report.status).toBe('stopped');
    expect(card).toContain('Loading the file did not finish within 2 s');
  });

  test('memory that grows without end is reported as memory, not as a loop', async () => {
    const { report, card } = await grade(
      'dense-backward',
      BACKWARD_START,
      `${BACKWARD_START}\n  const hog: Float64Array[] = [];\n  for (;;) hog.push(new Float64Array(1 << 20).fill(1));`,
    );
    expect(report.status, card).toBe('stopped');
    expect(report.stopped?.cause).toBe('memory');
    expect(card).toMatch(/the process used \d+ MB and kept growing/);
  });

  test('a hang inside the diagnosis keeps the scorecard and says the diagnosis stopped', async () => {
    // Wrong (db averaged), and hangs only when called from a diagnosis probe (fingerprint.ts).
    const { report, card } = await grade(
      'dense-backward',
      DB_SUM,
      "db: (new Error().stack?.includes('fingerprint.ts') ? (() => { for (;;); })() : sumRows(dout).map((v) => v / dout.rows)), //",
    );
    expect(report.status, card).toBe('failed');
    expect(report.checks.ran).toBe(report.checks.declared);
    expect(report.diagnosisStopped).toBeDefined();
    expect(card).toContain('The search for the likely mistake was stopped');
    expect(card).not.toMatch(/still running after/);
  });

  test('an exception from the learner’s code names its type, message and line, not the stack', async () => {
    const { report, card } = await grade(
      'sigmoid-derivative',
      'return a * (1 - a);',
      'const cache: { a: number } | undefined = undefined;\n  return (cache as unknown as { a: number }).a;',
    );
    expect(report.status).toBe('failed');
    expect(card).toMatch(/your code threw TypeError: Cannot read properties of undefined \(reading 'a'\) \(\.variant-\d+-sigmoid\.ts:\d+:\d+\)/);
    expect(card).not.toContain(' at ');
  });

  test('an async function is told that it returns a Promise', async () => {
    const { report, card } = await grade('dense-backward', 'export function denseBackward(', 'export async function denseBackward(');
    expect(report.status).toBe('failed');
    expect(card).toContain('denseBackward is async, so it returns a Promise instead of its result');
  });

  test('a missing export is named, and the checks that then cannot call it are not blamed on the learner', async () => {
    const { report, card } = await grade('sigmoid-derivative', 'export function sigmoidDerivativeFromOutput', 'export function sigmoidDerivativeFromOut');
    expect(report.status).toBe('failed');
    expect(card).toContain('sigmoid.ts does not export sigmoidDerivativeFromOutput');
    expect(card).not.toMatch(/your code threw TypeError: \w+ is not a function/);
  });

  test('throw null reads as a value that is not an Error', async () => {
    const { report, card } = await grade('sigmoid-derivative', 'return a * (1 - a);', 'if (a > 0.3) throw null;\n  return a * (1 - a);');
    expect(report.status).toBe('failed');
    expect(card).toContain('your code threw null (a value that is not an Error');
  });

  test('BatchNorm: a wrong batchnormBackward beside a right batchnormBackwardAlt is blamed, not the Alt', async () => {
    // The mean's path dropped from the step-by-step backward only; the closed form stays right.
    const { report, card } = await grade('batchnorm-backward', 'dx.data[k] = dcentred.data[k] + dmean[k % d] / n;', 'dx.data[k] = dcentred.data[k];');
    expect(report.status).toBe('failed');
    const spec = report.categories.find((c) => c.category === 'spec');
    expect(spec?.firstFailure?.failure.message ?? '', card).toMatch(/^batchnormBackward is wrong in train mode .*Fix batchnormBackward/);
  });

  test('NaN is called out with where it appeared', async () => {
    const { report, card } = await grade('sigmoid-derivative', 'return e / ((1 + e) * (1 + e));', 'return z > 5 ? NaN : e / ((1 + e) * (1 + e));');
    expect(report.status).toBe('failed');
    expect(card).toMatch(/sigmoidDerivative\(\d+\) is NaN/);
  });
});
