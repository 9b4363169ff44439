/**
 * Configuration for `npm test`, the project's own tests. Kata specs (`*.spec.ts`) are not
 * run directly: the grader runs them against the learner's code, the reference solutions and
 * every catalogued mistake, and test/katas.test.ts checks each verdict.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'grader/**/*.test.ts', 'katas/lib/**/*.test.ts', 'solutions/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Each grading spawns its own process; two at a time keeps both cores busy.
    maxConcurrency: 2,
    pool: 'forks',
  },
});
