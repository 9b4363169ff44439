/**
 * `npm run hunt`, driven like a person would in a real pseudo-terminal (tmux), in a scratch copy
 * of the course: the drill is written to katas/dense-backward/hunt.ts, copying the reference
 * over it passes, the planted line is named, the report reveals the mistake and is kept in the
 * history; and Ctrl-C leaves cleanly, keeping the drill file and the progress file as they were.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { TEXTS } from '../grader/commands/hunt.ts';
import { plantedLines } from '../grader/core/hunt.ts';
import { loadKatas } from '../grader/core/manifest.ts';
import { STATE_DIR_ENV } from '../grader/core/progress-store.ts';
import { openLearnerCommand, scratchCheckout } from './scratch-checkout.ts';
import { after, type Screen } from './tmux.ts';

const kata = loadKatas().find((k) => k.slug === 'dense-backward')!;
const checkout = scratchCheckout();
afterAll(() => checkout.remove());
let screen: Screen | undefined;

afterEach(() => {
  screen?.close();
  screen = undefined;
});

const drillPath = join(checkout.root, 'katas', kata.slug, 'hunt.ts');
const referencePath = join(checkout.root, 'solutions', kata.slug, kata.file);
const statusShown = /🔎 0:\d\d · dense-backward hunt · 0 grades/;

function start(args: string, progress?: string): { screen: Screen; stateDir: string } {
  const opened = openLearnerCommand(checkout, `npm run hunt --silent -- ${args}`, progress);
  screen = opened.screen;
  return opened;
}

describe('npm run hunt in a terminal', () => {
  test('Ctrl-C leaves cleanly: the drill file stays, nothing is counted; an earlier drill file is backed up', async () => {
    const progress = '{ "version": 1, "katas": {} }\n';
    writeFileSync(drillPath, '// my earlier attempt\n');
    const { screen: at, stateDir } = start('dense --seed 1', progress);
    const opening = await at.waitFor(statusShown);
    expect(opening).toContain(TEXTS.task.slice(0, 40));
    expect(opening).toContain('katas/dense-backward/hunt.ts');
    at.press('C-c');
    expect(await at.exitCode()).toBe(130);
    expect(at.text()).toContain(TEXTS.left('katas/dense-backward/hunt.ts'));
    expect(at.text()).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(readFileSync(join(stateDir, '.progress.json'), 'utf8')).toBe(progress);
    expect(readFileSync(drillPath, 'utf8')).toMatch(/export function denseBackward/);
    const backups = readdirSync(join(stateDir, '.backups', kata.slug));
    expect(backups).toHaveLength(1);
    expect(readFileSync(join(stateDir, '.backups', kata.slug, backups[0]), 'utf8')).toBe('// my earlier attempt\n');
  });

  test('the drill fixed by copying the reference over it, the planted line named, the report, the history', async () => {
    const { screen, stateDir } = start('dense --seed 2');
    await screen.waitFor(statusShown);
    const drill = readFileSync(drillPath, 'utf8');
    const reference = readFileSync(referencePath, 'utf8');
    expect(drill).not.toBe(reference);
    expect(drill).not.toMatch(/mistake|Mistake/);
    const planted = plantedLines(reference, drill);
    expect(planted.length).toBeGreaterThan(0);

    // A grade first (g): the drill fails some checks.
    screen.press('g');
    const graded = await screen.waitFor((text) => after(text, 'Grade 1 at').includes('not yet'), 60_000);
    // The grader's name for the mistake is the answer: kept for the report.
    expect(graded).not.toContain('Likely mistake');

    copyFileSync(referencePath, drillPath);
    await screen.waitFor((text) => after(text, 'The drill passes').includes('Which line was wrong?'), 60_000);
    screen.press(String(planted[0]), 'Enter');
    expect(await screen.exitCode()).toBe(0);
    const report = after(screen.text(), 'Bug hunt report:');
    expect(report).toContain('✓ Fixed: the kata\'s checks pass.');
    expect(report).toContain(`✓ Line ${planted[0]} is where the bug was planted`);
    expect(report).toMatch(/Your fix changed the planted lines/);
    expect(report).toContain('The planted mistake: ');
    expect(report).toMatch(/Time used: 0:\d\d, 2 grades/);
    expect(report).toContain(TEXTS.saved);

    const saved = JSON.parse(readFileSync(join(stateDir, '.progress.json'), 'utf8'));
    expect(saved.hunts).toEqual([
      expect.objectContaining({ slug: kata.slug, passed: true, namedLine: planted[0], foundLine: true, fixedPlanted: true, gradeAttempts: 2 }),
    ]);
    // Hunts grade the drill, never the learner's own file: the kata's progress is untouched.
    expect(saved.katas[kata.slug]).toBeUndefined();
    expect(existsSync(drillPath)).toBe(true);

    const history = execFileSync(join(checkout.root, 'node_modules', '.bin', 'tsx'), ['grader/main.ts', 'hunt', '--history'], {
      cwd: checkout.root,
      env: { ...process.env, [STATE_DIR_ENV]: stateDir },
      encoding: 'utf8',
    });
    expect(history).toMatch(new RegExp(`^when +kata +drill +time +fixed +line +fix\\n\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  dense-backward +${saved.hunts[0].drill} +0:\\d\\d +yes +${planted[0]} found +planted lines\\n$`));
  });
});
