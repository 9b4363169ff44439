/**
 * The checks a kata is graded by. A spec groups its tests under top-level `describe` blocks
 * named exactly like these, and the scorecard reports one line per category present.
 */
export const CATEGORIES = ['spec', 'fixtures', 'gradient check', 'properties', 'convergence'] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(name: string): name is Category {
  return (CATEGORIES as readonly string[]).includes(name);
}
