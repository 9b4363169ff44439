/**
 * The learner's file against the reference, as a line diff with context: lines only in
 * theirs in red with "-", lines only in the reference in green with "+", each hunk headed by
 * the line numbers where it starts in both files.
 */
import { structuredPatch } from 'diff';
import { cli } from '../messages/cli.ts';
import { plain, type Style } from './style.ts';

export interface DiffLabels {
  /** e.g. "katas/dense-backward/dense.ts (yours)" */
  ours: string;
  theirs: string;
}

export interface DiffView {
  /** The rendered diff; empty when the files are the same. */
  text: string;
  /** Lines only in ours, and only in theirs. */
  removed: number;
  added: number;
}

/** The diff from `ours` to `theirs`, with `context` unchanged lines around every change. */
export function renderDiff(ours: string, theirs: string, labels: DiffLabels, s: Style = plain, context = 3): DiffView {
  const patch = structuredPatch(labels.ours, labels.theirs, ours, theirs, undefined, undefined, { context });
  let removed = 0;
  let added = 0;
  const out: string[] = [];
  if (patch.hunks.length > 0) {
    out.push(s.red(`- ${labels.ours}`), s.green(`+ ${labels.theirs}`));
  }
  for (const hunk of patch.hunks) {
    out.push(s.cyan(cli.hunkHeader(hunk.oldStart, hunk.newStart)));
    for (const line of hunk.lines) {
      // "\ No newline at end of file" markers say nothing a learner needs.
      if (line.startsWith('\\')) continue;
      if (line.startsWith('-')) {
        removed++;
        out.push(s.red(line));
      } else if (line.startsWith('+')) {
        added++;
        out.push(s.green(line));
      } else out.push(s.dim(line));
    }
  }
  return { text: out.join('\n'), removed, added };
}
