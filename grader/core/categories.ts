/**
 * The checks a kata is graded by. A spec groups its tests under top-level `describe` blocks
 * named exactly like these, and the scorecard reports one line per category present. The
 * names are ids (in specs, reports and JSON); `categoryLabel` is what a learner reads.
 */
import { grading } from '../messages/grading.ts';

export const CATEGORIES = ['spec', 'fixtures', 'gradient check', 'properties', 'convergence'] as const;
export type Category = (typeof CATEGORIES)[number];

export function isCategory(name: string): name is Category {
  return (CATEGORIES as readonly string[]).includes(name);
}

/** A category's name in the learner's language ('gradient check' → 梯度检验). */
export function categoryLabel(category: Category | 'other'): string {
  switch (category) {
    case 'spec':
      return grading.categorySpec;
    case 'fixtures':
      return grading.categoryFixtures;
    case 'gradient check':
      return grading.categoryGradientCheck;
    case 'properties':
      return grading.categoryProperties;
    case 'convergence':
      return grading.categoryConvergence;
    case 'other':
      return grading.categoryOther;
  }
}
