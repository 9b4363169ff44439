/**
 * `npm run hint [-- <kata>]`: reveals the next tier of the kata's hints (a nudge, then the
 * approach, then a near-solution) and remembers how many were shown. With no kata: the
 * first unsolved one.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { nextHint, parseHints } from '../core/hints.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import { renderMarkdown } from '../core/markdown.ts';
import { repoPath } from '../core/course-lock.ts';
import { kataProgress, recordHints } from '../core/progress.ts';
import type { Io } from '../io.ts';
import { cli } from '../messages/cli.ts';
import { changeProgress, pickKata, readProgress } from './learner.ts';

/** Print the kata's next hint (or, when all were shown, all of them again) and save the count. */
export function showNextHint(kata: Kata, io: Io, width: number): void {
  const s = io.style;
  const hints = parseHints(readFileSync(kata.hintsPath, 'utf8'), repoPath(kata.hintsPath));
  const shown = kataProgress(readProgress(io), kata.slug).hintsShown;
  const step = nextHint(hints, shown);
  const more = `npm run hint -- ${kata.slug}`;
  if (step.kind === 'exhausted') {
    io.out(s.dim(cli.allHintsShown(step.total, kata.slug)));
    for (const hint of hints) {
      io.out(`\n${s.bold(cli.hintHeading(hint.tier, step.total, hint.title))}\n${renderMarkdown(hint.body, s, width)}`);
    }
    io.out(`\n${s.dim(cli.stuckEvenSo(kata.slug))}`);
    return;
  }
  const { hint, total } = step;
  changeProgress(io, (p) => recordHints(p, kata.slug, hint.tier));
  io.out(`${s.bold(s.yellow(cli.hintHeading(hint.tier, total, hint.title)))}  ${s.dim(`(${kata.slug})`)}\n`);
  io.out(renderMarkdown(hint.body, s, width));
  const left = total - hint.tier;
  io.out(
    '\n' +
      s.dim(
        left > 0 ? cli.moreHints(left, more) : cli.lastHint(kata.slug),
      ),
  );
}

export async function hintCommand(argv: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const kata = pickKata(loadKatas(), positionals, io, 'hint', true);
  if (!kata) return 2;
  showNextHint(kata, io, Math.min(process.stdout.columns ?? 80, 100));
  return 0;
}
