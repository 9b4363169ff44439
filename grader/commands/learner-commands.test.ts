/**
 * The learner's commands, run in-process with a recording Io and, where they ask something, a
 * scripted Terminal. Their state goes to a temporary folder (KATAS_STATE_DIR), never the repo.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { fakeIo } from '../../test/fake-io.ts';
import { loadKatas } from '../core/manifest.ts';
import { emptyProgress, recordGrade, serializeProgress } from '../core/progress.ts';
import { main } from '../main.ts';
import { Interrupted, type Terminal } from '../terminal.ts';
import { originalStubCopy } from '../core/course-files.ts';
import type { Kata } from '../core/manifest.ts';
import { compareCommand, mayShowReference, showComparison } from './compare.ts';

const first = loadKatas()[0];
const stubCopy = originalStubCopy(first);
afterAll(() => stubCopy.remove());

/** A Terminal whose confirm answers from a script; anything else is a test failure. */
function scripted(answers: (boolean | undefined | Interrupted)[]): Terminal & { asked: string[] } {
  const asked: string[] = [];
  const unexpected = (): never => {
    throw new Error('unexpected prompt');
  };
  return {
    asked,
    async confirm(message) {
      asked.push(message);
      const answer = answers.shift();
      if (answer instanceof Interrupted) throw answer;
      return answer;
    },
    select: unexpected,
    input: unexpected,
    keys: unexpected,
    clear: () => undefined,
    columns: 80,
  };
}

function solvedIn(stateDir: string): void {
  const at = new Date().toISOString();
  writeFileSync(join(stateDir, '.progress.json'), serializeProgress(recordGrade(emptyProgress(), first.slug, { status: 'passed', passed: 1, total: 1, at })));
}

describe('hint', () => {
  test('reveals one tier at a time, remembers the count, then recaps them all', async () => {
    const io = fakeIo();
    expect(await main(['hint', first.slug.slice(0, 3)], io)).toBe(0);
    expect(io.stdout()).toMatch(/^Hint 1 of 3: Nudge/);
    expect(io.stdout()).toContain(`2 more hints, each giving away more: npm run hint -- ${first.slug}`);
    await main(['hint', first.slug], io);
    await main(['hint', first.slug], io);
    expect(io.stdout()).toContain('Hint 3 of 3');
    expect(io.stdout()).toContain(`That was the last hint. After a real try, compare with the reference: npm run compare -- ${first.slug}`);
    const progress = JSON.parse(readFileSync(join(io.stateDir, '.progress.json'), 'utf8'));
    expect(progress.katas[first.slug].hintsShown).toBe(3);

    const again = fakeIo({ stateDir: io.stateDir });
    await main(['hint', first.slug], again);
    expect(again.stdout()).toContain('All 3 hints for');
    expect(again.stdout().match(/^Hint \d of 3/gm)).toEqual(['Hint 1 of 3', 'Hint 2 of 3', 'Hint 3 of 3']);
  });

  test('with no kata named: the first unsolved one', async () => {
    const io = fakeIo();
    solvedIn(io.stateDir);
    await main(['hint'], io);
    expect(io.stdout()).toContain(`(${loadKatas()[1]?.slug ?? first.slug})`);
  });
});

describe('compare', () => {
  test('without a terminal, an unsolved kata\'s reference needs --yes', async () => {
    const io = fakeIo();
    expect(await main(['compare', first.slug], io)).toBe(1);
    expect(io.stdout()).toBe('');
    expect(io.stderr()).toContain(`To see it anyway: npm run compare -- ${first.slug} --yes`);
  });

  // The diff is of the stub as the course ships it (a copy beside the learner's file), never of
  // the learner's own file, so these pass whatever the learner's checkout holds.
  const original = (): Kata => ({ ...first, stubPath: stubCopy.path });

  test('the diff shows the stub\'s throws against the reference', () => {
    const io = fakeIo();
    expect(showComparison(original(), io)).toBe(true);
    expect(io.stdout()).toMatch(new RegExp(`^- katas/${first.slug}/\\.\\S+ \\(yours\\)`, 'm'));
    expect(io.stdout()).toMatch(/^-\s+throw new Error\('not implemented/m);
    expect(io.stdout()).toMatch(/only in yours \(-\), \d+ only in the reference \(\+\)/);
  });

  test('at a terminal it asks first, defaulting to no; a solved kata is shown without asking', async () => {
    const no = fakeIo({ interactive: true });
    const refusing = scripted([false]);
    expect(await mayShowReference(original(), no, false, () => refusing)).toBe(false);
    expect(refusing.asked[0]).toContain('the reference gives it away. Show it anyway?');
    expect(no.stdout()).toContain('Not shown. A hint gives away less');

    const yes = fakeIo({ interactive: true });
    expect(await mayShowReference(original(), yes, false, () => scripted([true]))).toBe(true);

    const solved = fakeIo({ interactive: true });
    solvedIn(solved.stateDir);
    const silent = scripted([]);
    expect(await mayShowReference(original(), solved, false, () => silent)).toBe(true);
    expect(silent.asked).toEqual([]);
  });

  test('Ctrl-C at the question is passed up as Interrupted (main then exits 130, silently)', async () => {
    const io = fakeIo({ interactive: true });
    expect(await compareCommand([first.slug], io, () => scripted([new Interrupted()])).catch((e) => e)).toBeInstanceOf(Interrupted);
  });
});

describe('names', () => {
  test('an unknown kata lists the valid ones, for every command', async () => {
    for (const command of ['hint', 'compare', 'reset', 'watch', 'grade']) {
      const io = fakeIo();
      expect(await main([command, 'no-such-kata'], io)).toBe(2);
      expect(io.stderr()).toContain('There is no kata called "no-such-kata". The katas are:');
      expect(io.stderr()).toContain(`  ${first.slug}`);
    }
  });

  test('compare and reset want a kata named', async () => {
    const io = fakeIo();
    expect(await main(['reset'], io)).toBe(2);
    expect(io.stderr()).toContain(`Which kata? e.g. npm run reset -- ${first.slug}`);
  });

  test('an unknown option is one line, not a stack', async () => {
    const io = fakeIo();
    expect(await main(['hint', '--loud'], io)).toBe(2);
    expect(io.stderr()).toMatch(/^Unknown option --loud\.\n\nUsage: npm run hint/);
  });
});

test('npm start without a terminal prints the course and the commands, and exits 0', async () => {
  const io = fakeIo();
  expect(await main(['menu'], io)).toBe(0);
  expect(io.stdout()).toContain(`of ${loadKatas().length} katas solved`);
  expect(io.stdout()).toContain(first.slug);
  expect(io.stdout()).toContain('npm run watch -- <kata>');
});
