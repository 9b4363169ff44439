/**
 * `npm run grade [-- <kata>…] [--solutions] [--json] [--file <path>]`
 *
 * Grades every kata (or the named ones) against the learner's files, the reference solutions
 * (`--solutions`) or one given file (`--file`, with exactly one kata). Each grade of the
 * learner's own file is saved to their progress. Exit code 0 only if every graded kata passes.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gradeKatas, type Target } from '../core/grade.ts';
import { loadKatas } from '../core/manifest.ts';
import { createTypeChecker } from '../core/typecheck.ts';
import { renderReport, renderSummary } from '../core/scorecard.ts';
import type { Io } from '../io.ts';
import { cli } from '../messages/cli.ts';
import { localize } from '../i18n/language.ts';
import { nextStepAfterFailure, nextStepAfterPass, readProgress, recordReport } from './learner.ts';
import { resolveKatas } from './resolve.ts';

/** The text of `npm run grade -- --help`, in the learner's language. */
export const gradeUsage = (): string => cli.gradeUsage;

export async function gradeCommand(argv: string[], io: Io): Promise<number> {
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
    // npm runs scripts from the repository root; INIT_CWD is where the learner typed the command.
    const path = resolve(io.env.INIT_CWD ?? process.cwd(), values.file);
    if (selected.length !== 1 || positionals.length !== 1) {
      io.err(cli.fileNeedsOneKata);
      return 2;
    }
    const kind = fileKind(path);
    if (kind !== 'file') {
      io.err(kind === 'missing' ? cli.fileMissing(path) : cli.fileIsFolder(path));
      return 2;
    }
    target = { kind: 'file', path };
  }

  const started = Date.now();
  if (!values.json) {
    const what = target.kind === 'solution' ? cli.theReferenceSolutions : target.kind === 'file' ? (values.file ?? '') : cli.yourCode;
    io.out(io.style.dim(selected.length === 1 ? cli.gradingOne(selected[0].slug, what) : cli.gradingMany(selected.length, what)));
  }
  // One type checker for the run: the first check loads TypeScript, the others reuse it.
  const typeChecker = createTypeChecker();
  const reports = await gradeKatas(selected, target, {
    typeChecker,
    onStatus: values.json ? undefined : (line) => io.status?.(line),
    onReport: (report) => {
      io.status?.('');
      const revised = target.kind === 'learner' ? readProgress(io).katas[report.slug]?.revised : undefined;
      recordReport(io, report, target);
      if (!values.json) io.out(`\n${renderReport(report, io.style)}`);
      const kata = selected.find((k) => k.slug === report.slug);
      if (revised && kata?.revised && !values.json) {
        const change = localize(kata.revised);
        io.out(io.style.yellow(revised.solved ? cli.kataRevisedSolved(kata.title, change) : cli.kataRevised(kata.title, change)));
      }
    },
  });
  typeChecker.close();
  const seconds = (Date.now() - started) / 1000;
  const allPassed = reports.every((r) => r.status === 'passed');

  if (values.json) {
    io.out(JSON.stringify({ passed: allPassed, seconds, katas: reports }, null, 2));
    return allPassed ? 0 : 1;
  }
  io.out(`\n${renderSummary(reports, seconds, io.style)}`);
  if (target.kind !== 'learner') return allPassed ? 0 : 1;
  const next = reports.find((r) => r.status !== 'passed');
  if (next) io.out(nextStepAfterFailure(next, io));
  else if (reports.length === 1) {
    const solved = selected[0];
    io.out(nextStepAfterPass(katas, readProgress(io), solved, io, 'grade'));
  }
  return allPassed ? 0 : 1;
}

function fileKind(path: string): 'file' | 'folder' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
