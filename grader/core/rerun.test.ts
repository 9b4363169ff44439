import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createRerunner } from './rerun.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A run that takes `ms` of (fake) time, counted. */
function slowRun(ms: number) {
  const runs = { started: 0, finished: 0 };
  const run = async (): Promise<void> => {
    runs.started++;
    await new Promise((r) => setTimeout(r, ms));
    runs.finished++;
  };
  return { runs, run };
}

test('a burst of changes starts one run, once the file has been quiet', async () => {
  const { runs, run } = slowRun(10);
  const rerunner = createRerunner(run, 100);
  rerunner.changed();
  await vi.advanceTimersByTimeAsync(60);
  rerunner.changed();
  await vi.advanceTimersByTimeAsync(60);
  rerunner.changed();
  expect(runs.started).toBe(0);
  await vi.advanceTimersByTimeAsync(100);
  expect(runs.started).toBe(1);
  await vi.advanceTimersByTimeAsync(10);
  expect(runs.finished).toBe(1);
});

test('changes during a run are not lost: exactly one more run follows', async () => {
  const { runs, run } = slowRun(1000);
  const rerunner = createRerunner(run, 100);
  rerunner.runNow();
  for (let i = 0; i < 5; i++) {
    rerunner.changed();
    await vi.advanceTimersByTimeAsync(150);
  }
  expect(runs.started).toBe(1);
  await vi.advanceTimersByTimeAsync(1000);
  expect(runs.started).toBe(2);
  await vi.advanceTimersByTimeAsync(2000);
  expect(runs).toEqual({ started: 2, finished: 2 });
});

test('after stop, changes start nothing and a queued run is dropped', async () => {
  const { runs, run } = slowRun(500);
  const rerunner = createRerunner(run, 100);
  rerunner.runNow();
  rerunner.runNow();
  rerunner.stop();
  rerunner.changed();
  await vi.advanceTimersByTimeAsync(5000);
  expect(runs.started).toBe(1);
});

test('a run that throws does not stop the next one', async () => {
  let calls = 0;
  const rerunner = createRerunner(async () => {
    calls++;
    throw new Error('boom');
  }, 10);
  rerunner.runNow();
  await rerunner.settled();
  rerunner.changed();
  await vi.advanceTimersByTimeAsync(10);
  await rerunner.settled();
  expect(calls).toBe(2);
});
