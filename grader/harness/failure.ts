/**
 * The error our checks throw. Its message is the whole feedback for one failed check,
 * already written in the learner's terms, so the grader shows it as is (no stack).
 */
export class GradeFailure extends Error {
  override readonly name = 'GradeFailure';
}

/** Fail the current check with a message for the learner. */
export function fail(message: string): never {
  throw new GradeFailure(message);
}

/** Fail with `message` unless `condition` holds. */
export function check(condition: boolean, message: string | (() => string)): asserts condition {
  if (!condition) fail(typeof message === 'string' ? message : message());
}

/**
 * Stubs throw `new Error('not implemented: …')`. The grader reads such a failure as "not
 * started" rather than as a bug, so checks that catch errors must let it through.
 */
export function isNotImplemented(error: unknown): boolean {
  return error instanceof Error && /^not implemented/i.test(error.message);
}
