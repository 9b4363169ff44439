/**
 * `npm run compare -- <kata> [--yes]`: the learner's file against the reference solution, as a
 * coloured line diff with context. The reference of a kata not yet solved is a spoiler: it is
 * shown only after a yes (or with --yes); without a terminal to ask in, --yes is required.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { renderDiff } from '../core/diff-view.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import { displayPath } from '../core/paths.ts';
import { kataState } from '../core/progress.ts';
import type { Io } from '../io.ts';
import { processTerminal, type Terminal } from '../terminal.ts';
import { pickKata, readProgress, relativeStub } from './learner.ts';

const relativeSolution = (kata: Kata): string => displayPath(kata.solutionPath);

/** Print the diff from the learner's file to the reference. False when there is no file to compare. */
export function showComparison(kata: Kata, io: Io): boolean {
  const s = io.style;
  if (!existsSync(kata.stubPath)) {
    io.err(`There is no file at ${relativeStub(kata)} to compare. Restore the stub with npm run reset -- ${kata.slug}`);
    return false;
  }
  const view = renderDiff(
    readFileSync(kata.stubPath, 'utf8'),
    readFileSync(kata.solutionPath, 'utf8'),
    { ours: `${relativeStub(kata)} (yours)`, theirs: `${relativeSolution(kata)} (reference)` },
    s,
  );
  if (view.text === '') {
    io.out(s.green(`Your ${relativeStub(kata)} is the same as the reference, line for line.`));
    return true;
  }
  io.out(view.text);
  io.out(
    '\n' +
      s.dim(
        `${s.red(`${view.removed} ${view.removed === 1 ? 'line' : 'lines'} only in yours (-)`)}, ` +
          `${s.green(`${view.added} only in the reference (+)`)}. ` +
          'Different code can be just as right: the grader decides, not the diff.',
      ),
  );
  return true;
}

/** True when the learner may see the reference: solved, --yes, or a yes at the terminal. */
export async function mayShowReference(kata: Kata, io: Io, yes: boolean, terminal: () => Terminal): Promise<boolean> {
  if (yes || kataState(readProgress(io), kata.slug) === 'solved') return true;
  if (!io.interactive) {
    io.err(
      `You have not solved ${kata.slug} yet, and its reference solution gives it away.\n` +
        `To see it anyway: npm run compare -- ${kata.slug} --yes`,
    );
    return false;
  }
  const answer = await terminal().confirm(
    `${kata.slug} is not solved yet, and the reference gives it away. Show it anyway?`,
    false,
  );
  if (answer !== true) io.out(io.style.dim(`Not shown. A hint gives away less: npm run hint -- ${kata.slug}`));
  return answer === true;
}

export async function compareCommand(argv: string[], io: Io, terminal: () => Terminal = processTerminal): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { yes: { type: 'boolean', short: 'y', default: false } },
  });
  const kata = pickKata(loadKatas(), positionals, io, 'compare', false);
  if (!kata) return 2;
  if (!(await mayShowReference(kata, io, values.yes, terminal))) return io.interactive ? 0 : 1;
  return showComparison(kata, io) ? 0 : 1;
}
