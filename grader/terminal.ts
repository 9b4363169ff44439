/**
 * The interactive terminal, as commands see it: menus, yes/no questions and single keys.
 * Every prompt goes through this one seam (inquirer underneath), so commands can be tested
 * with a scripted Terminal, and Escape and Ctrl-C mean the same thing everywhere:
 * Escape goes back (a prompt answers `undefined`), Ctrl-C leaves (`Interrupted` is thrown).
 */
import { emitKeypressEvents } from 'node:readline';
import { styleText } from 'node:util';
import inquirer from 'inquirer';
import { styledWords, wrapWords } from './core/markdown.ts';
import { plain } from './core/style.ts';
import { menu } from './messages/menu.ts';

/** The learner pressed Ctrl-C: leave whatever is running, cleanly. */
export class Interrupted extends Error {
  override name = 'Interrupted';
  constructor() {
    super('interrupted');
  }
}

export interface Choice<T> {
  name: string;
  value: T;
  /** Shown under the list while this choice is highlighted. */
  description?: string;
}

export type MenuItem<T> = Choice<T> | { separator: string };

export interface Terminal {
  /** The chosen value, or undefined when the learner pressed Escape. */
  select<T>(message: string, items: readonly MenuItem<T>[], options?: { default?: T; escape?: string }): Promise<T | undefined>;
  /** Yes or no; undefined when the learner pressed Escape. */
  confirm(message: string, defaultValue: boolean): Promise<boolean | undefined>;
  /** A line of text the learner types ('' when they just press Enter); undefined on Escape. */
  input(message: string): Promise<string | undefined>;
  /**
   * Calls `onKey` with each key pressed (`h`, `q`, `escape`, `ctrl-c`, …) until the returned
   * function is called. For modes that wait for something else too, like watch.
   */
  keys(onKey: (key: string) => void): () => void;
  clear(): void;
  /** Width in columns, for wrapping text. */
  columns: number;
}

/** inquirer's words in its key help, in the learner's language. */
const keyWord = (action: string): string => (action === 'navigate' ? menu.keyNavigate : action === 'select' ? menu.keySelect : action);

const isNamed = (error: unknown, name: string): boolean => error instanceof Error && error.name === name;

/** A key as one word: 'a', 'escape', 'ctrl-c', 'return'. */
function keyName(sequence: string | undefined, key: { name?: string; ctrl?: boolean } | undefined): string {
  if (key?.ctrl && key.name) return `ctrl-${key.name}`;
  return key?.name ?? sequence ?? '';
}

type Stdin = NodeJS.ReadStream;

/** Descriptions shown under a menu, wrapped at word boundaries (the terminal would cut words). */
const wrapDescription = (text: string, columns: number): string => wrapWords(styledWords(text, plain), columns - 1, '').join('\n');

export function processTerminal(input: Stdin = process.stdin, output: NodeJS.WriteStream = process.stdout): Terminal {
  /** Run one inquirer prompt that Escape aborts. */
  async function ask<T>(question: Record<string, unknown>, escapeLabel: string): Promise<T | undefined> {
    const controller = new AbortController();
    const onKeypress = (_: string, key: { name?: string } | undefined): void => {
      if (key?.name === 'escape') controller.abort();
    };
    input.on('keypress', onKeypress);
    const prompt = inquirer.createPromptModule({ input, output, signal: controller.signal });
    const theme = {
      style: {
        // inquirer's own look, with Escape added.
        keysHelpTip: (keys: [string, string][]) =>
          [...keys.map(([k, action]): [string, string] => [k, keyWord(action)]), ['esc', escapeLabel]].map(([k, action]) => `${styleText('bold', k)} ${styleText('dim', action)}`).join(styleText('dim', ' • ')),
      },
    };
    try {
      const answers = (await prompt([{ ...question, name: 'answer', theme } as never])) as { answer: T };
      return answers.answer;
    } catch (error) {
      if (isNamed(error, 'AbortPromptError')) return undefined;
      if (isNamed(error, 'ExitPromptError')) throw new Interrupted();
      throw error;
    } finally {
      input.off('keypress', onKeypress);
    }
  }

  return {
    select<T>(message: string, items: readonly MenuItem<T>[], options: { default?: T; escape?: string } = {}) {
      const choices = items.map((item) =>
        'separator' in item
          ? new inquirer.Separator(item.separator)
          : { name: item.name, value: item.value, description: item.description && wrapDescription(item.description, this.columns) },
      );
      const rows = output.rows ?? 24;
      return ask<T>(
        { type: 'select', message, choices, default: options.default, loop: false, pageSize: Math.max(5, Math.min(items.length, rows - 6)) },
        options.escape ?? menu.escBack,
      );
    },
    confirm(message: string, defaultValue: boolean) {
      return ask<boolean>({ type: 'confirm', message, default: defaultValue }, menu.escCancel);
    },
    input(message: string) {
      return ask<string>({ type: 'input', message }, menu.escSkip);
    },
    keys(onKey) {
      emitKeypressEvents(input);
      const wasRaw = input.isRaw;
      if (input.isTTY) input.setRawMode(true);
      const listener = (sequence: string | undefined, key: { name?: string; ctrl?: boolean } | undefined): void =>
        onKey(keyName(sequence, key));
      input.on('keypress', listener);
      input.resume();
      return () => {
        input.off('keypress', listener);
        if (input.isTTY) input.setRawMode(wasRaw);
        input.pause();
      };
    },
    clear() {
      output.write('\u001b[2J\u001b[H');
    },
    get columns() {
      return Math.min(output.columns ?? 80, 100);
    },
  };
}
