/**
 * fast-check properties with short failure messages: the smallest counterexample fast-check
 * found (shrunk), and what went wrong for it, instead of fast-check's long report.
 */
import fc from 'fast-check';
import { harness as m } from '../messages/harness.ts';
import { fail, isNotImplemented } from './failure.ts';

/** Fixed seed: a property either always passes or always fails for a given implementation. */
const SEED = 20261126;

function brief(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float64Array) return Array.from(v);
    if (typeof v === 'number' && !Number.isInteger(v)) return Number(v.toPrecision(4));
    return v;
  });
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

/**
 * Check `predicate` for `runs` random inputs drawn from `arbitrary`. The predicate throws
 * (with `fail` or `check`) when the property does not hold.
 */
export function expectProperty<T>(
  name: string,
  arbitrary: fc.Arbitrary<T>,
  predicate: (value: T) => void,
  runs = 100,
  describeInput: (value: T) => string = brief,
): void {
  const details = fc.check(fc.property(arbitrary, predicate), { seed: SEED, numRuns: runs });
  if (!details.failed) return;
  const error = details.errorInstance;
  if (isNotImplemented(error)) throw error;
  const reason = error instanceof Error ? error.message : String(error);
  const example = details.counterexample ? describeInput(details.counterexample[0]) : m.noCounterexample;
  fail(m.propertyFails(name, example, reason));
}
