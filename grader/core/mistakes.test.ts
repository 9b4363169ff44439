/** Matching a learner's behaviour against the catalogue of mistakes. */
import { describe, expect, test } from 'vitest';
import { matchMistakes, sameObservation, takeFingerprint, type CatalogueEntry, type Fingerprint } from './mistakes.ts';

const entry = (id: string): CatalogueEntry => ({ id, title: id, explanation: `${id} explained`, path: `${id}.ts` });

describe('sameObservation', () => {
  test('tolerates float noise relative to the probe’s own scale', () => {
    expect(sameObservation([1, 2, 3], [1 + 1e-12, 2, 3])).toBe(true);
    expect(sameObservation([4.2e-18], [0])).toBe(false);
    expect(sameObservation([1, 1e-17], [1, 0])).toBe(true);
    expect(sameObservation([NaN], [NaN])).toBe(true);
    expect(sameObservation([NaN], [0])).toBe(false);
    expect(sameObservation(null, [0])).toBe(false);
    expect(sameObservation([1, 2], [1])).toBe(false);
  });
});

describe('matchMistakes', () => {
  const reference: Fingerprint = { a: [1], b: [2], c: [3] };
  const catalogue = [
    { entry: entry('wrong-a'), fingerprint: { a: [10], b: [2], c: [3] } },
    { entry: entry('wrong-b'), fingerprint: { a: [1], b: [20], c: [3] } },
    { entry: entry('wrong-a-and-c'), fingerprint: { a: [10], b: [2], c: [30] } },
  ];

  test('a correct learner matches nothing', () => {
    expect(matchMistakes(reference, { ...reference }, catalogue)).toEqual([]);
  });

  test('the mistake that explains every difference comes first', () => {
    const matches = matchMistakes(reference, { a: [10], b: [2], c: [30] }, catalogue);
    expect(matches.map((m) => m.id)).toEqual(['wrong-a-and-c', 'wrong-a']);
    expect(matches[0].explains).toEqual(['a', 'c']);
  });

  test('between equal explanations, the one that contradicts the learner least wins', () => {
    const matches = matchMistakes(reference, { a: [10], b: [2], c: [3] }, catalogue);
    expect(matches[0].id).toBe('wrong-a');
  });

  test('two mistakes at once are both named', () => {
    const matches = matchMistakes(reference, { a: [10], b: [20], c: [3] }, catalogue);
    expect(matches.map((m) => m.id).sort()).toEqual(['wrong-a', 'wrong-a-and-c', 'wrong-b']);
  });

  test('a probe that throws is recorded as null and never matches', () => {
    const fp = takeFingerprint({ ok: () => 1, broken: () => { throw new Error('boom'); } }, null);
    expect(fp).toEqual({ ok: [1], broken: null });
  });
});
