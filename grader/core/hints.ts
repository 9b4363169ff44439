/**
 * A kata's `hints.md`: tiers under headings `## 1. Nudge`, `## 2. Approach`, `## 3. Near-solution`,
 * revealed one at a time. Text before the first tier (the `# Hints` title) is not a hint.
 */

export interface Hint {
  /** 1 for the first tier. */
  tier: number;
  /** The heading's words after the number, e.g. "Nudge". */
  title: string;
  /** The tier's markdown, without its heading. */
  body: string;
}

const TIER_HEADING = /^##\s+(\d+)\.\s*(.*?)\s*$/;

/** The tiers of a hints file, in order; throws an Error naming what is malformed. */
export function parseHints(markdown: string, file = 'hints.md'): Hint[] {
  const hints: Hint[] = [];
  let body: string[] = [];
  const close = (): void => {
    const last = hints[hints.length - 1];
    if (last) last.body = body.join('\n').trim();
    body = [];
  };
  for (const line of markdown.split(/\r?\n/)) {
    const heading = TIER_HEADING.exec(line);
    if (heading) {
      close();
      const tier = Number(heading[1]);
      if (tier !== hints.length + 1) {
        throw new Error(`${file}: hint "${line.trim()}" should be number ${hints.length + 1}`); // i18n-exempt: an error in the course's own hints file, for its authors
      }
      hints.push({ tier, title: heading[2], body: '' });
    } else body.push(line);
  }
  close();
  if (hints.length === 0) throw new Error(`${file}: no hints found (expected headings like "## 1. Nudge")`); // i18n-exempt: an error in the course's own hints file, for its authors
  return hints;
}

export type HintStep =
  | { kind: 'reveal'; hint: Hint; total: number }
  /** Every tier has been shown already. */
  | { kind: 'exhausted'; total: number };

/** What asking for a hint gives, when `shown` tiers have been revealed before. */
export function nextHint(hints: readonly Hint[], shown: number): HintStep {
  const hint = hints[shown];
  return hint ? { kind: 'reveal', hint, total: hints.length } : { kind: 'exhausted', total: hints.length };
}
