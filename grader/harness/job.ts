/**
 * The grading job, as the spec sees it: which file to grade, where the course's fixtures are,
 * and how to report a live status line. The grader's runner sets it before it loads the spec
 * (one object handed from the parent, never environment variables).
 */

export interface SpecJob {
  /** Slug of the kata being graded. */
  slug: string;
  /** Absolute path of the implementation under test (the learner's file, the reference, a mistake…). */
  targetPath: string;
  /**
   * Where to read each fixture file: the course's file, or a copy of the course's original when
   * the learner's checkout has a different one. Keyed by the fixture's path in the repository.
   */
  fixtureFiles: Record<string, string>;
  /** The project's own tests grade on a smaller budget (mnist-classifier on a subset). */
  quick: boolean;
}

let current: (SpecJob & { showStatus: (line: string) => void }) | undefined;

export function setSpecJob(job: SpecJob, showStatus: (line: string) => void): void {
  current = { ...job, showStatus };
}

/** The job being graded; a spec loaded outside the grader is told how to run it. */
export function specJob(): SpecJob {
  // i18n-exempt: a spec run outside the grader, by a course author
  if (!current) throw new Error('A kata spec runs under the grader: npm run grade -- <kata>');
  return current;
}

/**
 * A live status line from a long check (training a network), shown on the learner's terminal
 * while it runs; a check that keeps reporting is visibly alive, so the hang watchdog lets it run.
 */
export function showStatus(line: string): void {
  current?.showStatus(line);
}
