/**
 * The menu's language switch, driven by a scripted Terminal: choosing it changes the language
 * at once (the list is drawn again in the other language) and saves the choice in the progress
 * file, where every later command reads it (i18n/resolve.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { fakeIo } from '../../test/fake-io.ts';
import { loadKatas } from '../core/manifest.ts';
import { language, setLanguage } from '../i18n/language.ts';
import { savedLanguage } from '../i18n/resolve.ts';
import type { MenuItem, Terminal } from '../terminal.ts';
import { menuCommand } from './menu.ts';

afterEach(() => setLanguage('en'));

/** A Terminal whose list prompts answer with the item a script picks; it records each prompt. */
function scripted(picks: ((items: readonly MenuItem<unknown>[]) => unknown)[]): Terminal & { prompts: { message: string; names: string[] }[] } {
  const prompts: { message: string; names: string[] }[] = [];
  const unexpected = (): never => {
    throw new Error('unexpected prompt');
  };
  return {
    prompts,
    async select<T>(message: string, items: readonly MenuItem<T>[]) {
      prompts.push({ message, names: items.flatMap((item) => ('name' in item ? [item.name] : [])) });
      const pick = picks.shift();
      if (!pick) throw new Error(`no answer scripted for "${message}"`);
      return pick(items as readonly MenuItem<unknown>[]) as T;
    },
    confirm: unexpected,
    input: unexpected,
    keys: unexpected,
    clear: () => undefined,
    columns: 80,
  };
}

const named = (prefix: string) => (items: readonly MenuItem<unknown>[]) => {
  const item = items.find((i) => 'name' in i && i.name.startsWith(prefix));
  if (!item || !('value' in item)) throw new Error(`no item "${prefix}…"`);
  return item.value;
};

test('the language entry switches the menu to Chinese at once, saves the choice, and switches back', async () => {
  const io = fakeIo({ interactive: true });
  const first = loadKatas()[0];
  const terminal = scripted([named('Language: English'), named('语言：简体中文'), named('Leave')]);
  expect(await menuCommand([], io, () => terminal)).toBe(0);

  const [english, chinese, back] = terminal.prompts;
  expect(english.message).toBe('Choose a kata');
  expect(english.names.some((name) => name.includes(first.titles.en))).toBe(true);
  expect(chinese.message).toBe('选择一道题');
  expect(chinese.names.some((name) => name.includes(first.titles['zh-CN']) && name.includes('未开始'))).toBe(true);
  expect(chinese.names).toContain('离开');
  expect(io.stdout()).toContain('已解决 0/');
  expect(back.message).toBe('Choose a kata');
  expect(language()).toBe('en');
  expect(savedLanguage(join(io.stateDir, '.progress.json'))).toBe('en');
});

test('the saved choice outlives the menu: the next command starts in Chinese', async () => {
  const io = fakeIo({ interactive: true });
  const terminal = scripted([named('Language: English'), named('离开')]);
  expect(await menuCommand([], io, () => terminal)).toBe(0);
  expect(io.stdout()).toContain('再见。你的进度已保存');
  const progress = JSON.parse(readFileSync(join(io.stateDir, '.progress.json'), 'utf8'));
  expect(progress.settings).toEqual({ lang: 'zh-CN' });
  setLanguage('en');

  const { main } = await import('../main.ts');
  const list = fakeIo({ stateDir: io.stateDir });
  expect(await main(['list'], list)).toBe(0);
  expect(list.stdout()).toContain('命令（<kata> 是上面的题名');
});
