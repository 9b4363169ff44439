import { describe, expect, test } from 'vitest';
import { languageFromEnvironment, parseLanguage } from './language.ts';
import { chooseLanguage, LanguageOptionError } from './resolve.ts';

describe('choosing the language', () => {
  const none = () => undefined;

  test('--lang wins over the saved setting and the locale, and is taken out of the arguments', () => {
    expect(chooseLanguage(['dense', '--lang', 'zh-CN', '--json'], { LANG: 'en_US.UTF-8' }, () => 'en')).toEqual({
      lang: 'zh-CN',
      argv: ['dense', '--json'],
    });
    expect(chooseLanguage(['--lang=en'], { LANG: 'zh_CN.UTF-8' }, () => 'zh-CN')).toEqual({ lang: 'en', argv: [] });
  });

  test('the saved setting wins over the locale; the locale over English', () => {
    expect(chooseLanguage([], { LANG: 'zh_CN.UTF-8' }, () => 'en').lang).toBe('en');
    expect(chooseLanguage([], { LANG: 'zh_CN.UTF-8' }, none).lang).toBe('zh-CN');
    expect(chooseLanguage([], { LC_ALL: 'zh_TW.UTF-8', LANG: 'en_US' }, none).lang).toBe('zh-CN');
    expect(chooseLanguage([], { LC_ALL: 'C', LANG: 'zh_CN' }, none).lang).toBe('en');
    expect(chooseLanguage([], {}, none).lang).toBe('en');
  });

  test('words after a lone -- are arguments, never the language', () => {
    expect(chooseLanguage(['--', '--lang', 'zh-CN'], {}, none)).toEqual({ lang: 'en', argv: ['--', '--lang', 'zh-CN'] });
  });

  test('a missing or unknown language is an error that names the two languages, in both', () => {
    expect(() => chooseLanguage(['--lang'], {}, none)).toThrow(LanguageOptionError);
    expect(() => chooseLanguage(['--lang', 'fr'], {}, none)).toThrow(/"fr".*en or zh-CN.*不支持的语言/);
  });

  test('locale names are read generously', () => {
    for (const name of ['zh', 'zh-CN', 'zh_CN.UTF-8', 'zh-Hans', 'ZH_cn']) expect(parseLanguage(name)).toBe('zh-CN');
    for (const name of ['en', 'en_GB.UTF-8', 'EN']) expect(parseLanguage(name)).toBe('en');
    expect(parseLanguage('fr_FR')).toBeUndefined();
    expect(languageFromEnvironment({ LANG: 'de_DE.UTF-8' })).toBeUndefined();
  });
});
