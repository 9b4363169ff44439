/**
 * The grading child process: grades one implementation of one kata and reports to the grader
 * (grader/core/grade.ts) over IPC. It runs in its own process so that an endless loop can be
 * stopped by killing it, and so that whatever the learner's code does to the process (patch a
 * built-in, leave a timer, exit) ends with it.
 *
 * It boots, loads what every grade needs (the harness, fast-check, the toolkit, the parser),
 * says `ready` and waits for its one job: the grader keeps a booted child waiting so that a
 * grade after a save starts at once. Then, in order:
 *
 * 1. the syntax of the graded file and every kata file it imports;
 * 2. loading the graded file (an error or a hang there is told as such);
 * 3. loading the course's spec, which declares its checks: the plan, sent before any runs;
 * 4. every check, one at a time, each result sent as it finishes; the built-ins are checked
 *    after each, and any error thrown asynchronously is a problem of the grade;
 * 5. on a failure, the diagnosis of the likely mistake;
 * 6. `done`, with the number of checks that ran. Without it the grader reports that grading
 *    did not finish, whatever was reported before.
 */
import { guardBuiltIns } from './guards.ts';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { categoryOf, classifyError, rawError, type ClassifyContext } from '../core/classify.ts';
import { findSyntaxErrorInTree } from '../core/compile-check.ts';
import { kataBySlug, loadKatas, type Kata } from '../core/manifest.ts';
import { diagnose, fingerprintPath } from '../core/mistakes.ts';
import { displayPath } from '../core/paths.ts';
import type { ChildMessage, GradeJob, ParentMessage, TestOutcome } from '../core/report.ts';
import '../harness/index.ts';
import { setSpecJob } from '../harness/job.ts';
import { setLanguage } from '../i18n/language.ts';
import { grading as m } from '../messages/grading.ts';
import { takeDeclaredChecks, type DeclaredCheck } from '../harness/registry.ts';
import { fail } from '../harness/failure.ts';
import { beaconWriter } from './beacon.ts';

// Before anything of the learner's can run.
const guard = guardBuiltIns();
const now = Date.now;
const setTimer = setTimeout;
const clearTimer = clearTimeout;

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    // i18n-exempt: a developer error (the child was started by hand)
    if (!process.send) throw new Error('grader/runner/child.ts is started by the grader, with an IPC channel');
    process.send(message, () => resolve());
  });
}

/** The contract's exports, checked before the spec's own checks: present, functions, not async. */
function exportsCheck(kata: Kata, impl: Record<string, unknown>): DeclaredCheck {
  return {
    category: 'spec',
    groups: [],
    name: m.exportsCheck(kata.file, kata.exports.join(', ')),
    run: () => {
      const missing = kata.exports.filter((name) => typeof impl[name] !== 'function');
      if (missing.length > 0) {
        const found = Object.keys(impl);
        fail(
          found.length > 0
            ? m.missingExportsFound(kata.file, missing.join(', '), found.join(', '))
            : m.missingExports(kata.file, missing.join(', ')),
        );
      }
      for (const name of kata.exports) {
        const fn = impl[name] as { constructor?: { name?: string }; prototype?: object };
        const asyncMethods = fn.prototype
          ? Object.getOwnPropertyNames(fn.prototype).filter(
              (m) => (Object.getOwnPropertyDescriptor(fn.prototype, m)?.value as { constructor?: { name?: string } } | undefined)?.constructor?.name === 'AsyncFunction',
            )
          : [];
        const what = fn.constructor?.name === 'AsyncFunction' ? name : asyncMethods.length > 0 ? `${name}.${asyncMethods[0]}` : undefined;
        if (what) fail(m.asyncExport(what));
      }
    },
  };
}

/** Run one check within the budget; a check that never yields is stopped by the grader instead. */
async function runCheck(check: DeclaredCheck, timeoutMs: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = check.run();
    if (result === null || typeof result !== 'object' || typeof (result as { then?: unknown }).then !== 'function') return undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimer(() => reject(Object.assign(new Error(m.checkTimeout(timeoutMs / 1000)), { name: 'CheckTimeout' })), timeoutMs);
    });
    await Promise.race([result, timeout]);
    return undefined;
  } catch (error) {
    return error ?? rawError(error);
  } finally {
    if (timer) clearTimer(timer);
  }
}

async function grade(job: GradeJob): Promise<void> {
  setLanguage(job.lang);
  const beacon = beaconWriter(job.beaconFile);
  const katas = loadKatas();
  const kata = kataBySlug(job.slug);
  const context: ClassifyContext = { targetFile: job.targetPath, katas };
  const classify = (thrown: unknown) => {
    const raw = rawError(thrown);
    return raw.name === 'CheckTimeout'
      ? { kind: 'timeout' as const, message: raw.message }
      : classifyError(raw, context);
  };

  beacon.phase({ kind: 'start' });
  const syntaxError = findSyntaxErrorInTree(job.targetPath, displayPath);
  if (syntaxError) {
    await send({ type: 'compile-error', error: syntaxError });
    return;
  }

  // From here on, an error nobody catches (a timer's callback that throws, a rejected promise
  // nobody awaits) is a problem of the grade, told like any other exception.
  let during = m.duringLoading(displayPath(job.targetPath));
  const onStray = (thrown: unknown): void => {
    const failure = classify(thrown);
    const told = failure.message.startsWith(m.threwPrefix)
      ? m.threwAsynchronouslyPrefix + failure.message.slice(m.threwPrefix.length)
      : failure.message;
    const message = m.asyncSurfaced(told, during);
    void send({ type: 'problem', problem: { kind: 'async-error', message } });
  };
  process.on('uncaughtException', onStray);
  process.on('unhandledRejection', onStray);
  /** True (after telling the grader) when a built-in was replaced: then grading stops here. */
  const reportPatches = async (): Promise<boolean> => {
    const changed = guard.changed();
    if (changed.length === 0) return false;
    const first = changed.slice(0, 3).join(', ');
    const list = changed.length > 3 ? m.andMore(first, changed.length - 3) : first;
    await send({
      type: 'problem',
      problem: {
        kind: 'patched-built-in',
        message: m.patchedBuiltIn(list, during),
      },
    });
    return true;
  };

  setSpecJob(job, beacon.status);
  beacon.phase({ kind: 'load', file: displayPath(job.targetPath) });
  let impl: Record<string, unknown>;
  try {
    impl = (await import(pathToFileURL(job.targetPath).href)) as Record<string, unknown>;
  } catch (error) {
    await send({ type: 'load-error', failure: classify(error) });
    return;
  }
  if (await reportPatches()) return;

  during = m.duringSpec;
  try {
    await import(pathToFileURL(job.specPath).href);
  } catch (error) {
    await send({ type: 'load-error', failure: classify(error) });
    return;
  }
  const checks = [exportsCheck(kata, impl), ...takeDeclaredChecks()];
  await send({ type: 'plan', checks: checks.length });

  let ran = 0;
  let learnerFailed = false;
  for (const check of checks) {
    const name = [...check.groups, check.name].join(' › ');
    during = name;
    beacon.phase({ kind: 'check', name });
    const started = now();
    const error = await runCheck(check, job.checkTimeoutMs);
    const outcome: TestOutcome = {
      category: categoryOf(check.category),
      name,
      state: error === undefined ? 'passed' : 'failed',
      failure: error === undefined ? undefined : classify(error),
      durationMs: now() - started,
    };
    if (outcome.failure && outcome.failure.kind !== 'not-implemented') learnerFailed = true;
    await send({ type: 'result', outcome });
    ran++;
    if (await reportPatches()) return;
  }

  // Let an error thrown from a short timer of the last check surface now, not after `done`.
  await new Promise((resolve) => setTimer(resolve, 25));

  if (learnerFailed && existsSync(fingerprintPath(kata))) {
    during = m.duringDiagnosis;
    try {
      const matches = await diagnose(kata, job.targetPath, (probing) => beacon.phase({ kind: 'diagnosis', probing }));
      await send({ type: 'diagnosis', matches });
    } catch {
      // Diagnosis is a bonus: if the learner's code breaks it, the scorecard still stands.
    }
    if (await reportPatches()) return;
  }
  await send({ type: 'done', ran });
}

process.on('disconnect', () => process.exit(0)); // the grader is gone: nobody to report to
process.once('message', (raw) => {
  const message = raw as ParentMessage;
  grade(message.job).then(
    () => process.exit(0),
    async (error: unknown) => {
      // A fault of the grader itself, not of the learner's code: say so plainly.
      await send({ type: 'load-error', failure: { kind: 'harness', message: m.graderFailed(rawError(error).message) } });
      process.exit(1);
    },
  );
});
void send({ type: 'ready' });
