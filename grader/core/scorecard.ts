/**
 * The scorecard: a KataReport rendered for a learner. One line per check category, the first
 * failure in a sentence or two, the likely mistake, and the exact next command to run.
 */
import { CATEGORIES } from './categories.ts';
import { plainWords, wrapWords } from './markdown.ts';
import type { CategoryResult, KataReport, Problem, Unwritten } from './report.ts';
import { plain, type Style } from './style.ts';

const WRAP = 92;

/** Word-wrap `text` to WRAP columns, paragraph by paragraph, every line prefixed with `indent`. */
export function wrapText(text: string, indent: string, width = WRAP): string {
  return text
    .split('\n')
    .flatMap((paragraph) => wrapWords(plainWords(paragraph), width, indent))
    .join('\n');
}

function orderOf(category: string): number {
  const i = (CATEGORIES as readonly string[]).indexOf(category);
  return i === -1 ? CATEGORIES.length : i;
}

function categoryLine(r: CategoryResult, s: Style): string[] {
  const total = r.passed + r.failed;
  const mark = r.failed === 0 ? s.green('✓') : s.red('✗');
  const lines = [`    ${mark} ${r.category.padEnd(15)} ${String(r.passed).padStart(3)}/${total}`];
  if (r.firstFailure) {
    const { test, failure } = r.firstFailure;
    lines[0] += `   ${s.dim(test)}`;
    lines.push(wrapText(failure.message, '        '));
  }
  return lines;
}

const STATUS_WORDS: Record<KataReport['status'], string> = {
  passed: 'passed',
  failed: 'not yet',
  'not-started': 'not started',
  'compile-error': 'does not compile',
  stopped: 'could not finish',
};

/** The scorecard's name for each kind of problem, aligned like a category. */
const PROBLEM_LABELS: Record<Problem['kind'], string> = {
  'type-error': 'type check',
  'async-error': 'async error',
  'patched-built-in': 'built-ins',
};

function problemLines(problems: readonly Problem[], s: Style): string[] {
  const lines: string[] = [];
  for (const kind of Object.keys(PROBLEM_LABELS) as Problem['kind'][]) {
    const found = problems.filter((p) => p.kind === kind);
    if (found.length === 0) continue;
    lines.push(`    ${s.red('✗')} ${PROBLEM_LABELS[kind]}`);
    for (const p of found) lines.push(wrapText(p.message, '        '));
  }
  return lines;
}

/** The full scorecard of one kata. */
export function renderReport(report: KataReport, s: Style = plain): string {
  const mark =
    report.status === 'passed' ? s.green('✓') : report.status === 'not-started' ? s.yellow('○') : s.red('✗');
  const status =
    report.status === 'passed' ? s.green(STATUS_WORDS.passed) : report.status === 'not-started' ? s.yellow(STATUS_WORDS['not-started']) : s.red(STATUS_WORDS[report.status]);
  const out: string[] = [`${mark} ${s.bold(report.slug)}  ${report.title}: ${status}  ${s.dim(report.target)}`];
  for (const notice of report.notices) out.push(s.yellow(wrapText(notice, '    ')));

  const blocker = prerequisiteBlocking(report);
  if (blocker?.elsewhere) {
    // The learner's code calls an earlier kata that is still a stub: that is the thing to fix.
    const { slug, file } = blocker.elsewhere;
    out.push(
      wrapText(
        `This kata uses your ${slug} kata, and ${blocker.name} in ${file} is not written yet. ` +
          `Solve ${slug} first: npm run grade -- ${slug}`,
        '    ',
      ),
    );
    if (report.status === 'not-started') return out.join('\n');
  }
  if (report.status === 'not-started') {
    const first = report.notImplemented[0];
    out.push(
      wrapText(
        `Open ${report.target} and replace each "not implemented" throw with your code` +
          `${first ? `, starting with ${first.name}` : ''}. The statement is katas/${report.slug}/README.md.`,
        '    ',
      ),
    );
    return out.join('\n');
  }
  if (report.status === 'compile-error' && report.compileError) {
    const e = report.compileError;
    out.push(`    ${e.file}:${e.line}:${e.column}  ${e.message}`);
    out.push(`    ${s.dim('Fix the syntax error, save, and grade again.')}`);
    return out.join('\n');
  }
  if (report.stopped?.cause === 'load-error') {
    out.push(wrapText(report.stopped.message, '    '));
    out.push(...problemLines(report.problems, s));
    return out.join('\n');
  }

  const categories = [...report.categories].sort((a, b) => orderOf(a.category) - orderOf(b.category));
  for (const r of categories) out.push(...categoryLine(r, s));
  out.push(...problemLines(report.problems, s));

  if (report.stopped) {
    const { declared, ran } = report.checks;
    const count = declared > 0 ? ` ${ran} of ${declared} checks ran.` : '';
    out.push(wrapText(`${report.stopped.message}${count}`, '    '));
  }

  const unwrittenHere = report.notImplemented.filter((u) => !u.elsewhere);
  if (unwrittenHere.length > 0) {
    out.push(wrapText(`Not written yet: ${unwrittenHere.map((u) => u.name).join(', ')}.`, '    '));
  }
  const [best] = report.likelyMistakes;
  if (best) {
    out.push(`  ${s.yellow('Likely mistake:')} ${s.bold(best.title)}`);
    out.push(wrapText(best.explanation, '    '));
  }
  if (report.diagnosisStopped) out.push(s.dim(wrapText(report.diagnosisStopped, '  ')));
  if (report.console.length > 0) {
    out.push(`  ${s.dim('Your console output:')}`);
    for (const line of report.console) out.push(`    ${s.dim(line.length > 100 ? `${line.slice(0, 97)}...` : line)}`);
  }
  return out.join('\n');
}

/** The unwritten function of an earlier kata that blocks this one, if any. */
export function prerequisiteBlocking(report: KataReport): Unwritten | undefined {
  return report.notImplemented.find((u) => u.elsewhere);
}

/** One line for the end of a run: "2 of 3 katas pass · 1 not started". */
export function renderSummary(reports: readonly KataReport[], seconds: number, s: Style = plain): string {
  const passed = reports.filter((r) => r.status === 'passed').length;
  const counts = new Map<string, number>();
  for (const r of reports) if (r.status !== 'passed') counts.set(STATUS_WORDS[r.status], (counts.get(STATUS_WORDS[r.status]) ?? 0) + 1);
  const rest = [...counts].map(([word, n]) => `${n} ${word}`);
  const head = `${passed} of ${reports.length} ${reports.length === 1 ? 'kata passes' : 'katas pass'}`;
  const colour = passed === reports.length ? s.green : s.yellow;
  return `${colour(head)}${rest.length ? ` · ${rest.join(' · ')}` : ''}  ${s.dim(`(${seconds.toFixed(1)} s)`)}`;
}
