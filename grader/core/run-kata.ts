/**
 * The grading child process: grades one implementation of one kata and reports each result
 * to the parent over IPC as it happens. It runs in its own process so that an endless loop
 * in the learner's code can be stopped by killing it (see grade.ts), and it is started as
 * `node --import tsx grader/core/run-kata.ts '<GradeJob JSON>'`.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { createVitest } from 'vitest/node';
import { categoryOf, classifyError } from './classify.ts';
import { findSyntaxErrorInTree } from './compile-check.ts';
import { kataAt } from './manifest.ts';
import { diagnose, fingerprintPath } from './mistakes.ts';
import { displayPath, katasDir, PROGRESS_FILE_ENV, repoRoot, TARGET_FILE_ENV } from './paths.ts';
import type { ChildMessage, GradeJob, TestOutcome } from './report.ts';

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else {
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
    }
  });
}

function suitePath(test: TestCase): string[] {
  const names: string[] = [];
  for (let parent = test.parent; parent.type === 'suite'; parent = parent.parent) names.unshift(parent.name);
  return names;
}

/** Streams each finished test to the parent, classified. */
function createReporter(targetPath: string, outcomes: TestOutcome[], moduleErrors: string[]): Reporter {
  return {
    onTestCaseResult(test: TestCase) {
      const result = test.result();
      const state = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
      const firstError = result.state === 'failed' ? result.errors[0] : undefined;
      const outcome: TestOutcome = {
        category: categoryOf(suitePath(test)),
        name: test.name,
        state,
        failure: firstError ? classifyError(firstError, targetPath) : undefined,
        durationMs: test.diagnostic()?.duration ?? 0,
      };
      outcomes.push(outcome);
      void send({ type: 'test', outcome });
    },
    onTestModuleEnd(module: TestModule) {
      for (const error of module.errors()) moduleErrors.push(error.message);
    },
    onUserConsoleLog(log) {
      void send({ type: 'console', text: log.content.replace(/\n$/, '') });
    },
  };
}

async function main(): Promise<void> {
  const job = JSON.parse(process.argv[2] ?? '{}') as GradeJob;
  const kata = kataAt(join(katasDir, job.slug));

  const syntaxError = findSyntaxErrorInTree(job.targetPath, displayPath);
  if (syntaxError) {
    await send({ type: 'compile-error', error: syntaxError });
    await send({ type: 'done' });
    return;
  }

  process.env[TARGET_FILE_ENV] = job.targetPath;
  process.env[PROGRESS_FILE_ENV] = job.progressFile;
  const outcomes: TestOutcome[] = [];
  const moduleErrors: string[] = [];
  const vitest = await createVitest(
    'test',
    {
      config: false,
      root: repoRoot,
      watch: false,
      include: [relative(repoRoot, kata.specPath)],
      reporters: [createReporter(job.targetPath, outcomes, moduleErrors)],
      testTimeout: job.testTimeoutMs,
      hookTimeout: job.testTimeoutMs,
      setupFiles: [join(repoRoot, 'grader/core/progress-setup.ts')],
      pool: 'threads',
      maxWorkers: 1,
      fileParallelism: false,
      isolate: false,
      passWithNoTests: true,
    },
  );
  try {
    await vitest.start([kata.specPath]);
  } finally {
    await vitest.close();
  }
  for (const message of moduleErrors) await send({ type: 'module-error', message });

  const learnerFailed = outcomes.some((o) => o.state === 'failed' && o.failure?.kind !== 'not-implemented');
  if (learnerFailed && existsSync(fingerprintPath(kata))) {
    try {
      await send({ type: 'diagnosis', matches: await diagnose(kata, job.targetPath) });
    } catch {
      // Diagnosis is a bonus: if the learner's code breaks it, the scorecard still stands.
    }
  }
  await send({ type: 'done' });
}

main().then(
  () => process.exit(0),
  async (error: unknown) => {
    await send({ type: 'module-error', message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  },
);
