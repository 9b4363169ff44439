/**
 * Grading on every save, for the timed modes (the mock interview and the bug hunt): the file
 * is graded when it is saved and on `g`, a status line is redrawn every second below what is
 * printed, and the loop ends when the mode says so or the learner presses Ctrl-C.
 */
import { watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import { createRerunner } from '../core/rerun.ts';
import type { Io } from '../io.ts';
import type { Terminal } from '../terminal.ts';

/** How long the file must stay quiet after a save before grading starts. */
const QUIET_MS = 150;

export interface SaveLoop<R> {
  /** Print above the status line, which is drawn again below. */
  say(text: string): void;
  /** Redraw the status line now. */
  draw(): void;
  /** End the loop with this result (the first call wins). */
  finish(result: R): void;
  /** True once the loop has ended: a grade still running should not print. */
  done(): boolean;
}

export interface SaveLoopOptions<R> {
  io: Io;
  term: Terminal;
  /** The file whose saves start a grade. */
  file: string;
  /** The status line; `grading` is true while a grade runs. */
  status(grading: boolean): string;
  /** One grade, after a save or `g`. */
  grade(loop: SaveLoop<R>): Promise<void>;
  /** The mode's own keys (`g` and Ctrl-C are the loop's). */
  onKey(key: string, loop: SaveLoop<R>): void;
  /** Called every second (after which the status line is redrawn, unless the loop ended). */
  onTick?(loop: SaveLoop<R>): void;
  /** The result when the learner presses Ctrl-C. */
  left: R;
}

export function saveLoop<R>(options: SaveLoopOptions<R>): Promise<R> {
  const { io, term } = options;
  let grading = false;
  let ended = false;
  return new Promise<R>((resolve) => {
    const loop: SaveLoop<R> = {
      say(text) {
        io.status?.('');
        io.out(text);
        loop.draw();
      },
      draw() {
        if (!ended) io.status?.(io.style.cyan(options.status(grading)));
      },
      finish(result) {
        if (ended) return;
        ended = true;
        rerunner.stop();
        watcher.close();
        stopKeys();
        clearInterval(ticker);
        process.off('SIGINT', onSigint);
        io.status?.('');
        resolve(result);
      },
      done: () => ended,
    };
    const onSigint = (): void => loop.finish(options.left);
    const rerunner = createRerunner(async () => {
      if (ended) return;
      grading = true;
      try {
        await options.grade(loop);
      } finally {
        grading = false;
      }
    }, QUIET_MS);
    // The folder, not the file: editors that save by renaming a new file over the old one
    // would leave a watch on the file itself looking at a deleted inode.
    const name = basename(options.file);
    const watcher = watch(dirname(options.file), (_event, filename) => {
      if (filename === name) rerunner.changed();
    });
    const stopKeys = term.keys((key) => {
      if (key === 'ctrl-c') loop.finish(options.left);
      else if (key === 'g') rerunner.runNow();
      else options.onKey(key, loop);
    });
    process.on('SIGINT', onSigint);
    const ticker = setInterval(() => {
      options.onTick?.(loop);
      loop.draw();
    }, 1000);
    loop.draw();
  });
}
