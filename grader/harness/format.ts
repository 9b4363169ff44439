/** Number and index formatting shared by every message a learner reads. */
import type { Matrix } from '../../katas/lib/matrix.ts';

/** A number short enough to read at a glance, exact enough to tell two values apart. */
export function fmt(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? 'Infinity' : '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const abs = Math.abs(x);
  if (abs >= 1e-3 && abs < 1e6) return String(Number(x.toPrecision(6)));
  return x.toExponential(4);
}

/** A relative error such as 3.2e-1. */
export function fmtErr(x: number): string {
  return x.toExponential(1);
}

/** `[i][j]` for a matrix entry, `[k]` for a vector entry. */
export function indexLabel(flat: number, cols: number | undefined): string {
  if (cols === undefined || cols === 0) return `[${flat}]`;
  return `[${Math.floor(flat / cols)}][${flat % cols}]`;
}

/** "N×D" or "a vector of n entries" or a short description of what something is. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (value instanceof Float64Array) return `a Float64Array of ${value.length} entries`;
  if (Array.isArray(value)) return `an array of ${value.length} entries`;
  if (typeof value === 'object') {
    const m = value as Partial<Matrix>;
    if (typeof m.rows === 'number' && typeof m.cols === 'number') return `a ${m.rows}×${m.cols} matrix`;
    return `an object with keys ${Object.keys(value).join(', ') || '(none)'}`;
  }
  return `${typeof value} ${String(value)}`;
}

/** Two numbers formatted with just enough digits to show that they differ. */
export function fmtPair(a: number, b: number): [string, string] {
  let fa = fmt(a);
  let fb = fmt(b);
  for (let digits = 8; fa === fb && a !== b && digits <= 17; digits += 3) {
    fa = a.toPrecision(digits);
    fb = b.toPrecision(digits);
  }
  return [fa, fb];
}
