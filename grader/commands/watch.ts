/**
 * `npm run watch [-- <kata>]`: grades the kata every time its file is saved, on a cleared
 * screen; once it passes, says so and offers the next unsolved kata. With no kata: the first
 * unsolved one. Keys (in a terminal): h next hint, g grade again, n next kata after a pass,
 * q / Esc / Ctrl-C leave.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { gradeKata } from '../core/grade.ts';
import { createGradingPool, type GradingPool } from '../core/grading-child.ts';
import { createTypeChecker, type TypeChecker } from '../core/typecheck.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import { nextUnsolved } from '../core/progress.ts';
import { createRerunner } from '../core/rerun.ts';
import { renderReport } from '../core/scorecard.ts';
import type { Io } from '../io.ts';
import { cli } from '../messages/cli.ts';
import { processTerminal, type Terminal } from '../terminal.ts';
import { showNextHint } from './hint.ts';
import { nextStepAfterPass, pickKata, readProgress, recordReport, relativeStub } from './learner.ts';

/** How long the file must stay quiet after a save before grading starts. */
const QUIET_MS = 150;

export type WatchEnd = { kind: 'quit' } | { kind: 'next'; kata: Kata };

/**
 * Watch one kata until the learner leaves (or, with a terminal, picks the next kata).
 * `terminal` is undefined without one: then only Ctrl-C (SIGINT) stops it.
 */
/** What keeps grading fast across saves: a booted grading process and a warm type checker. */
export interface WarmGrading {
  pool: GradingPool;
  typeChecker: TypeChecker;
}

export function warmGrading(): WarmGrading & { close(): void } {
  const pool = createGradingPool();
  const typeChecker = createTypeChecker();
  return { pool, typeChecker, close: () => (pool.close(), typeChecker.close()) };
}

export function watchKata(kata: Kata, katas: readonly Kata[], io: Io, terminal: Terminal | undefined, warm?: WarmGrading): Promise<WatchEnd> {
  const s = io.style;
  const stub = relativeStub(kata);
  let next: Kata | undefined;
  let stopped = false;

  const keysLine = (): string =>
    s.dim(
      terminal
        ? [next ? cli.keyNext(next.slug) : '', cli.keyHint, cli.keyGrade, cli.keyLeave].filter(Boolean).join(' · ')
        : cli.ctrlCToStop,
    );

  const grade = async (): Promise<void> => {
    io.out(s.dim(cli.gradingSlug(kata.slug)));
    const report = await gradeKata(kata, { kind: 'learner' }, { onStatus: (line) => io.status?.(line), ...warm });
    io.status?.('');
    if (stopped) return;
    const progress = recordReport(io, report, { kind: 'learner' }) ?? readProgress(io);
    if (terminal) terminal.clear();
    else io.out(s.dim('─'.repeat(60)));
    io.out(`${s.bold(cli.watching)} ${stub} ${s.dim(cli.watchingAside(new Date().toLocaleTimeString()))}\n`);
    io.out(renderReport(report, s));
    next = undefined;
    if (report.status === 'passed') {
      next = nextUnsolved(katas, progress, kata.slug);
      io.out(`\n${nextStepAfterPass(katas, progress, kata, io, terminal ? 'menu' : 'watch')}`);
    }
    io.out(`\n${keysLine()}`);
  };

  return new Promise<WatchEnd>((resolve) => {
    const rerunner = createRerunner(grade, QUIET_MS);
    let watcher: FSWatcher | undefined;
    let stopKeys: (() => void) | undefined;
    const onSigint = (): void => finish({ kind: 'quit' });

    function finish(end: WatchEnd): void {
      if (stopped) return;
      stopped = true;
      rerunner.stop();
      watcher?.close();
      stopKeys?.();
      process.off('SIGINT', onSigint);
      resolve(end);
    }

    // Watch the folder, not the file: editors that save by writing a new file and renaming it
    // over the old one would leave a watch on the file itself looking at a deleted inode.
    const name = basename(kata.stubPath);
    watcher = watch(dirname(kata.stubPath), (_event, filename) => {
      if (filename === name) rerunner.changed();
    });
    if (terminal) {
      stopKeys = terminal.keys((key) => {
        if (key === 'q' || key === 'escape' || key === 'ctrl-c') finish({ kind: 'quit' });
        else if (key === 'n' && next) finish({ kind: 'next', kata: next });
        else if (key === 'g') rerunner.runNow();
        else if (key === 'h') {
          io.out('');
          showNextHint(kata, io, terminal.columns);
          io.out(`\n${keysLine()}`);
        }
      });
    } else process.on('SIGINT', onSigint);
    rerunner.runNow();
  });
}

export async function watchCommand(argv: string[], io: Io, terminal: () => Terminal = processTerminal): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const katas = loadKatas();
  let kata = pickKata(katas, positionals, io, 'watch', true);
  if (!kata) return 2;
  const term = io.interactive ? terminal() : undefined;
  const warm = warmGrading();
  try {
    for (;;) {
      const end = await watchKata(kata, katas, io, term, warm);
      if (end.kind === 'quit') return 0;
      kata = end.kata;
    }
  } finally {
    warm.close();
  }
}
