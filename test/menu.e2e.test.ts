/**
 * The menu, driven like a person would: `npm start` in a real pseudo-terminal (tmux), keys in,
 * screen out. Open the menu, choose a kata, grade it, ask for a hint, leave with Escape; and
 * leave with Ctrl-C. It runs in a scratch copy of the course, so the learner's own files and
 * progress are never read or changed, whatever state their checkout is in.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { loadKatas } from '../grader/core/manifest.ts';
import { openLearnerCommand, scratchCheckout } from './scratch-checkout.ts';
import { after, type Screen } from './tmux.ts';

const first = loadKatas()[0];
const checkout = scratchCheckout();
afterAll(() => checkout.remove());
let screen: Screen | undefined;

/** The screen once a prompt has drawn itself completely (its key help is the last line). */
const prompt = (question: string, help: string) => (text: string) => after(text, `? ${question}`).includes(help);
const listShown = prompt('Choose a kata', 'esc leave');

afterEach(() => {
  screen?.close();
  screen = undefined;
});

function start(): { screen: Screen; stateDir: string } {
  const opened = openLearnerCommand(checkout, 'npm start --silent');
  screen = opened.screen;
  return opened;
}

describe('npm start in a terminal', () => {
  test('choose a kata, grade it, get a hint, leave with Escape', async () => {
    const { screen, stateDir } = start();

    const list = await screen.waitFor(listShown);
    expect(list).toContain(`0 of ${loadKatas().length} katas solved`);
    expect(list).toMatch(new RegExp(`❯ ○ +1\\. ${first.title} +${first.difficulty} +${first.minutes} min  new`));
    expect(list).toContain('esc leave');

    screen.press('Enter');
    const page = await screen.waitFor(prompt(`${first.title}: what now?`, 'esc back'));
    expect(page).toContain(`Your file: katas/${first.slug}/${first.file}`);
    expect(page).toContain('❯ Grade my file');
    expect(page).toContain('Mock interview on this kata');

    screen.press('Enter');
    const graded = await screen.waitFor((text) => after(text, 'Grading').includes('esc back'), 60_000);
    expect(after(graded, 'Grading')).toContain(`${first.slug}  ${first.title}: not started`);

    // grade → watch → mock interview → bug hunt → hint
    screen.press('Down', 'Down', 'Down', 'Down', 'Enter');
    const hinted = await screen.waitFor((text) => after(text, 'Hint 1 of 3').includes('esc back'));
    expect(after(hinted, '✔')).toContain('Next hint (1 of 3 seen)');

    screen.press('Escape');
    const back = await screen.waitFor((text) => after(text, 'Hint 1 of 3').includes('esc leave'));
    expect(after(back, '? Choose a kata')).toMatch(/new · 1 hint seen/);
    screen.press('Escape');
    expect(await screen.exitCode()).toBe(0);
    expect(screen.text()).toContain('Bye. Your progress is saved');

    const progress = JSON.parse(readFileSync(join(stateDir, '.progress.json'), 'utf8'));
    expect(progress.katas[first.slug]).toMatchObject({ state: 'new', hintsShown: 1, last: { status: 'not-started' } });
  });

  test('a mock interview from a kata\'s page; Ctrl-C ends it and comes back to the page', async () => {
    const { screen, stateDir } = start();
    await screen.waitFor(listShown);
    screen.press('Enter');
    await screen.waitFor(prompt(`${first.title}: what now?`, 'esc back'));
    screen.press('Down', 'Down', 'Enter');
    const opening = await screen.waitFor(new RegExp(`⏱ \\d+:\\d\\d left · ${first.slug} · 0 grades`));
    expect(opening).toContain(`Mock interview: ${first.title} (${first.slug}), ${first.minutes}:00 on the clock`);
    screen.press('C-c');
    const back = await screen.waitFor((text) => after(text, 'Interview left').includes('esc back'));
    expect(after(back, 'Interview left')).toContain(`? ${first.title}: what now?`);
    screen.press('Escape');
    await screen.waitFor((text) => after(text, 'Interview left').includes('esc leave'));
    screen.press('Escape');
    expect(await screen.exitCode()).toBe(0);
    expect(existsSync(join(stateDir, '.progress.json'))).toBe(false);
  });

  test('a bug hunt from a kata\'s page, beside the mock interview; Ctrl-C ends it and comes back to the page', async () => {
    const { screen, stateDir } = start();
    await screen.waitFor(listShown);
    screen.press('Enter');
    const page = await screen.waitFor(prompt(`${first.title}: what now?`, 'esc back'));
    expect(after(page, 'Mock interview on this kata')).toContain('Bug hunt in this kata');
    screen.press('Down', 'Down', 'Down', 'Enter');
    const opening = await screen.waitFor(new RegExp(`🔎 \\d+:\\d\\d · ${first.slug} hunt · 0 grades`));
    expect(opening).toContain(`Bug hunt: ${first.title} (${first.slug})`);
    expect(existsSync(join(checkout.root, 'katas', first.slug, 'hunt.ts'))).toBe(true);
    screen.press('C-c');
    const back = await screen.waitFor((text) => after(text, 'Hunt left').includes('esc back'));
    expect(after(back, 'Hunt left')).toContain(`? ${first.title}: what now?`);
    screen.press('Escape');
    await screen.waitFor((text) => after(text, 'Hunt left').includes('esc leave'));
    screen.press('Escape');
    expect(await screen.exitCode()).toBe(0);
    expect(existsSync(join(stateDir, '.progress.json'))).toBe(false);
  });

  test('Ctrl-C leaves cleanly: from the list, from a kata\'s page, while grading', async () => {
    /** A fresh menu, at the list, or on the first kata's page. */
    const openAt = async (where: 'list' | 'page'): Promise<Screen> => {
      screen?.close();
      const { screen: opened } = start();
      await opened.waitFor(listShown);
      if (where === 'page') {
        opened.press('Enter');
        await opened.waitFor((text) => after(text, 'what now?').includes('esc back'));
      }
      return opened;
    };

    let at = await openAt('list');
    at.press('C-c');
    expect(await at.exitCode()).toBe(0);
    expect(at.text()).not.toMatch(/Error|at .*\.ts:\d+/);

    at = await openAt('page');
    at.press('C-c');
    expect(await at.exitCode()).toBe(0);
    expect(at.text()).toContain('Bye.');

    // While grading there is no prompt: Ctrl-C is a signal, and stops the grading too.
    at = await openAt('page');
    at.press('Enter');
    await at.waitFor('Grading');
    at.press('C-c');
    expect(await at.exitCode()).toBe(130);
    expect(after(at.text(), 'Grading')).toContain('Left. Your progress is saved');
  });
});
