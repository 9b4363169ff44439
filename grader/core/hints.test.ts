import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { nextHint, parseHints } from './hints.ts';
import { loadKatas } from './manifest.ts';

const sample = `# Hints

## 1. Nudge

Look at the shapes.

## 2. Approach

Sum over the batch.

    db = dout.sum(axis=0)

## 3. Near-solution

Almost the code.
`;

test('tiers are the numbered second-level headings, bodies without them', () => {
  expect(parseHints(sample)).toEqual([
    { tier: 1, title: 'Nudge', body: 'Look at the shapes.' },
    { tier: 2, title: 'Approach', body: 'Sum over the batch.\n\n    db = dout.sum(axis=0)' },
    { tier: 3, title: 'Near-solution', body: 'Almost the code.' },
  ]);
});

test('tiers out of order, or none at all, are errors naming the file', () => {
  expect(() => parseHints('## 1. A\nx\n## 3. C\ny', 'katas/x/hints.md')).toThrow('katas/x/hints.md: hint "## 3. C" should be number 2');
  expect(() => parseHints('# Hints\n\njust text', 'h.md')).toThrow('h.md: no hints found');
});

test('the next hint after n shown is tier n+1, then they are exhausted', () => {
  const hints = parseHints(sample);
  expect(nextHint(hints, 0)).toMatchObject({ kind: 'reveal', hint: { tier: 1 }, total: 3 });
  expect(nextHint(hints, 2)).toMatchObject({ kind: 'reveal', hint: { tier: 3 } });
  expect(nextHint(hints, 3)).toEqual({ kind: 'exhausted', total: 3 });
});

describe('every kata', () => {
  for (const kata of loadKatas()) {
    test(`${kata.slug} has three hint tiers: a nudge, an approach, a near-solution`, () => {
      const hints = parseHints(readFileSync(kata.hintsPath, 'utf8'), kata.hintsPath);
      expect(hints.map((h) => h.tier)).toEqual([1, 2, 3]);
      for (const hint of hints) expect(hint.body, `${kata.slug} hint ${hint.tier}`).not.toBe('');
    });
  }
});
