/**
 * Drives a real program in a real pseudo-terminal (tmux), for end-to-end tests of the menu:
 * keys go in with `send-keys`, the screen comes out with `capture-pane`. Every session runs
 * on its own tmux server (a private socket), which `close()` stops.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const hasTmux = spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;

/** Printed by the shell when the program exits, so a test can wait for the exit code. */
const EXIT_MARK = '[exited with';

export interface Screen {
  /** Press keys, in tmux's names: 'Enter', 'Down', 'Escape', 'C-c', or literal text. */
  press(...keys: string[]): void;
  /** The whole screen and scrollback as text, lines trimmed. */
  text(): string;
  /**
   * Wait until the screen shows `what`: a text, a pattern, or a test of the whole screen's
   * text (e.g. "the prompt is back after the scorecard"). Resolves with that text.
   */
  waitFor(what: string | RegExp | ((text: string) => boolean), timeoutMs?: number): Promise<string>;
  /** The program's exit code, once it has exited. */
  exitCode(timeoutMs?: number): Promise<number>;
  close(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The screen's text after the last occurrence of `marker` ('' if it is not there). */
export function after(text: string, marker: string): string {
  const at = text.lastIndexOf(marker);
  return at === -1 ? '' : text.slice(at + marker.length);
}

/** Start `command` (run by sh in `cwd`) in a terminal of `columns`×`rows`. */
export function openScreen(command: string, options: { cwd: string; env?: Record<string, string>; columns?: number; rows?: number }): Screen {
  const socket = join(mkdtempSync(join(tmpdir(), 'kata-tmux-')), 'socket');
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-S', socket, ...args], { encoding: 'utf8' });
  const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}='${v.replace(/'/g, `'\\''`)}'`).join(' ');
  // Keep the pane open after the program ends, showing its exit code. The shell survives a
  // Ctrl-C meant for the program (`trap :` is a handler, so the program still gets SIGINT).
  const script = `trap : INT; cd '${options.cwd}' && env ${env} ${command}; echo "${EXIT_MARK} $?]"; sleep 600`;
  tmux('new-session', '-d', '-s', 'e2e', '-x', String(options.columns ?? 100), '-y', String(options.rows ?? 40), 'sh', '-c', script);
  tmux('set-option', '-t', 'e2e', 'history-limit', '5000');

  const text = (): string =>
    tmux('capture-pane', '-p', '-J', '-t', 'e2e', '-S', '-5000')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .trimEnd();

  const screen: Screen = {
    press(...keys) {
      for (const key of keys) tmux('send-keys', '-t', 'e2e', key);
    },
    text,
    async waitFor(what, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const now = text();
        const shown = typeof what === 'string' ? now.includes(what) : what instanceof RegExp ? what.test(now) : what(now);
        if (shown) {
          // Give the prompt that has just drawn itself a moment to start listening for keys.
          await sleep(150);
          return now;
        }
        if (Date.now() > deadline) throw new Error(`The screen never showed ${String(what)}. It shows:\n${now}`);
        await sleep(100);
      }
    },
    async exitCode(timeoutMs = 30_000) {
      const shown = await screen.waitFor(EXIT_MARK, timeoutMs);
      return Number(/\[exited with (\d+)\]/.exec(shown)?.[1]);
    },
    close() {
      spawnSync('tmux', ['-S', socket, 'kill-server'], { stdio: 'ignore' });
      rmSync(dirname(socket), { recursive: true, force: true });
    },
  };
  return screen;
}
