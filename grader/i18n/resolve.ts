/**
 * Which language a command speaks: `--lang en|zh-CN`, else the saved setting (the menu's
 * switch writes it into the progress file), else the locale (LC_ALL, then LANG, starting with
 * `zh`), else English. Decided once, before the command prints anything.
 */
import { readFileSync } from 'node:fs';
import { languageFromEnvironment, LANGS, parseLanguage, type Lang } from './language.ts';

export interface LanguageChoice {
  lang: Lang;
  /** The command's arguments with `--lang` taken out. */
  argv: string[];
}

/** The saved setting, read without side effects: a progress file that cannot be read has none. */
export function savedLanguage(progressFile: string): Lang | undefined {
  try {
    const settings = (JSON.parse(readFileSync(progressFile, 'utf8')) as { settings?: { lang?: unknown } }).settings;
    return typeof settings?.lang === 'string' ? parseLanguage(settings.lang) : undefined;
  } catch {
    return undefined;
  }
}

/** Thrown for `--lang` without a language or with one the course does not have. */
export class LanguageOptionError extends Error {
  override name = 'LanguageOptionError';
  constructor(given: string | undefined) {
    // i18n-exempt: printed before the language is decided, so it says both
    super(
      given === undefined
        ? `--lang needs a language: ${LANGS.join(' or ')}. / --lang 需要指定语言：${LANGS.join(' 或 ')}。`
        : `Unknown language "${given}": use ${LANGS.join(' or ')}. / 不支持的语言 "${given}"：请用 ${LANGS.join(' 或 ')}。`,
    );
  }
}

/**
 * Takes `--lang X` or `--lang=X` out of the options (the words before a lone `--`) and decides
 * the language. Throws LanguageOptionError for a bad value.
 */
export function chooseLanguage(argv: readonly string[], env: NodeJS.ProcessEnv, saved: () => Lang | undefined): LanguageChoice {
  const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
  const rest: string[] = [];
  let asked: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (i < end && (word === '--lang' || word.startsWith('--lang='))) {
      const value = word === '--lang' ? (i + 1 < end ? argv[++i] : undefined) : word.slice('--lang='.length);
      asked = parseLanguage(value);
      if (!asked) throw new LanguageOptionError(value);
      continue;
    }
    rest.push(word);
  }
  return { lang: asked ?? saved() ?? languageFromEnvironment(env) ?? 'en', argv: rest };
}
