/** Number and index formatting shared by every message a learner reads. */
import type { Matrix } from '../../katas/lib/matrix.ts';
import { language } from '../i18n/language.ts';
import { harness as m } from '../messages/harness.ts';

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
  if (value instanceof Float64Array) return m.aFloat64Array(value.length);
  if (Array.isArray(value)) return m.anArray(value.length);
  if (typeof value === 'object') {
    const x = value as Partial<Matrix>;
    if (typeof x.rows === 'number' && typeof x.cols === 'number') return m.aMatrix(x.rows, x.cols);
    return m.anObject(Object.keys(value).join(', ') || m.noKeys);
  }
  return `${typeof value} ${String(value)}`;
}

/**
 * Two sentences one after the other: a space between them in English, none after a Chinese
 * sentence's full stop (a failure message and the hint a spec adds to it).
 */
export function sentences(first: string, second: string): string {
  return language() === 'zh-CN' && /[。！？）]$/.test(first) ? first + second.trimStart() : `${first} ${second}`;
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
