/** From vitest's raw errors and results to the learner's scorecard data. */
import { describe, expect, test } from 'vitest';
import { classifyError, summarise, verdict } from './classify.ts';
import type { TestOutcome } from './report.ts';

const target = '/home/me/backprop-katas/katas/dense-backward/dense.ts';

describe('classifyError', () => {
  test('our checks’ messages pass through unchanged', () => {
    expect(classifyError({ name: 'GradeFailure', message: 'db[2]: expected 3, got 1.' }, target)).toEqual({
      kind: 'check',
      message: 'db[2]: expected 3, got 1.',
    });
  });

  test('a stub’s throw reads as not implemented, naming the function', () => {
    expect(classifyError({ name: 'Error', message: 'not implemented: denseBackward(dout, cache)' }, target)).toEqual({
      kind: 'not-implemented',
      message: 'denseBackward(dout, cache) is not implemented yet.',
    });
  });

  test('a stub of an earlier kata that this one calls is named with its file', () => {
    const stack = [
      'Error: not implemented: new Adam(options)',
      `    at new Adam (${target.replace('dense-backward/dense.ts', 'adam/adam.ts')}:41:11)`,
      `    at trainMnistClassifier (${target.replace('dense-backward/dense.ts', 'mnist-classifier/mnist.ts')}:90:3)`,
    ].join('\n');
    const failure = classifyError({ name: 'Error', message: 'not implemented: new Adam(options)', stack }, target);
    expect(failure.elsewhere).toMatch(/katas\/adam\/adam\.ts$/);
    expect(failure.message).toMatch(/^new Adam\(options\) in .*katas\/adam\/adam\.ts is not implemented yet\.$/);
  });

  test('an exception names its type, message and the line in the learner’s file, not the stack', () => {
    const stack = [
      "TypeError: Cannot read properties of undefined (reading 'rows')",
      '    at shapeOf (/home/me/backprop-katas/katas/lib/matrix.ts:28:12)',
      `    at denseBackward (${target}:41:9)`,
      '    at /home/me/backprop-katas/katas/dense-backward/dense.spec.ts:80:5',
    ].join('\n');
    const failure = classifyError({ name: 'TypeError', message: "Cannot read properties of undefined (reading 'rows')", stack }, target);
    expect(failure).toEqual({
      kind: 'error',
      message: "your code threw TypeError: Cannot read properties of undefined (reading 'rows') (dense.ts:41:9)",
    });
  });

  test('vitest’s timeout becomes advice about loops', () => {
    expect(classifyError({ message: 'Test timed out in 15000ms.' }, target).message).toMatch(/^did not finish within 15 s/);
  });
});

const outcome = (category: TestOutcome['category'], state: TestOutcome['state'], kind?: 'check' | 'not-implemented'): TestOutcome => ({
  category,
  name: `${category} ${state} ${kind ?? ''}`,
  state,
  failure: kind ? { kind, message: kind } : undefined,
  durationMs: 1,
});

describe('verdict and summarise', () => {
  test('all passed → passed; stub failures only → not started; anything else → failed', () => {
    expect(verdict([outcome('spec', 'passed')])).toBe('passed');
    expect(verdict([outcome('spec', 'passed'), outcome('fixtures', 'failed', 'not-implemented')])).toBe('not-started');
    expect(verdict([outcome('fixtures', 'passed'), outcome('fixtures', 'failed', 'not-implemented')])).toBe('failed');
    expect(verdict([outcome('fixtures', 'failed', 'check'), outcome('spec', 'failed', 'not-implemented')])).toBe('failed');
    expect(verdict([])).toBe('crashed');
  });

  test('a real failure is shown before a not-implemented one', () => {
    const [fixtures] = summarise([outcome('fixtures', 'failed', 'not-implemented'), outcome('fixtures', 'failed', 'check'), outcome('fixtures', 'passed')]);
    expect(fixtures).toMatchObject({ category: 'fixtures', passed: 1, failed: 2 });
    expect(fixtures.firstFailure?.failure.kind).toBe('check');
  });
});
