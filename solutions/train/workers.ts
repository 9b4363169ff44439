/**
 * The threads that train: threads 0…T−1 are all worker threads, and the main thread only
 * directs them and shows their progress. Each worker loads the same blocks, builds a Replica
 * over the shared memory and trains the batches it is told to, in step with the others (see
 * replica.ts); thread 0 also reports progress and evaluates on the test set.
 *
 * Why not compute on the main thread too: it runs the CLI, whose libraries may detach an
 * ArrayBuffer once (inquirer does), and V8 then guards every typed-array access in that
 * thread against detached buffers, which makes the hot loops ~30% slower. Fresh workers keep
 * the fast path, and the main thread stays free to draw progress as messages arrive.
 *
 * Workers run TypeScript: each registers tsx's loader in its own thread before importing this
 * file, so the same source runs under `tsx` (npm run train) and under vitest.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { TrainConfig } from './config.ts';
import { predictSet } from './evaluate.ts';
import { loadParts, type PartsLocation } from './parts.ts';
import { abortAll, AbortedError, Replica, viewSet, type BatchResult, type Shared } from './replica.ts';

interface WorkerSetup {
  shared: Shared;
  config: TrainConfig;
  location: PartsLocation;
  thread: number;
}

/** Running totals of an epoch, as thread 0 reports them. */
export interface EpochTotals {
  /** Batches done, images seen, and the sums of their losses and right answers. */
  batches: number;
  samples: number;
  lossSum: number;
  correct: number;
  seconds: number;
}

type ToWorker = { type: 'batches'; first: number; last: number; lr: number } | { type: 'reset' } | { type: 'evaluate' };
type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; totals: EpochTotals }
  | { type: 'epoch-done'; totals: EpochTotals }
  | { type: 'evaluated' }
  | { type: 'failed'; message: string };

/** How often thread 0 reports progress during an epoch. */
const PROGRESS_MS = 50;

/** The URL of tsx's ESM API (`tsx/esm/api`), which registers the TypeScript loader in a thread. */
function tsxApiUrl(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(packageJson, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(packageJson), manifest.exports['./esm/api'].import.default)).href;
}

/** The one request the pool is waiting on, and where thread 0's messages go meanwhile. */
interface Pending {
  expect: FromWorker['type'];
  resolve: (message: FromWorker) => void;
  reject: (error: Error) => void;
  onProgress?: (totals: EpochTotals) => void;
}

export class WorkerPool {
  private pending: Pending | null = null;
  /** Set once a worker has failed or stopped: the pool cannot be used after that. */
  private broken: Error | null = null;

  private constructor(
    private readonly workers: Worker[],
    private readonly shared: Shared,
  ) {
    workers.forEach((worker, thread) => {
      worker.on('message', (message: FromWorker) => this.receive(thread, message));
      worker.on('error', (error) => this.fail(error.message));
      worker.on('exit', (code) => this.fail(`a training thread stopped (exit code ${code})`));
    });
  }

  /** Starts threads 0…shared.threads−1 and waits until each has loaded its blocks. */
  static async start(shared: Shared, config: TrainConfig, location: PartsLocation): Promise<WorkerPool> {
    const boot = [
      `import(${JSON.stringify(tsxApiUrl())})`,
      `.then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`,
      `.catch((error) => { console.error(error); process.exit(1); });`,
    ].join('');
    const workers = Array.from({ length: shared.threads }, (_, thread) => {
      const setup: WorkerSetup = { shared, config, location, thread };
      // execArgv [] keeps the parent's loader flags out; the boot code registers tsx itself.
      return new Worker(boot, { eval: true, execArgv: [], workerData: setup });
    });
    const pool = new WorkerPool(workers, shared);
    try {
      await Promise.all(workers.map((_, thread) => pool.waitFor(thread, 'ready')));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Trains batches [first, last) of the current order at learning rate `lr` on every thread; resolves with thread 0's totals. */
  runBatches(first: number, last: number, lr: number, onProgress?: (totals: EpochTotals) => void): Promise<EpochTotals> {
    const done = this.request('epoch-done', onProgress);
    this.post({ type: 'batches', first, last, lr });
    return done.then((message) => (message as { totals: EpochTotals }).totals);
  }

  /** Thread 0 predicts every test image into `shared.predictions`. */
  async evaluate(): Promise<void> {
    const done = this.request('evaluated');
    this.workers[0].postMessage({ type: 'evaluate' } satisfies ToWorker);
    await done;
  }

  /** Every thread starts its optimizer afresh (before its next batches: messages keep their order). */
  resetOptimizers(): void {
    this.post({ type: 'reset' });
  }

  async close(): Promise<void> {
    for (const worker of this.workers) worker.removeAllListeners();
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private post(message: ToWorker): void {
    for (const worker of this.workers) worker.postMessage(message);
  }

  private request(expect: FromWorker['type'], onProgress?: (totals: EpochTotals) => void): Promise<FromWorker> {
    if (this.broken) return Promise.reject(this.broken);
    return new Promise((resolve, reject) => {
      this.pending = { expect, resolve, reject, onProgress };
    });
  }

  /** The next message of one kind from one thread (while starting, before requests). */
  private waitFor(thread: number, expect: FromWorker['type']): Promise<FromWorker> {
    const worker = this.workers[thread];
    return new Promise((resolve, reject) => {
      const stop = (): void => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      const onMessage = (message: FromWorker): void => {
        if (message.type !== expect && message.type !== 'failed') return;
        stop();
        if (message.type === 'failed') reject(new Error(message.message));
        else resolve(message);
      };
      const onExit = (code: number): void => {
        stop();
        reject(new Error(`a training thread stopped while starting (exit code ${code})`));
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
    });
  }

  private receive(thread: number, message: FromWorker): void {
    if (message.type === 'failed') return this.fail(message.message);
    const pending = this.pending;
    if (!pending || thread !== 0) return;
    if (message.type === 'progress') pending.onProgress?.(message.totals);
    else if (message.type === pending.expect) {
      this.pending = null;
      pending.resolve(message);
    }
  }

  private fail(reason: string): void {
    // The first failure is the cause; the others are threads stopping because of it.
    if (this.broken) return;
    this.broken = new Error(reason);
    abortAll(this.shared, reason);
    const pending = this.pending;
    this.pending = null;
    pending?.reject(this.broken);
  }
}

/** Inside a worker thread: build the replica, then do whatever the main thread asks. */
async function workerMain(setup: WorkerSetup): Promise<void> {
  const port = parentPort as NonNullable<typeof parentPort>;
  const { shared, thread } = setup;
  const send = (message: FromWorker): void => port.postMessage(message);
  let replica: Replica;
  let parts: Awaited<ReturnType<typeof loadParts>>;
  try {
    parts = await loadParts(setup.config, setup.location, { check: false });
    replica = new Replica(parts, setup.config, shared, thread);
  } catch (error) {
    send({ type: 'failed', message: (error as Error).message });
    return;
  }
  const losses = new Float64Array(shared.losses);

  /** Thread 0's view of an epoch: every batch's loss into shared memory, totals to the main thread now and then. */
  function trainReporting(first: number, last: number): EpochTotals {
    const started = performance.now();
    const totals: EpochTotals = { batches: 0, samples: 0, lossSum: 0, correct: 0, seconds: 0 };
    let lastReport = started;
    replica.runBatches(first, last, (result: BatchResult) => {
      losses[result.batch] = result.lossSum / result.rows;
      totals.batches++;
      totals.samples += result.rows;
      totals.lossSum += result.lossSum;
      totals.correct += result.correct;
      const now = performance.now();
      if (now - lastReport >= PROGRESS_MS) {
        lastReport = now;
        totals.seconds = (now - started) / 1000;
        send({ type: 'progress', totals });
      }
    });
    totals.seconds = (performance.now() - started) / 1000;
    return totals;
  }

  port.on('message', (message: ToWorker) => {
    try {
      if (message.type === 'reset') {
        replica.resetOptimizer();
      } else if (message.type === 'batches') {
        replica.setLearningRate(message.lr);
        if (thread === 0) send({ type: 'epoch-done', totals: trainReporting(message.first, message.last) });
        else replica.runBatches(message.first, message.last);
      } else if (message.type === 'evaluate' && shared.test) {
        predictSet(parts, replica.model, viewSet(shared.test), new Uint8Array(shared.predictions));
        send({ type: 'evaluated' });
      }
    } catch (error) {
      // Another thread's failure is reported by that thread; ours, we report.
      const reason = error instanceof AbortedError ? error.message : (error as Error).message;
      if (!(error instanceof AbortedError)) abortAll(shared, reason);
      send({ type: 'failed', message: reason });
    }
  });
  send({ type: 'ready' });
}

if (!isMainThread && (workerData as Partial<WorkerSetup> | null)?.shared !== undefined) {
  void workerMain(workerData as WorkerSetup);
}
