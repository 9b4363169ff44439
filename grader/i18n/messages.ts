/**
 * Message catalogues: everything the program itself prints, in both languages, typed.
 *
 * A catalogue is one object per language with the same keys; a message is a string or a
 * function of its values (strings and numbers) returning one:
 *
 *     export const m = defineMessages('grade', {
 *       en: { passed: 'passed', checksRan: (ran: number, of: number) => `${ran} of ${of} checks ran` },
 *       'zh-CN': { passed: '通过', checksRan: (ran, of) => `共 ${of} 项检查，运行了 ${ran} 项` },
 *     });
 *     m.checksRan(3, 5)   // in the current language
 *
 * The compiler holds the Chinese side to the English side's keys and parameter types; the
 * course lint (test/languages.test.ts) checks that both use every placeholder and that the
 * Chinese side is Chinese. Why not i18next: its keys and parameters are strings checked at run
 * time, it costs start-up time the grader does not have, and Chinese needs no plural rules.
 * Catalogues live in grader/messages/, one file per area, so the lint finds every one.
 */
import { language, type Lang } from './language.ts';

/** A message: a string, or a function of its values (strings and numbers only, so the lint can probe every placeholder). */
export type Message = string | ((...values: never[]) => string);
export type Messages = Record<string, Message>;

export interface Catalogue<M extends Messages> {
  readonly en: M;
  // A string message is any string in Chinese (\`const M\` infers the English one as a literal type).
  readonly 'zh-CN': NoInfer<{ readonly [K in keyof M]: M[K] extends string ? string : M[K] }>;
}

const registry = new Map<string, Catalogue<Messages>>();

/** Every catalogue defined so far, by name (for the lint). */
export function registeredCatalogues(): ReadonlyMap<string, Catalogue<Messages>> {
  return registry;
}

/** The catalogue's messages, each read in the current language when used. */
export function defineMessages<const M extends Messages>(name: string, catalogue: Catalogue<M>): M {
  if (registry.has(name) && registry.get(name) !== catalogue) throw new Error(`two message catalogues are called "${name}"`);
  registry.set(name, catalogue as unknown as Catalogue<Messages>);
  const view = {} as M;
  for (const key of Object.keys(catalogue.en)) {
    Object.defineProperty(view, key, {
      enumerable: true,
      get: () => (catalogue as unknown as Record<Lang, Messages>)[language()][key],
    });
  }
  return view;
}

/** English plurals: `${n} ${plural(n, 'check', 'checks')}` (Chinese needs none). */
export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

