/**
 * Loaded into every spec run by the grader. Before each test it writes the test's name to
 * a file, synchronously: if the learner's code then loops forever, the worker can no longer
 * report anything, but the parent can still read which check was running when it stopped it.
 */
import { writeFileSync } from 'node:fs';
import { beforeEach } from 'vitest';
import { PROGRESS_FILE_ENV } from './paths.ts';

const progressFile = process.env[PROGRESS_FILE_ENV];

if (progressFile) {
  beforeEach((context) => {
    const names: string[] = [context.task.name];
    for (let suite = context.task.suite; suite && suite.name; suite = suite.suite) names.unshift(suite.name);
    writeFileSync(progressFile, names.join(' › '));
  });
}
