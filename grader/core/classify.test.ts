/** From what a check threw to the learner's scorecard data. */
import { describe, expect, test } from 'vitest';
import { classifyError, rawError, summarise, verdict, type ClassifyContext } from './classify.ts';
import { loadKatas } from './manifest.ts';
import type { TestOutcome } from './report.ts';

const katas = loadKatas();
const dense = katas.find((k) => k.slug === 'dense-backward')!;
const adam = katas.find((k) => k.slug === 'adam')!;
const target = dense.stubPath;
const context: ClassifyContext = { targetFile: target, katas };

describe('classifyError', () => {
  test('our checks’ messages pass through unchanged', () => {
    expect(classifyError({ name: 'GradeFailure', message: 'db[2]: expected 3, got 1.' }, context)).toEqual({
      kind: 'check',
      message: 'db[2]: expected 3, got 1.',
    });
  });

  test('a stub’s throw reads as not implemented, naming the function', () => {
    expect(classifyError({ name: 'Error', message: 'not implemented: denseBackward(dout, cache)' }, context)).toEqual({
      kind: 'not-implemented',
      message: 'denseBackward(dout, cache) is not implemented yet.',
      unwritten: { name: 'denseBackward(dout, cache)' },
    });
  });

  test('a stub of an earlier kata that this one calls is named with its file', () => {
    const stack = [
      'Error: not implemented: new Adam(options)',
      `    at new Adam (${adam.stubPath}:41:11)`,
      `    at trainMnistClassifier (${target.replace('dense-backward/dense.ts', 'mnist-classifier/mnist.ts')}:90:3)`,
    ].join('\n');
    const failure = classifyError({ name: 'Error', message: 'not implemented: new Adam(options)', stack }, context);
    expect(failure.unwritten).toEqual({ name: 'new Adam(options)', elsewhere: { slug: 'adam', file: 'katas/adam/adam.ts' } });
    expect(failure.message).toBe('new Adam(options) in katas/adam/adam.ts is not implemented yet.');
  });

  test('an exception names its type, message and the line in the learner’s file, not the stack', () => {
    const stack = [
      "TypeError: Cannot read properties of undefined (reading 'rows')",
      `    at shapeOf (${target.replace('dense-backward/dense.ts', 'lib/matrix.ts')}:28:12)`,
      `    at denseBackward (${target}:41:9)`,
      `    at ${dense.specPath}:80:5`,
    ].join('\n');
    const failure = classifyError({ name: 'TypeError', message: "Cannot read properties of undefined (reading 'rows')", stack }, context);
    expect(failure).toEqual({
      kind: 'error',
      message: "your code threw TypeError: Cannot read properties of undefined (reading 'rows') (dense.ts:41:9)",
    });
  });

  test('an error thrown by the checks themselves is not blamed on the learner’s code', () => {
    const stack = ['TypeError: denseBackward is not a function', `    at ${dense.specPath}:80:5`].join('\n');
    const failure = classifyError({ name: 'TypeError', message: 'denseBackward is not a function', stack }, context);
    expect(failure.kind).toBe('harness');
    expect(failure.message).toMatch(/^the check stopped on TypeError: denseBackward is not a function \(dense\.spec\.ts:80\)/);
  });

  test('a thrown value that is not an Error is described as such', () => {
    expect(classifyError(rawError(null), context).message).toBe("your code threw null (a value that is not an Error: throw new Error('…') keeps the message and the line)");
    expect(classifyError(rawError('oops'), context).message).toContain('your code threw "oops"');
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
  });

  test('a real failure is shown before a not-implemented one', () => {
    const [fixtures] = summarise([outcome('fixtures', 'failed', 'not-implemented'), outcome('fixtures', 'failed', 'check'), outcome('fixtures', 'passed')]);
    expect(fixtures).toMatchObject({ category: 'fixtures', passed: 1, failed: 2 });
    expect(fixtures.firstFailure?.failure.kind).toBe('check');
  });
});
