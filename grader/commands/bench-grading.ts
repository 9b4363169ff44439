/**
 * `npm run bench -- --grading [--runs N]`: how fast a learner hears back.
 *
 * - cold: `npm run -s grade -- sigmoid --solutions`, the whole command as a learner types it
 *   (every check of the kata runs), timed from outside;
 * - warm: watch mode on a copy of the sigmoid kata: the time from saving the file to the
 *   scorecard, with the booted grading process and the warm type checker that watch keeps;
 * - the baseline beside them: a bare `node --import tsx` start, the floor any TypeScript
 *   command pays here.
 *
 * Medians of several runs; the targets (cold ≤ 2.0 s, warm ≤ 1.0 s on an idle two-core
 * machine) are printed beside the numbers, never asserted in tests.
 */
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kataBySlug, loadKatas, type Kata } from '../core/manifest.ts';
import { repoRoot } from '../core/paths.ts';
import { plain } from '../core/style.ts';
import { displayWidth, padEndTo } from '../i18n/width.ts';
import { language, setLanguage } from '../i18n/language.ts';
import { benchText as m } from '../messages/bench.ts';
import type { Io } from '../io.ts';
import type { Terminal } from '../terminal.ts';
import { warmGrading, watchKata } from './watch.ts';

export const COLD_TARGET_SECONDS = 2.0;
export const WARM_TARGET_SECONDS = 1.0;

export interface GradingBench {
  runs: number;
  coldSeconds: number;
  warmSeconds: number;
  baselineSeconds: number;
  cores: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeCommand(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: repoRoot, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  if (result.error) throw result.error;
  return (performance.now() - started) / 1000;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Save → scorecard in watch mode, `runs` times, on a copy of the sigmoid kata in a scratch folder. */
async function warmRegrades(runs: number): Promise<number[]> {
  const real = kataBySlug('sigmoid-derivative');
  // Inside the repository (as a learner's file is), so that it is type-checked as the project's ESM.
  const scratch = join(repoRoot, 'node_modules', '.cache');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'kata-bench-watch-'));
  const kata: Kata = { ...real, dir, stubPath: join(dir, real.file) };
  const reference = readFileSync(real.solutionPath, 'utf8');
  writeFileSync(kata.stubPath, reference);
  const lines: string[] = [];
  const io: Io = {
    out: (text) => void lines.push(text),
    err: () => undefined,
    style: plain,
    interactive: true,
    env: { ...process.env, KATAS_STATE_DIR: dir },
  };
  let press: (key: string) => void = () => undefined;
  const terminal: Terminal = {
    keys: (onKey) => ((press = onKey), () => undefined),
    clear: () => undefined,
    columns: 100,
    // i18n-exempt: a developer assertion (watch mode asked a question the benchmark cannot answer).
    select: () => Promise.reject(new Error('no prompts in the benchmark')),
    // i18n-exempt: as above.
    confirm: () => Promise.reject(new Error('no prompts in the benchmark')),
    // i18n-exempt: as above.
    input: () => Promise.reject(new Error('no prompts in the benchmark')),
  };
  const passedCards = (): number => lines.filter((l) => l.includes(`${real.title}: passed`)).length;
  const warm = warmGrading();
  const watching = watchKata(kata, loadKatas(), io, terminal, warm);
  const times: number[] = [];
  try {
    for (let seen = 0, i = 0; i <= runs; i++) {
      while (passedCards() === seen) await pause(5);
      seen = passedCards();
      // The learner reads the scorecard; meanwhile the next grading process boots.
      await pause(2_000);
      if (i === runs) break;
      const saved = performance.now();
      writeFileSync(kata.stubPath, `${reference}\n// save ${i}\n`);
      while (passedCards() === seen) await pause(2);
      times.push((performance.now() - saved) / 1000);
    }
  } finally {
    press('q');
    await watching;
    warm.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return times;
}

export async function benchGrading(runs: number): Promise<GradingBench> {
  const baseline = Array.from({ length: runs }, () => timeCommand(process.execPath, ['--import', 'tsx', '-e', '']));
  timeCommand('npm', ['run', '-s', 'grade', '--', 'sigmoid', '--solutions']); // file caches warm, as on a learner's second grade
  const cold = Array.from({ length: runs }, () => timeCommand('npm', ['run', '-s', 'grade', '--', 'sigmoid', '--solutions']));
  // The warm runs wait for the English scorecard line "<title>: passed" (nobody reads it), so
  // they grade in English whatever the learner's language; the grading child is told so in its job.
  const lang = language();
  setLanguage('en');
  let warm: number[];
  try {
    warm = await warmRegrades(runs);
  } finally {
    setLanguage(lang);
  }
  return { runs, coldSeconds: median(cold), warmSeconds: median(warm), baselineSeconds: median(baseline), cores: cpus().length };
}

export function renderGradingBench(b: GradingBench, io: Io): string {
  const s = io.style;
  const verdict = (seconds: number, target: number): string =>
    seconds <= target ? s.green(m.withinTarget(target.toFixed(1))) : s.red(m.overTarget(target.toFixed(1)));
  const ratio = (seconds: number): string => m.timesBaseline((seconds / b.baselineSeconds).toFixed(1));
  // The labels padded to one width in display columns (38 in English, as before), so the numbers line up in Chinese too.
  const labelWidth = Math.max(38, ...[m.cold, m.warm, m.bareStart].map((label) => displayWidth(label) + 2));
  const row = (label: string, seconds: number): string => `  ${padEndTo(label, labelWidth)}${m.seconds(seconds.toFixed(2))}`;
  return [
    m.gradingTitle(b.runs, b.cores),
    `${row(m.cold, b.coldSeconds)}   ${ratio(b.coldSeconds)}   ${verdict(b.coldSeconds, COLD_TARGET_SECONDS)}`,
    `${row(m.warm, b.warmSeconds)}   ${ratio(b.warmSeconds)}   ${verdict(b.warmSeconds, WARM_TARGET_SECONDS)}`,
    row(m.bareStart, b.baselineSeconds),
    s.dim(m.idleMachine),
  ].join('\n');
}
