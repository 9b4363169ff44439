/**
 * Comparisons that fail with a message a learner can act on: which output, which index,
 * expected vs got, and how many entries are off. Never a dump of whole arrays.
 */
import { fromRows, isMatrix, shapeOf, type Matrix } from '../../katas/lib/matrix.ts';
import { check, fail, isNotImplemented } from './failure.ts';
import { harness as m } from '../messages/harness.ts';
import { describeValue, fmt, fmtErr, fmtPair, indexLabel } from './format.ts';

/**
 * How close is close enough. An entry passes when |got − expected| ≤ atol + rtol·|expected|
 * (numpy's `allclose` rule).
 */
export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * Default for float64 results compared with float64 gold values: two correct programs that
 * sum in different orders differ by a few ulps (≈1e-15 relative) per operation; 1e-9 leaves
 * room for thousands of operations while any real mistake is many orders larger.
 */
export const FLOAT64_TOLERANCE: Tolerance = { rtol: 1e-9, atol: 1e-12 };

/** Gold values given as a Matrix, nested rows, a vector or a flat list. */
export type Expected = Matrix | ReadonlyArray<ReadonlyArray<number>> | ArrayLike<number>;

function isClose(got: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(got) || Number.isNaN(expected)) return Number.isNaN(got) && Number.isNaN(expected);
  if (!Number.isFinite(expected)) return got === expected;
  return Math.abs(got - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

function relativeError(got: number, expected: number): number {
  const scale = Math.max(Math.abs(got), Math.abs(expected), 1e-300);
  return Math.abs(got - expected) / scale;
}

/** One number against its gold value. `name` is what the learner calls it, e.g. `sigmoidDerivative(40)`. */
export function expectNumberClose(name: string, got: unknown, expected: number, tol: Tolerance = FLOAT64_TOLERANCE): void {
  if (typeof got !== 'number') fail(m.shouldBeNumber(name, describeValue(got)));
  if (Number.isNaN(got) && !Number.isNaN(expected)) fail(m.isNaN(name, fmt(expected)));
  if (!isClose(got, expected, tol)) {
    const [e, g] = fmtPair(expected, got);
    fail(m.numberOff(name, e, g, fmtErr(relativeError(got, expected))));
  }
}

function toMatrix(expected: Expected): Matrix {
  if (isMatrix(expected)) return expected;
  const list = expected as ArrayLike<unknown>;
  if (list.length > 0 && typeof list[0] === 'object') return fromRows(expected as ReadonlyArray<ReadonlyArray<number>>);
  throw new Error('toMatrix: expected nested rows or a Matrix'); // i18n-exempt: a spec's own mistake, for course authors
}

/**
 * A matrix result against gold values. Checks, in order: it is a Matrix, its shape, no NaN or
 * Infinity, then every entry; the message names the worst entry and how many are off.
 * `shapeHint` explains the expected shape in symbols, e.g. `D×M`.
 */
export function expectMatrixClose(
  name: string,
  got: unknown,
  expected: Expected,
  options: { tol?: Tolerance; shapeHint?: string } = {},
): void {
  const want = toMatrix(expected);
  const tol = options.tol ?? FLOAT64_TOLERANCE;
  const hint = options.shapeHint ? m.hint(options.shapeHint) : '';
  if (!isMatrix(got)) fail(m.shouldBeMatrix(name, shapeOf(want), hint, describeValue(got)));
  if (got.rows !== want.rows || got.cols !== want.cols) {
    const transposed = got.rows === want.cols && got.cols === want.rows ? m.looksTransposed : '';
    fail(m.wrongShape(name, shapeOf(got), shapeOf(want), hint) + transposed);
  }
  compareEntries(name, got.data, want.data, want.cols, tol);
}

/** A per-column vector (a bias gradient, gamma, a running mean) against gold values. */
export function expectVectorClose(
  name: string,
  got: unknown,
  expected: ArrayLike<number>,
  options: { tol?: Tolerance; lengthHint?: string } = {},
): void {
  const tol = options.tol ?? FLOAT64_TOLERANCE;
  const hint = options.lengthHint ? m.hint(options.lengthHint) : '';
  if (!(got instanceof Float64Array)) fail(m.shouldBeVector(name, expected.length, hint, describeValue(got)));
  if (got.length !== expected.length) fail(m.wrongLength(name, got.length, expected.length, hint));
  compareEntries(name, got, expected, undefined, tol);
}

function compareEntries(name: string, got: ArrayLike<number>, want: ArrayLike<number>, cols: number | undefined, tol: Tolerance): void {
  let bad = 0;
  let worst = -1;
  let worstErr = -1;
  for (let k = 0; k < want.length; k++) {
    const g = got[k];
    if (!Number.isFinite(g) && Number.isFinite(want[k])) {
      fail(m.notFinite(`${name}${indexLabel(k, cols)}`, fmt(g), fmt(want[k])));
    }
    if (!isClose(g, want[k], tol)) {
      bad++;
      const err = relativeError(g, want[k]);
      if (err > worstErr) {
        worstErr = err;
        worst = k;
      }
    }
  }
  if (bad > 0) {
    const where = `${name}${indexLabel(worst, cols)}`;
    const [e, g] = fmtPair(want[worst], got[worst]);
    fail(m.entriesDiffer(where, e, g, bad, want.length, fmtErr(worstErr)));
  }
}

/** A copy of the numbers inside a value, to check later that it was not modified. */
export function snapshot(value: Matrix | Float64Array): Float64Array {
  return Float64Array.from(isMatrix(value) ? value.data : value);
}

/**
 * The input `name` must still equal the snapshot taken before the call: backward passes and
 * layers must not write into their inputs (the caller may still need them).
 */
export function expectUnchanged(name: string, value: Matrix | Float64Array, before: Float64Array, by: string): void {
  const now = isMatrix(value) ? value.data : value;
  const cols = isMatrix(value) ? value.cols : undefined;
  for (let k = 0; k < before.length; k++) {
    if (!Object.is(now[k], before[k])) {
      fail(m.modifiedInput(by, name, `${name}${indexLabel(k, cols)}`, fmt(before[k]), fmt(now[k])));
    }
  }
}

/** `value` must be a function exported under `name`. */
export function expectFunction(module: Record<string, unknown>, name: string, file: string): void {
  if (typeof module[name] !== 'function') {
    fail(m.mustExport(file, name, describeValue(module[name])));
  }
}

/** Call `f` and require that it throws an Error whose message contains every one of `mentions`. */
export function expectThrowsMentioning(what: string, f: () => unknown, mentions: string[]): void {
  let thrown: unknown;
  try {
    f();
  } catch (error) {
    if (isNotImplemented(error)) throw error;
    thrown = error;
  }
  if (thrown === undefined) fail(m.shouldThrow(what));
  if (!(thrown instanceof Error)) fail(m.threwNonError(what, describeValue(thrown)));
  const missing = mentions.filter((m) => !thrown.message.includes(m));
  if (missing.length > 0) {
    fail(m.messageShouldName(what, thrown.message, missing.map((text) => m.quoted(text)).join(m.and)));
  }
}

/**
 * A backward pass reads everything from its cache argument: `again`, computed from the same
 * cache after another forward pass ran (a network runs every forward pass before any backward
 * pass), must equal `first` bit for bit. `calls` names the two calls as the learner wrote them.
 */
export function expectCacheStillServes(
  calls: { forward: string; backward: string },
  name: string,
  first: Matrix,
  again: Matrix,
  advice: string = m.readEverythingFromCache,
): void {
  const k = first.data.findIndex((value, i) => !Object.is(value, again.data[i]));
  check(k === -1, () =>
    m.cacheOverwritten(calls.forward, calls.backward, name, `${name}${indexLabel(k, first.cols)}`, fmt(first.data[k]), fmt(again.data[k]), advice),
  );
}
