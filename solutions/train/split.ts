/**
 * The batch split over two threads (`--threads 2`): a worker thread holds a second copy of the
 * network over the SAME parameters (a SharedArrayBuffer), takes the second half of every batch,
 * and hands back its gradients; the main thread does the first half, adds the two (each half's
 * loss is scaled by 1/batch, so the sum is the whole batch's gradient) and steps the optimizer.
 * Only the gradient sums' order differs from one thread. The two threads meet through Atomics
 * on a small shared control array: no messages per batch.
 */
import { Worker } from 'node:worker_threads';
import { matrix, paramData, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import { IMAGE_SIZE } from '../../katas/lib/mnist.ts';
import type { TrainConfig } from './config.ts';
import { parameterCount } from './model.ts';
import type { PartsLocation } from './parts.ts';

/** The most images a worker takes from one batch (its shared input's size). */
const MAX_ROWS = 4096;

/** What the worker is started with. */
export interface SplitWorkerData {
  config: TrainConfig;
  location: PartsLocation;
  params: SharedArrayBuffer;
  grads: SharedArrayBuffer;
  control: SharedArrayBuffer;
  input: SharedArrayBuffer;
  labels: SharedArrayBuffer;
  result: SharedArrayBuffer;
}

/** control[0]: the batch number the main thread posted (−1: stop); [1]: the one the worker finished; [2]: its rows; [3]: the whole batch's rows; [4]: 1 after an error. */
export class BatchSplit {
  private readonly control: Int32Array;
  private readonly input: Float64Array;
  private readonly labels: Uint8Array;
  private readonly grads: Float64Array;
  private readonly result: Float64Array;
  private posted = 0;
  private error: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    data: SplitWorkerData,
  ) {
    this.control = new Int32Array(data.control);
    this.input = new Float64Array(data.input);
    this.labels = new Uint8Array(data.labels);
    this.grads = new Float64Array(data.grads);
    this.result = new Float64Array(data.result);
    worker.on('error', (error) => (this.error = error));
  }

  /** Starts the worker over `params` (the model's buffer, which must be shared) and waits until it has loaded its blocks. */
  static async start(config: TrainConfig, location: PartsLocation, params: Float64Array): Promise<BatchSplit> {
    const data: SplitWorkerData = {
      config,
      location,
      params: params.buffer as SharedArrayBuffer,
      grads: new SharedArrayBuffer(8 * parameterCount(config)),
      control: new SharedArrayBuffer(4 * 8),
      input: new SharedArrayBuffer(8 * MAX_ROWS * IMAGE_SIZE),
      labels: new SharedArrayBuffer(MAX_ROWS),
      result: new SharedArrayBuffer(8 * 2),
    };
    // The worker is TypeScript: it registers tsx's loader first, whatever ran this thread.
    const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
    const file = JSON.stringify(new URL('./split-worker.ts', import.meta.url).href);
    const bootstrap = `import(${tsx}).then(({ register }) => { register(); return import(${file}); })`;
    const worker = new Worker(bootstrap, { eval: true, workerData: data });
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      worker.once('message', (message) => (message === 'ready' ? resolve() : reject(new Error(String(message)))));
      worker.once('error', reject);
    });
    return new BatchSplit(worker, data);
  }

  /** Rows a worker takes of a batch of `rows`: the second half (none for a batch of one). */
  static rowsFor(rows: number): number {
    return Math.min(MAX_ROWS, Math.floor(rows / 2));
  }

  /** Hands rows [from, from + n) of x, with their labels, to the worker; `total` is the whole batch's rows. */
  post(x: Matrix, labels: ArrayLike<number>, from: number, n: number, total: number): void {
    this.input.set(x.data.subarray(from * IMAGE_SIZE, (from + n) * IMAGE_SIZE));
    for (let i = 0; i < n; i++) this.labels[i] = labels[from + i];
    this.control[2] = n;
    this.control[3] = total;
    Atomics.store(this.control, 0, ++this.posted);
    Atomics.notify(this.control, 0);
  }

  /** Waits for the worker's half, adds its gradients into `grads` (in the model's parameter order), and returns its loss sum and correct count. */
  collect(grads: readonly Param[]): { lossSum: number; correct: number } {
    while (Atomics.load(this.control, 1) !== this.posted) {
      if (this.control[4] === 1 || this.error) throw this.error ?? new Error('the batch-split worker failed'); // i18n-exempt: a developer assertion
      Atomics.wait(this.control, 1, this.posted - 1, 1000);
    }
    let offset = 0;
    for (const g of grads) {
      const d = paramData(g);
      for (let i = 0; i < d.length; i++) d[i] += this.grads[offset + i];
      offset += d.length;
    }
    return { lossSum: this.result[0], correct: this.result[1] };
  }

  /** Stops the worker. */
  async stop(): Promise<void> {
    Atomics.store(this.control, 0, -1);
    Atomics.notify(this.control, 0);
    await this.worker.terminate();
  }
}

/** A rows×784 matrix over the first rows of the shared input. */
export function inputRows(input: Float64Array, rows: number): Matrix {
  return matrix(rows, IMAGE_SIZE, input.subarray(0, rows * IMAGE_SIZE));
}
