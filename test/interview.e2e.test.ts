/**
 * `npm run interview`, driven like a person would in a real pseudo-terminal (tmux), in a scratch
 * copy of the course: the countdown shows, saving the reference solution over the stub passes
 * the kata, the follow-up questions are answered, the report shows and is kept in the history;
 * and Ctrl-C leaves cleanly, from the countdown and from a question, with the learner's file and
 * progress file as they were.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { createRng } from '../katas/lib/random.ts';
import { TEXTS } from '../grader/commands/interview.ts';
import { loadKatas } from '../grader/core/manifest.ts';
import { emptyProgress, recordGrade, serializeProgress } from '../grader/core/progress.ts';
import { STATE_DIR_ENV } from '../grader/core/progress-store.ts';
import { loadQuestions, pickQuestions } from '../grader/core/questions.ts';
import { openLearnerCommand, scratchCheckout } from './scratch-checkout.ts';
import { after, type Screen } from './tmux.ts';

const kata = loadKatas().find((k) => k.slug === 'sigmoid-derivative')!;
const SEED = 7;
const checkout = scratchCheckout();
afterAll(() => checkout.remove());
let screen: Screen | undefined;

afterEach(() => {
  screen?.close();
  screen = undefined;
});

const stub = join(checkout.root, 'katas', kata.slug, kata.file);
const countdownShown = /⏱ 0:\d\d left · sigmoid-derivative · 0 grades/;

function start(args: string, progress?: string): { screen: Screen; stateDir: string } {
  const opened = openLearnerCommand(checkout, `npm run interview --silent -- ${args}`, progress);
  screen = opened.screen;
  return opened;
}

describe('npm run interview in a terminal', () => {
  test('Ctrl-C leaves cleanly, from the countdown and from a question (after giving up, after the time ran out); the learner\'s files stay as they were', async () => {
    const progress = serializeProgress(recordGrade(emptyProgress(), 'dense-backward', { status: 'failed', passed: 3, total: 9, at: '2025-01-01T10:00:00.000Z' }));
    const before = readFileSync(stub, 'utf8');

    let { screen: at, stateDir } = start('sigmoid --minutes 1', progress);
    await at.waitFor(countdownShown);
    at.press('C-c');
    expect(await at.exitCode()).toBe(130);
    expect(at.text()).toContain(TEXTS.left);
    expect(at.text()).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(readFileSync(join(stateDir, '.progress.json'), 'utf8')).toBe(progress);
    expect(readFileSync(stub, 'utf8')).toBe(before);

    // Give up with q, then Ctrl-C at the first question: not counted either.
    at.close();
    ({ screen: at, stateDir } = start(`sigmoid --minutes 1 --seed ${SEED}`, progress));
    await at.waitFor(countdownShown);
    at.press('q');
    await at.waitFor((text) => after(text, 'Question 1 of 3').includes('? Your answer'));
    at.press('C-c');
    expect(await at.exitCode()).toBe(130);
    expect(after(at.text(), 'Question 1 of 3')).toContain(TEXTS.left);
    expect(at.text()).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(readFileSync(join(stateDir, '.progress.json'), 'utf8')).toBe(progress);
    expect(readFileSync(stub, 'utf8')).toBe(before);

    // A clock that runs out (3 seconds) goes to the questions by itself.
    at.close();
    ({ screen: at, stateDir } = start(`sigmoid --minutes 0.05 --seed ${SEED}`, progress));
    const timeUp = await at.waitFor((text) => after(text, TEXTS.ended('time-up', '0:03')).includes('? Your answer'));
    expect(timeUp).toContain('Question 1 of 3');
    at.press('C-c');
    expect(await at.exitCode()).toBe(130);
    expect(readFileSync(join(stateDir, '.progress.json'), 'utf8')).toBe(progress);
  });

  test('the countdown, a passing save, the follow-up questions, the report, the history', async () => {
    const { screen, stateDir } = start(`sigmoid --minutes 1 --seed ${SEED}`);

    const opening = await screen.waitFor(countdownShown);
    expect(opening).toContain(`Mock interview: ${kata.title} (${kata.slug}), 1:00 on the clock`);
    expect(opening).toContain(TEXTS.locked);
    expect(opening).not.toContain('npm run hint');
    // The clock moves.
    const first = /⏱ (0:\d\d) left/.exec(opening)![1];
    await screen.waitFor((text) => /⏱ (0:\d\d) left/.exec(text.split('\n').at(-1) ?? '')?.[1] !== first);

    copyFileSync(join(checkout.root, 'solutions', kata.slug, kata.file), stub);
    const passed = await screen.waitFor('Now the follow-up questions.', 60_000);
    expect(passed).toContain(`${kata.slug}  ${kata.title}: passed`);
    expect(passed).toMatch(/✓ Passed at 0:\d\d\./);

    // The questions of this seed, answered: right ones for the exact questions, "covered" for open ones.
    const questions = pickQuestions(loadQuestions(kata), 3, createRng(SEED));
    for (const [i, q] of questions.entries()) {
      const head = `Question ${i + 1} of 3`;
      await screen.waitFor((text) => after(text, head).includes('? Your answer'));
      if (q.kind === 'open') {
        screen.press('Enter');
        await screen.waitFor((text) => after(text, head).includes(`? ${TEXTS.covered}`));
        screen.press('y', 'Enter');
      } else if (q.kind === 'choice') {
        for (let d = 0; d < q.correct; d++) screen.press('Down');
        screen.press('Enter');
      } else {
        screen.press(String(q.expected), 'Enter');
      }
      if (q.kind !== 'open') expect(after(await screen.waitFor((text) => after(text, head).includes('Model answer:')), head)).toContain(TEXTS.right);
    }

    expect(await screen.exitCode()).toBe(0);
    const report = after(screen.text(), 'Interview report:');
    expect(report).toMatch(/Time used: 0:\d\d of 1:00/);
    expect(report).toMatch(/Grade attempts: 1\n\s+at 0:\d\d: passed, \d+\/\d+ checks/);
    expect(report).toContain('Mistakes the grader named: none');
    expect(report).toContain('Follow-up questions: 3 of 3 right');
    expect(report).toContain('What to review:\n    - nothing: a clean interview');
    expect(report).toContain(TEXTS.saved);

    const saved = JSON.parse(readFileSync(join(stateDir, '.progress.json'), 'utf8'));
    expect(saved.katas[kata.slug]).toMatchObject({ state: 'solved' });
    expect(saved.interviews).toEqual([
      expect.objectContaining({ slug: kata.slug, minutes: 1, passed: true, gradeAttempts: 1, mistakesNamed: [], score: 3, questions: questions.map((q) => expect.objectContaining({ id: q.id })) }),
    ]);

    const history = execFileSync(join(checkout.root, 'node_modules', '.bin', 'tsx'), ['grader/main.ts', 'interview', '--history'], {
      cwd: checkout.root,
      env: { ...process.env, [STATE_DIR_ENV]: stateDir },
      encoding: 'utf8',
    });
    expect(history).toMatch(/^when +kata +time used +result +grades +mistakes +questions\n\d{4}-\d\d-\d\d \d\d:\d\d  sigmoid-derivative +0:\d\d \/ 1:00  passed +1 +0 +3\/3\n$/);
  });
});
