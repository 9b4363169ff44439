/**
 * Checks shared by the optimizer katas (momentum, adam): their fixtures are whole
 * trajectories, `{ options, params, grads }` in and the parameters after every step out,
 * with matrices as nested rows and vectors as flat lists (see fixtures/<slug>/generate.py).
 */
import { isMatrix, matrix, paramData, type Param } from '../../katas/lib/matrix.ts';
import { expectMatrixClose, expectVectorClose, type Tolerance } from './assert.ts';
import { fail, GradeFailure } from './failure.ts';
import { harness as msg } from '../messages/harness.ts';
import { m, v } from './fixtures.ts';
import { sentences } from './format.ts';

/** A parameter as a fixture writes it: nested rows for a matrix, a flat list for a vector. */
export type NestedParam = number[][] | number[];

const isRows = (x: NestedParam): x is number[][] => Array.isArray(x[0]);

/** A fixture parameter as a Matrix or a Float64Array. */
export function paramFromFixture(x: NestedParam): Param {
  return isRows(x) ? m(x) : v(x);
}

/** A deep copy, so two optimizers can be run side by side on the same numbers. */
export function copyParam(p: Param): Param {
  return isMatrix(p) ? matrix(p.rows, p.cols, Float64Array.from(p.data)) : Float64Array.from(p);
}

/** A parameter against its gold value, as a matrix or as a vector. */
export function expectParamClose(name: string, got: Param, want: NestedParam, tol: Tolerance): void {
  if (isRows(want)) expectMatrixClose(name, got, want, { tol });
  else expectVectorClose(name, got, want, { tol });
}

/**
 * What an optimizer trajectory fixture holds: the options, the start, every step's gradients,
 * and, for a learning-rate schedule, the lr written into `optimizer.lr` before each step
 * (PyTorch's `param_groups[0]['lr'] = …`).
 */
export interface TrajectoryInput<Options> {
  options: Options;
  params: NestedParam[];
  grads: NestedParam[][];
  schedule?: number[];
}

/** `params[s][i]` is parameter i after step s + 1. */
export interface TrajectoryExpected {
  params: NestedParam[][];
}

/**
 * Replay a trajectory: step `optimizer` through every step's gradients and compare every
 * parameter after every step, so a failure names the first step that goes wrong
 * ("after step 2, params[0][1][0]: expected …"). With a schedule, `optimizer.lr` is written
 * before every step, and a failure on a step whose lr differs from the constructor's (or from
 * the previous step's) ends with `scheduleHint`: why a new lr must take effect at once.
 */
export function expectTrajectory<Options>(
  optimizer: { lr: number; step(params: Param[], grads: Param[]): void },
  input: TrajectoryInput<Options>,
  expected: TrajectoryExpected,
  tol: Tolerance,
  scheduleHint = '',
): void {
  const params = input.params.map(paramFromFixture);
  const schedule = input.schedule;
  let lrSoFar = optimizer.lr;
  let changed = false;
  input.grads.forEach((grads, s) => {
    if (schedule) {
      changed ||= schedule[s] !== lrSoFar;
      lrSoFar = schedule[s];
      optimizer.lr = schedule[s];
    }
    optimizer.step(params, grads.map(paramFromFixture));
    const when = schedule ? msg.afterStepWithLr(s + 1, schedule[s]) : msg.afterStep(s + 1);
    try {
      expected.params[s].forEach((want, i) => expectParamClose(msg.stepParam(when, i), params[i], want, tol));
    } catch (error) {
      if (!(error instanceof GradeFailure) || !changed || !scheduleHint) throw error;
      fail(sentences(error.message, scheduleHint));
    }
  });
}

/**
 * Run `optimizer` for `steps` steps on `params` with the gradients `gradsAt(step)` (fresh
 * arrays each time), and return the parameters after every step, flattened.
 */
export function runSteps(optimizer: { step(params: Param[], grads: Param[]): void }, params: Param[], gradsAt: (step: number) => Param[], steps: number): Float64Array[][] {
  const trajectory: Float64Array[][] = [];
  for (let s = 0; s < steps; s++) {
    optimizer.step(params, gradsAt(s));
    trajectory.push(params.map((p) => Float64Array.from(paramData(p))));
  }
  return trajectory;
}

/** A fixed, varied gradient for a parameter of `size` entries at step `s` (offset keeps parameters apart). */
export function fixedGradient(size: number, s: number, offset: number): Float64Array {
  return Float64Array.from({ length: size }, (_, k) => Math.sin(1.3 * k + 0.7 * s + offset) + 0.2);
}

/**
 * Equal up to float noise. Two NaNs count as equal: these checks compare two runs of the
 * learner's own code, and a NaN in both is for the fixtures to report, not for them.
 */
export function sameUpToNoise(a: number, b: number): boolean {
  return Object.is(a, b) || Math.abs(a - b) <= 1e-12 * (1 + Math.abs(b));
}

/** The first entry where two trajectories differ by more than float noise, or null. */
export function firstDifference(a: Float64Array[], b: Float64Array[]): { step: number; k: number } | null {
  for (let s = 0; s < a.length; s++) {
    for (let k = 0; k < a[s].length; k++) {
      if (!sameUpToNoise(a[s][k], b[s][k])) return { step: s, k };
    }
  }
  return null;
}
