/**
 * Watch mode on a copy of the first kata's file in a temporary folder: saving a wrong answer
 * shows the failure, saving a right one says solved and offers the next kata, `h` shows a
 * hint, `n` moves on. The keys come from a scripted Terminal.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { fakeIo } from '../../test/fake-io.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import type { Terminal } from '../terminal.ts';
import { watchKata } from './watch.ts';

const katas = loadKatas();
const real = katas.find((k) => k.slug === 'sigmoid-derivative') as Kata;

/** Resolves once `check` holds, polling. */
async function until(check: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('grades on every save, says solved, offers the next kata', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kata-watch-'));
  const kata: Kata = { ...real, dir, stubPath: join(dir, real.file) };
  const reference = readFileSync(real.solutionPath, 'utf8');
  // The textbook σ′ = σ(1 − σ): right at 0, wrong at z = 40.
  const naive = reference.replace(/(export function sigmoidDerivative\(z: number\): number \{)[\s\S]*?\n\}/, '$1\n  const s = sigmoid(z);\n  return s * (1 - s);\n}');
  expect(naive).not.toBe(reference);
  writeFileSync(kata.stubPath, naive);

  let press: (key: string) => void = () => undefined;
  let clears = 0;
  const terminal: Terminal = {
    keys(onKey) {
      press = onKey;
      return () => (press = () => undefined);
    },
    clear: () => void clears++,
    columns: 80,
    select: () => Promise.reject(new Error('unexpected prompt')),
    confirm: () => Promise.reject(new Error('unexpected prompt')),
    input: () => Promise.reject(new Error('unexpected prompt')),
  };
  const io = fakeIo({ interactive: true });
  const ended = watchKata(kata, katas, io, terminal);

  await until(() => io.stdout().includes('Likely mistake'), 'the first scorecard');
  expect(io.stdout()).toContain(`${kata.slug}  ${kata.title}: not yet`);
  expect(io.stdout()).toContain('h: hint · g: grade again · q: leave');

  writeFileSync(kata.stubPath, reference);
  await until(() => io.stdout().includes(': solved.'), 'the passing scorecard');
  const next = katas.find((k) => k.slug !== kata.slug) as Kata;
  expect(io.stdout()).toContain(`Next up: ${next.order}. ${next.title} (${next.slug})`);
  expect(io.stdout()).toContain(`n: start ${next.slug}`);
  expect(clears).toBe(2);

  press('h');
  expect(io.stdout()).toContain('Hint 1 of 3');
  press('n');
  expect(await ended).toEqual({ kind: 'next', kata: next });

  const progress = JSON.parse(readFileSync(join(io.stateDir, '.progress.json'), 'utf8'));
  expect(progress.katas[kata.slug]).toMatchObject({ state: 'solved', hintsShown: 1, best: { status: 'passed' } });
});
