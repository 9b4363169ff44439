/**
 * How a kata's spec declares its checks: `describe(category, body)` and `test(name, run)`,
 * the two words of vitest the specs use, collected here for the grader's own runner
 * (grader/runner/), which knows the whole plan before the first check runs: a verdict needs
 * every declared check accounted for.
 */

/** One check of a spec: its category (the top-level describe), its name, and its body. */
export interface DeclaredCheck {
  category: string;
  /** The describe blocks below the category, outermost first (usually none). */
  groups: string[];
  name: string;
  run: () => unknown;
}

const declared: DeclaredCheck[] = [];
const open: string[] = [];

/** Group checks; the top-level group is the category the scorecard reports (spec, fixtures, …). */
export function describe(name: string, body: () => void): void {
  open.push(name);
  try {
    body();
  } finally {
    open.pop();
  }
}

/** Declare one check. `run` throws (with `fail`/`check`) when the check fails; it may be async. */
export function test(name: string, run: () => unknown): void {
  // i18n-exempt: a spec written wrong, for course authors
  if (open.length === 0) throw new Error(`test("${name}") must sit inside describe('<category>', …)`);
  declared.push({ category: open[0], groups: open.slice(1), name, run });
}

/** The checks declared since the last call, in declaration order. */
export function takeDeclaredChecks(): DeclaredCheck[] {
  return declared.splice(0, declared.length);
}
