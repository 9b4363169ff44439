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
import { cli } from '../messages/cli.ts';
import { processTerminal, type Terminal } from '../terminal.ts';
import { pickKata, readProgress, relativeStub } from './learner.ts';

const relativeSolution = (kata: Kata): string => displayPath(kata.solutionPath);

/** Print the diff from the learner's file to the reference. False when there is no file to compare. */
export function showComparison(kata: Kata, io: Io): boolean {
  const s = io.style;
  if (!existsSync(kata.stubPath)) {
    io.err(cli.noFileToCompare(relativeStub(kata), kata.slug));
    return false;
  }
  const view = renderDiff(
    readFileSync(kata.stubPath, 'utf8'),
    readFileSync(kata.solutionPath, 'utf8'),
    { ours: cli.yoursLabel(relativeStub(kata)), theirs: cli.referenceLabel(relativeSolution(kata)) },
    s,
  );
  if (view.text === '') {
    io.out(s.green(cli.sameAsReference(relativeStub(kata))));
    return true;
  }
  io.out(view.text);
  io.out(
    '\n' +
      s.dim(cli.diffSummary(s.red(cli.onlyInYours(view.removed)), s.green(cli.onlyInReference(view.added)))),
  );
  return true;
}

/** True when the learner may see the reference: solved, --yes, or a yes at the terminal. */
export async function mayShowReference(kata: Kata, io: Io, yes: boolean, terminal: () => Terminal): Promise<boolean> {
  if (yes || kataState(readProgress(io), kata.slug) === 'solved') return true;
  if (!io.interactive) {
    io.err(cli.notSolvedNeedsYes(kata.slug));
    return false;
  }
  const answer = await terminal().confirm(cli.showReferenceAnyway(kata.slug), false);
  if (answer !== true) io.out(io.style.dim(cli.notShown(kata.slug)));
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
