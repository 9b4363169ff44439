/**
 * The learner's language. Every learner-facing text of the course exists in English and
 * Simplified Chinese; this module holds which one this process speaks and the three ways a
 * text is written in both: a `Text` value (`{ en, 'zh-CN' }`, in JSON and data), `say(en, zh)`
 * (a sentence built in code, in the specs and the harness), and a message catalogue
 * (`defineMessages`, for the program's own output; messages.ts).
 *
 * The language is chosen once per process, before anything is printed: `--lang`, else the saved
 * setting, else the locale, else English (resolve.ts). A grading child is told it in its job.
 */

export const LANGS = ['en', 'zh-CN'] as const;
export type Lang = (typeof LANGS)[number];

/** A learner-facing text in every language of the course. */
export type Text = Readonly<Record<Lang, string>>;

let current: Lang = 'en';

export function setLanguage(lang: Lang): void {
  current = lang;
}

/** The language this process speaks. */
export function language(): Lang {
  return current;
}

/** A text in the current language. */
export function localize(text: Text): string {
  return text[current];
}

/**
 * One sentence in both languages, built where its values are: `say(`dx is ${a}`, `dx 是 ${a}`)`.
 * The course lint (test/languages.test.ts) checks that both give the same placeholders and that
 * the Chinese one is Chinese.
 */
export function say(en: string, zh: string): string {
  return current === 'zh-CN' ? zh : en;
}

/** `--lang` values and locale names, read generously: en, en_US, zh, zh-CN, zh_CN.UTF-8, zh-Hans… */
export function parseLanguage(value: string | undefined): Lang | undefined {
  const v = (value ?? '').trim().toLowerCase();
  if (/^zh([-_.@]|$)/.test(v)) return 'zh-CN';
  if (/^en([-_.@]|$)/.test(v)) return 'en';
  return undefined;
}

/** The language the locale asks for (LC_ALL overrides LANG, as in POSIX), or undefined. */
export function languageFromEnvironment(env: NodeJS.ProcessEnv = process.env): Lang | undefined {
  const locale = env.LC_ALL || env.LANG;
  if (!locale) return undefined;
  return parseLanguage(locale) ?? (/^zh/i.test(locale) ? 'zh-CN' : undefined);
}
