/**
 * `npm run grade [-- <slug>…] [--solutions] [--json] [--file <path>]`
 *
 * Grades every kata (or the named ones) against the learner's files, the reference solutions
 * (`--solutions`) or one given file (`--file`, with exactly one slug: how the project's tests
 * grade a catalogued mistake). Exit code 0 only if every graded kata passes.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { gradeKatas, type Target } from '../core/grade.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import { renderReport, renderSummary } from '../core/scorecard.ts';
import type { Io } from '../io.ts';
import { resolveKatas } from './resolve.ts';
import type { KataReport } from '../core/report.ts';

export interface GradeHooks {
  /** Called once per graded kata, e.g. to record progress. */
  onReport?: (kata: Kata, report: KataReport, target: Target) => void;
  /** Called after the summary (not with --json), with every kata of the course, e.g. to suggest the next one. */
  onDone?: (katas: readonly Kata[], reports: readonly KataReport[], target: Target) => void;
}

export async function gradeCommand(argv: string[], io: Io, hooks: GradeHooks = {}): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      solutions: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      file: { type: 'string' },
    },
  });
  const katas = loadKatas();
  const selected = resolveKatas(katas, positionals, io);
  if (!selected) return 2;

  let target: Target = values.solutions ? { kind: 'solution' } : { kind: 'learner' };
  if (values.file !== undefined) {
    const path = resolve(values.file);
    if (selected.length !== 1 || positionals.length !== 1) {
      io.err('--file grades one file against one kata: name exactly one kata, e.g. npm run grade -- dense --file my-dense.ts');
      return 2;
    }
    if (!existsSync(path)) {
      io.err(`--file: there is no file at ${path}`);
      return 2;
    }
    target = { kind: 'file', path };
  }

  const started = Date.now();
  if (!values.json) {
    const what = target.kind === 'solution' ? 'the reference solutions' : target.kind === 'file' ? values.file : 'your code';
    io.out(io.style.dim(`Grading ${selected.length === 1 ? selected[0].slug : `${selected.length} katas`} (${what})…`));
  }
  const reports = await gradeKatas(selected, target, {
    onProgress: values.json ? undefined : (line) => io.status?.(line),
    onReport: (report) => {
      io.status?.('');
      const kata = selected.find((k) => k.slug === report.slug) as Kata;
      hooks.onReport?.(kata, report, target);
      if (!values.json) io.out(`\n${renderReport(report, io.style)}`);
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const allPassed = reports.every((r) => r.status === 'passed');

  if (values.json) {
    io.out(JSON.stringify({ passed: allPassed, seconds, katas: reports }, null, 2));
  } else {
    io.out(`\n${renderSummary(reports, seconds, io.style)}`);
    const next = reports.find((r) => r.status !== 'passed');
    if (next && target.kind === 'learner') {
      // A kata blocked by an unwritten earlier kata: the earlier one is the next thing to edit.
      const blocker = next.notImplemented.find((u) => u.elsewhere)?.elsewhere;
      const [file, slug] = blocker ? [blocker, blocker.split('/')[1]] : [next.target, next.slug];
      io.out(io.style.dim(`Next: edit ${file}, then run npm run grade -- ${slug}`));
    }
    hooks.onDone?.(katas, reports, target);
  }
  return allPassed ? 0 : 1;
}
