/**
 * The scorecard: a KataReport rendered for a learner. One line per check category, the first
 * failure in a sentence or two, the likely mistake, and the exact next command to run.
 */
import { displayWidth, padEndTo, padStartTo } from '../i18n/width.ts';
import { grading as m } from '../messages/grading.ts';
import { CATEGORIES, categoryLabel } from './categories.ts';
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
  const lines = [`    ${mark} ${padEndTo(categoryLabel(r.category), 15)} ${padStartTo(String(r.passed), 3)}/${total}`];
  if (r.firstFailure) {
    const { test, failure } = r.firstFailure;
    // A long check name wraps under itself, so the line stays within the scorecard's width.
    const at = displayWidth(lines[0]) + 3;
    const [head = '', ...more] = wrapWords(plainWords(test), Math.max(WRAP - at, 30), '');
    lines[0] += `   ${s.dim(head)}`;
    lines.push(...more.map((line) => `${' '.repeat(at)}${s.dim(line)}`));
    lines.push(wrapText(failure.message, '        '));
  }
  return lines;
}

/** The verdict in the learner's language. */
export function statusWord(status: KataReport['status']): string {
  switch (status) {
    case 'passed':
      return m.statusPassed;
    case 'failed':
      return m.statusFailed;
    case 'not-started':
      return m.statusNotStarted;
    case 'compile-error':
      return m.statusCompileError;
    case 'stopped':
      return m.statusStopped;
  }
}

/** The scorecard's name for each kind of problem, aligned like a category (in this order). */
const PROBLEM_KINDS: readonly Problem['kind'][] = ['type-error', 'async-error', 'patched-built-in'];

function problemLabel(kind: Problem['kind']): string {
  return kind === 'type-error' ? m.problemTypeError : kind === 'async-error' ? m.problemAsyncError : m.problemPatchedBuiltIn;
}

function problemLines(problems: readonly Problem[], s: Style): string[] {
  const lines: string[] = [];
  for (const kind of PROBLEM_KINDS) {
    const found = problems.filter((p) => p.kind === kind);
    if (found.length === 0) continue;
    lines.push(`    ${s.red('✗')} ${problemLabel(kind)}`);
    for (const p of found) lines.push(wrapText(p.message, '        '));
  }
  return lines;
}

/** The full scorecard of one kata. */
export function renderReport(report: KataReport, s: Style = plain): string {
  const mark =
    report.status === 'passed' ? s.green('✓') : report.status === 'not-started' ? s.yellow('○') : s.red('✗');
  const status =
    report.status === 'passed' ? s.green(statusWord('passed')) : report.status === 'not-started' ? s.yellow(statusWord('not-started')) : s.red(statusWord(report.status));
  const head = `${mark} ${s.bold(report.slug)}  ${m.titleAndVerdict(report.title, status)}`;
  // The file goes on the verdict's line when both fit the scorecard's width, else on its own line.
  const out: string[] =
    displayWidth(head) + 2 + displayWidth(report.target) <= WRAP ? [`${head}  ${s.dim(report.target)}`] : [head, `    ${s.dim(report.target)}`];
  for (const notice of report.notices) out.push(s.yellow(wrapText(notice, '    ')));

  const blocker = prerequisiteBlocking(report);
  if (blocker?.elsewhere) {
    // The learner's code calls an earlier kata that is still a stub: that is the thing to fix.
    const { slug, file } = blocker.elsewhere;
    out.push(wrapText(m.blockedByEarlierKata(slug, blocker.name, file), '    '));
    if (report.status === 'not-started') return out.join('\n');
  }
  if (report.status === 'not-started') {
    const first = report.notImplemented[0];
    const advice = first ? m.notStartedFrom(report.target, first.name, report.slug) : m.notStarted(report.target, report.slug);
    out.push(wrapText(advice, '    '));
    return out.join('\n');
  }
  if (report.status === 'compile-error' && report.compileError) {
    const e = report.compileError;
    out.push(`    ${e.file}:${e.line}:${e.column}  ${e.message}`);
    out.push(`    ${s.dim(m.fixSyntax)}`);
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
    const count = declared > 0 ? m.checksRan(ran, declared) : '';
    out.push(wrapText(`${report.stopped.message}${count}`, '    '));
  }

  const unwrittenHere = report.notImplemented.filter((u) => !u.elsewhere);
  if (unwrittenHere.length > 0) {
    out.push(wrapText(m.notWrittenYet(unwrittenHere.map((u) => u.name).join(', ')), '    '));
  }
  const [best] = report.likelyMistakes;
  if (best) {
    // No space after a full-width colon (可能的错误：…).
    const gap = m.likelyMistake.endsWith('：') ? '' : ' ';
    out.push(`  ${s.yellow(m.likelyMistake)}${gap}${s.bold(best.title)}`);
    out.push(wrapText(best.explanation, '    '));
  }
  if (report.diagnosisStopped) out.push(s.dim(wrapText(report.diagnosisStopped, '  ')));
  if (report.console.length > 0) {
    out.push(`  ${s.dim(m.consoleOutput)}`);
    for (const line of report.console) out.push(`    ${s.dim(displayWidth(line) > 100 ? `${clip(line, 97)}...` : line)}`);
  }
  return out.join('\n');
}

/** The longest start of `line` that fits in `width` columns. */
function clip(line: string, width: number): string {
  let out = '';
  for (const c of line) {
    if (displayWidth(out + c) > width) break;
    out += c;
  }
  return out;
}

/** The unwritten function of an earlier kata that blocks this one, if any. */
export function prerequisiteBlocking(report: KataReport): Unwritten | undefined {
  return report.notImplemented.find((u) => u.elsewhere);
}

/** One line for the end of a run: "2 of 3 katas pass · 1 not started". */
export function renderSummary(reports: readonly KataReport[], seconds: number, s: Style = plain): string {
  const passed = reports.filter((r) => r.status === 'passed').length;
  const counts = new Map<string, number>();
  for (const r of reports) if (r.status !== 'passed') counts.set(statusWord(r.status), (counts.get(statusWord(r.status)) ?? 0) + 1);
  const rest = [...counts].map(([word, n]) => m.summaryCount(n, word));
  const head = m.summaryHead(passed, reports.length);
  const colour = passed === reports.length ? s.green : s.yellow;
  return `${colour(head)}${rest.length ? ` · ${rest.join(' · ')}` : ''}  ${s.dim(`(${seconds.toFixed(1)} s)`)}`;
}
