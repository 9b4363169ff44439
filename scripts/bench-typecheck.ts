/**
 * `npx tsx scripts/bench-typecheck.ts`: what the type check (grader/core/typecheck.ts) costs.
 * Cold (start + first check), warm re-check after an edit, the time the parent's main thread
 * is kept busy, and a grade with and without a check running alongside it.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { gradeKata } from '../grader/core/grade.ts';
import { loadKatas } from '../grader/core/manifest.ts';
import { katasDir, repoRoot } from '../grader/core/paths.ts';
import { createTypeChecker, type TypeChecker } from '../grader/core/typecheck.ts';

const ms = (x: number): string => `${Math.round(x)} ms`;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Run `work`, measuring wall time, main-thread busy time and the longest main-thread stall. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; busyMs: number; maxStallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  const result = await work();
  const wallMs = performance.now() - started;
  const used = performance.eventLoopUtilization(elu);
  delay.disable();
  return { result, wallMs, busyMs: used.active, maxStallMs: delay.max / 1e6 };
}

function line(label: string, m: { wallMs: number; busyMs: number; maxStallMs: number }): void {
  console.log(`${label.padEnd(44)} ${ms(m.wallMs).padStart(8)}   main thread busy ${ms(m.busyMs).padStart(6)}, longest stall ${ms(m.maxStallMs)}`);
}

for (const file of ['katas/dense-backward/dense.ts', 'solutions/mnist-classifier/mnist.ts']) {
  let checker: TypeChecker | undefined;
  const m = await measure(async () => {
    checker = createTypeChecker();
    return checker.check(file);
  });
  line(`cold: create + check ${file}`, m);
  checker?.close();
}

// Warm: one checker, a copy of the stub that is edited and re-checked, as in `npm run watch`.
const dir = mkdtempSync(join(katasDir, '.bench-typecheck-'));
try {
  const copy = join(dir, 'dense.ts');
  copyFileSync(join(katasDir, 'dense-backward/dense.ts'), copy);
  const original = readFileSync(copy, 'utf8');
  const checker = createTypeChecker();
  await checker.check(copy);
  const runs: { wallMs: number; busyMs: number; maxStallMs: number }[] = [];
  for (let i = 0; i < 10; i++) {
    writeFileSync(copy, `${original}\nexport const edit${i}: string = ${i % 2 ? '1' : `'${i}'`};\n`);
    runs.push(await measure(() => checker.check(copy)));
  }
  line('warm: re-check after an edit (median of 10)', {
    wallMs: median(runs.map((r) => r.wallMs)),
    busyMs: median(runs.map((r) => r.busyMs)),
    maxStallMs: median(runs.map((r) => r.maxStallMs)),
  });
  checker.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// A grade alone, and a grade with a cold type check beside it (what a one-off `npm run grade` does).
const kata = loadKatas().find((k) => k.slug === 'dense-backward');
if (!kata) throw new Error('no dense-backward kata');
for (let round = 0; round < 2; round++) {
  line('grade dense-backward (solution) alone', await measure(() => gradeKata(kata, { kind: 'solution' })));
  let checker: TypeChecker | undefined;
  const both = await measure(async () => {
    checker = createTypeChecker();
    const [report, types] = await Promise.all([gradeKata(kata, { kind: 'solution' }), checker.check(kata.solutionPath)]);
    return { report, types };
  });
  checker?.close();
  line('grade + cold type check, concurrently', both);
}
console.log(`(root ${repoRoot})`);
