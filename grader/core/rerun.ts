/**
 * When to grade again in watch mode. Editors write a file in bursts (truncate, write, rename,
 * chmod), so a change only starts a run after `quietMs` without another one. A change during
 * a run is not lost: exactly one more run follows it, whatever the number of changes.
 */

export interface Rerunner {
  /** The file changed. */
  changed(): void;
  /** Start a run now (after any run in progress), e.g. the first one. */
  runNow(): void;
  /** No more runs; a pending one is dropped. */
  stop(): void;
  /** Resolves when no run is in progress or queued (a change still waiting for quiet is not counted). */
  settled(): Promise<void>;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createRerunner(run: () => Promise<void>, quietMs: number, timers: Timers = realTimers): Rerunner {
  let timer: unknown;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const start = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (again && !stopped) {
          again = false;
          start();
        }
      });
  };

  return {
    changed() {
      if (stopped) return;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = timers.setTimeout(() => {
        timer = undefined;
        start();
      }, quietMs);
    },
    runNow: start,
    stop() {
      stopped = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
    },
    async settled() {
      while (running) await running;
    },
  };
}
