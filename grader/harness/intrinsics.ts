/**
 * The built-ins the checks' comparisons use, taken when the harness loads, before any
 * learner code runs: a learner's module that replaces `Math.abs` cannot make a wrong number
 * compare equal. (The runner also checks every built-in after each check: see
 * grader/runner/guards.ts.)
 */
export const { abs, max, min, sqrt } = Math;
export const { isFinite: isFiniteNumber, isNaN: isNaNNumber } = Number;
export const sameValue = Object.is;
