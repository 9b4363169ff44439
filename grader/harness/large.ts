/**
 * Checks at the sizes a real use reaches (a batch of 300, the MNIST layer 784×128), kept cheap.
 *
 * Inputs of large fixtures are not stored: both sides build them from a formula, `pattern`
 * here and in fixtures/common.py, with exact binary fractions, so Python and TypeScript get
 * the very same float64 numbers. Their gold outputs are stored as a sample of entries (rows
 * below and above 32, the last row, first and last columns), checked with `expectSampledClose`,
 * whose message says where the wrong entries start: a bug that only shows beyond the 32nd
 * row is a loop bound or a batch size written into the code.
 */
import { isMatrix, matrix, shapeOf, type Matrix } from '../../katas/lib/matrix.ts';
import { type Tolerance, FLOAT64_TOLERANCE } from './assert.ts';
import { fail, GradeFailure } from './failure.ts';
import { harness as m } from '../messages/harness.ts';
import { describeValue, fmtErr, fmtPair, sentences } from './format.ts';

/** How a fixture names a generated input: `{ rows, cols, salt, scale }` or `{ length, salt, scale }`. */
export interface PatternSpec {
  rows?: number;
  cols?: number;
  length?: number;
  salt: number;
  /** A power of two, so that scaling stays exact. */
  scale: number;
  /** Added to every entry (default 0): a large common offset such as 1e4, exact with the scales used. */
  offset?: number;
}

/**
 * Entry k of the pattern `salt`: offset + ((31k² + 7k + 101·salt) mod 2039 − 1019) / 512 · scale.
 * Every step is exact in float64 (31k² < 2^53 for the sizes used), so Python gets the same numbers.
 */
function patternData({ salt, scale, offset = 0 }: PatternSpec, length: number): Float64Array {
  return Float64Array.from({ length }, (_, k) => offset + ((((31 * k * k + 7 * k + 101 * salt) % 2039) - 1019) / 512) * scale);
}

/** The matrix a fixture describes as `{ rows, cols, salt, scale, offset? }`. */
export function patternMatrix(spec: PatternSpec): Matrix {
  const { rows = 0, cols = 0 } = spec;
  return matrix(rows, cols, patternData(spec, rows * cols));
}

/** The vector a fixture describes as `{ length, salt, scale, offset? }`. */
export function patternVector(spec: PatternSpec): Float64Array {
  return patternData(spec, spec.length ?? 0);
}

/** Gold values for some entries of a matrix: its shape and `[row, col, value]` triples. */
export interface SampledMatrix {
  shape: [number, number];
  entries: [number, number, number][];
}

/**
 * Some entries of a large matrix against their gold values. Checks that it is a Matrix of the
 * right shape, then each sampled entry; the message names the worst entry, how many sampled
 * entries differ, and, when the wrong ones all sit beyond the first rows, from which row on.
 */
export function expectSampledClose(name: string, got: unknown, want: SampledMatrix, shapeHint: string, tol: Tolerance = FLOAT64_TOLERANCE): void {
  const [rows, cols] = want.shape;
  if (!isMatrix(got)) fail(m.sampledShouldBeMatrix(name, rows, cols, shapeHint, describeValue(got)));
  if (got.rows !== rows || got.cols !== cols) fail(m.sampledWrongShape(name, shapeOf(got), rows, cols, shapeHint));
  const bad: { i: number; j: number; want: number; got: number; err: number }[] = [];
  for (const [i, j, value] of want.entries) {
    const g = got.data[i * cols + j];
    const ok = Number.isFinite(g) && Math.abs(g - value) <= tol.atol + tol.rtol * Math.abs(value);
    if (!ok) bad.push({ i, j, want: value, got: g, err: Math.abs(g - value) / Math.max(Math.abs(g), Math.abs(value), 1e-300) });
  }
  if (bad.length === 0) return;
  const worst = bad.reduce((a, b) => (b.err > a.err || Number.isNaN(b.err) ? b : a));
  const [e, g] = fmtPair(worst.want, worst.got);
  const firstBadRow = Math.min(...bad.map((b) => b.i));
  const checkedRowsBefore = new Set(want.entries.filter(([i]) => i < firstBadRow).map(([i]) => i)).size;
  const where = firstBadRow > 0 && checkedRowsBefore > 0 ? m.wrongFromRow(firstBadRow - 1, firstBadRow, rows) : '';
  fail(m.sampledDiffer(`${name}[${worst.i}][${worst.j}]`, e, g, bad.length, want.entries.length, `${rows}×${cols}`, fmtErr(worst.err)) + where);
}

/**
 * Which entries of a rows×cols matrix a sampled check looks at: rows on both sides of 32
 * (0, 1, 31, 32, 33, 63, 64, the middle, the last two) crossed with columns 0, 1, the middle and
 * the last, plus `extra` pseudo-random entries; flat indices, in order, without repeats.
 */
export function sampleEntries(rows: number, cols: number, extra = 8): number[] {
  const pick = (n: number, candidates: number[]): number[] => candidates.filter((c) => c >= 0 && c < n);
  const rowSet = pick(rows, [0, 1, 31, 32, 33, 63, 64, rows >> 1, rows - 2, rows - 1]);
  const colSet = pick(cols, [0, 1, cols >> 1, cols - 1]);
  const chosen = new Set<number>();
  for (const i of rowSet) for (const j of colSet) chosen.add(i * cols + j);
  for (let t = 1; t <= extra; t++) chosen.add((t * 7919 * 104729) % (rows * cols));
  return [...chosen].sort((a, b) => a - b);
}

/** Run a check; if it fails, add `hint` (why this case matters) after its message. */
export function withHint(hint: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof GradeFailure) fail(sentences(error.message, hint));
    throw error;
  }
}
