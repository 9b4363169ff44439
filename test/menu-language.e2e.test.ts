/**
 * The menu's language switch, in a real pseudo-terminal (tmux): choose "Language" in the list,
 * the menu is drawn again in Chinese at once, and the next `npm start` opens in Chinese from
 * the saved setting. Runs in a scratch copy of the course, like test/menu.e2e.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, test } from 'vitest';
import { loadKatas } from '../grader/core/manifest.ts';
import { openLearnerCommand, scratchCheckout } from './scratch-checkout.ts';
import { after, type Screen } from './tmux.ts';

const katas = loadKatas();
const checkout = scratchCheckout();
afterAll(() => checkout.remove());
let screen: Screen | undefined;
afterEach(() => {
  screen?.close();
  screen = undefined;
});

test('Language switches the menu to Chinese at once, and the next npm start opens in Chinese', async () => {
  const opened = openLearnerCommand(checkout, 'npm start --silent');
  screen = opened.screen;
  await screen.waitFor((text) => after(text, '? Choose a kata').includes('esc leave'));
  // From the first kata down past the last one (the separator is skipped) to the language entry.
  screen.press(...Array.from({ length: katas.length }, () => 'Down'));
  await screen.waitFor('❯ Language: English');
  screen.press('Enter');
  const chinese = await screen.waitFor((text) => after(text, '? 选择一道题').includes('esc 离开'));
  const list = after(chinese, '? 选择一道题');
  expect(list).toMatch(new RegExp(`○ +1\\. ${katas[0].titles['zh-CN']}`));
  expect(list).toMatch(/简单 +\d+ 分钟 +未开始/);
  expect(list).toContain('❯ 语言：简体中文 · Switch to English');
  expect(list).toContain('↑↓ 移动');
  screen.press('Escape');
  expect(await screen.exitCode()).toBe(0);
  expect(screen.text()).toContain('再见。你的进度已保存');

  const saved = readFileSync(join(opened.stateDir, '.progress.json'), 'utf8');
  expect(JSON.parse(saved).settings).toEqual({ lang: 'zh-CN' });
  screen.close();
  screen = openLearnerCommand(checkout, 'npm start --silent', saved).screen;
  await screen.waitFor((text) => after(text, '? 选择一道题').includes('esc 离开'));
  screen.press('Escape');
  expect(await screen.exitCode()).toBe(0);
});
