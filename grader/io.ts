/** The terminal, as commands see it: passed in, so tests can capture what a command prints. */
import { styleFor, type Style } from './core/style.ts';

export interface Io {
  /** Print a line (or several) to standard output. */
  out(text: string): void;
  /** Print a line to standard error. */
  err(text: string): void;
  style: Style;
  /** True when a person is at an interactive terminal (menus and prompts are possible). */
  interactive: boolean;
  env: NodeJS.ProcessEnv;
  /**
   * Show a transient status line (e.g. training progress during a grade), replaced by the next
   * one; `''` clears it. Only drawn on an interactive terminal; elsewhere it does nothing.
   */
  status?(line: string): void;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    style: styleFor(process.stdout),
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    env: process.env,
    status: (line) => {
      if (!process.stdout.isTTY) return;
      const width = process.stdout.columns ?? 100;
      process.stdout.write(`\r\u001b[2K${line.length >= width ? `${line.slice(0, width - 2)}…` : line}`);
    },
  };
}
