/**
 * Data-parallel training over threads that share memory. Each mini-batch is cut into a fixed
 * number of shards (2, or 1 with BatchNorm, which needs the whole batch in one place). Every
 * training thread 0…T−1 (worker threads, see workers.ts) holds a `Replica`: the same model,
 * whose numbers live in one SharedArrayBuffer, and a Network per shard it works on.
 * One step is:
 *
 *   1. each thread runs forward and backward on its shards, with the loss scaled by 1/(whole
 *      batch size), writing each shard's gradients into that shard's shared buffer;
 *   2. barrier: every gradient is written;
 *   3. each thread adds the shards' gradients, in shard order, over ITS slice of every
 *      parameter, and steps its own optimizer over that slice (Adam and SGD act on each
 *      number independently, so T optimizers over disjoint slices do what one does);
 *   4. barrier: every parameter is updated; the next batch may read them.
 *
 * The shards, not the threads, decide the order of every sum, so one thread and two threads
 * compute bit-for-bit the same run: a seed means the same model on any machine.
 */
import { matrix, paramData as flat, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import { batchToMatrix, IMAGE_SIZE, type MnistSet } from '../../katas/lib/mnist.ts';
import type { TrainConfig } from './config.ts';
import { createModel, parameterCount, statsCount, type Model } from './model.ts';
import { Network, softmaxCrossEntropy } from './network.ts';
import type { Optimizer, Parts } from './parts.ts';

/** Shards per batch without BatchNorm: the most threads a run can use. */
export const SHARDS = 2;

/** How a configuration cuts each batch: BatchNorm needs the whole batch in one shard. */
export function shardsFor(config: Pick<TrainConfig, 'batchnorm'>): number {
  return config.batchnorm ? 1 : SHARDS;
}

/** Control words in `Shared.control`. */
const ARRIVED = 0; // threads that reached the current barrier
const GENERATION = 1; // barriers completed so far
const ABORT = 2; // nonzero: a thread failed, its reason is written; everyone stops
const ERROR_CLAIMED = 3; // nonzero: a thread is writing its reason (the first one wins)
const CONTROL_WORDS = 4;
/** Spins before sleeping at a barrier: a step takes about a millisecond, so the wait is short. */
const SPINS = 4000;
const ERROR_BYTES = 4096;

/** A set of images in shared memory. */
export interface SharedSet {
  images: SharedArrayBuffer;
  labels: SharedArrayBuffer;
  count: number;
}

/** Everything the threads share. SharedArrayBuffers travel to workers without copying. */
export interface Shared {
  threads: number;
  shards: number;
  params: SharedArrayBuffer;
  stats: SharedArrayBuffer;
  /** One gradient buffer per shard, laid out like `params`. */
  grads: SharedArrayBuffer[];
  control: SharedArrayBuffer;
  /** Per shard: loss sum and correct count of its rows in the current batch. */
  batchStats: SharedArrayBuffer;
  /** The loss of every batch of the current epoch (Float64), written by thread 0. */
  losses: SharedArrayBuffer;
  /** The order of the training images in this epoch (Uint32). */
  order: SharedArrayBuffer;
  train: SharedSet;
  test: SharedSet | null;
  /** The predicted digit of every test image (Uint8), written when thread 0 evaluates. */
  predictions: SharedArrayBuffer;
  /** UTF-8 text of the first error any thread hit. */
  errorText: SharedArrayBuffer;
}

function shareSet(set: MnistSet): SharedSet {
  const images = new SharedArrayBuffer(set.images.length);
  new Uint8Array(images).set(set.images);
  const labels = new SharedArrayBuffer(set.labels.length);
  new Uint8Array(labels).set(set.labels);
  return { images, labels, count: set.count };
}

/** A shared set as an MnistSet (views, no copy). */
export function viewSet(set: SharedSet): MnistSet {
  return { count: set.count, images: new Uint8Array(set.images), labels: new Uint8Array(set.labels) };
}

export function createShared(config: TrainConfig, data: { train: MnistSet; test?: MnistSet }, threads: number): Shared {
  const shards = shardsFor(config);
  if (!(threads >= 1 && threads <= shards)) throw new Error(`a run with ${shards} shard(s) per batch can use 1 to ${shards} threads, not ${threads}`);
  const share = (bytes: number): SharedArrayBuffer => new SharedArrayBuffer(bytes);
  return {
    threads,
    shards,
    params: share(8 * parameterCount(config)),
    stats: share(8 * statsCount(config)),
    grads: Array.from({ length: shards }, () => share(8 * parameterCount(config))),
    control: share(4 * CONTROL_WORDS),
    batchStats: share(8 * 2 * shards),
    losses: share(8 * Math.ceil(data.train.count / config.batchSize)),
    order: share(4 * data.train.count),
    train: shareSet(data.train),
    test: data.test ? shareSet(data.test) : null,
    predictions: share(data.test?.count ?? 0),
    errorText: share(ERROR_BYTES),
  };
}

/** Thrown at a barrier when another thread has failed; the first failure's text is in `Shared.errorText`. */
export class AbortedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AbortedError';
  }
}

/** What one batch gave, summed over its shards. */
export interface BatchResult {
  batch: number;
  rows: number;
  lossSum: number;
  correct: number;
}

/** [start, end) of part t when `length` things are split into `parts` nearly equal runs. */
export function sliceOf(length: number, t: number, parts: number): [number, number] {
  return [Math.floor((length * t) / parts), Math.floor((length * (t + 1)) / parts)];
}

interface ShardNetwork {
  net: Network;
  x: Matrix;
  labels: Uint8Array;
  dlogits: Matrix;
}

export class Replica {
  readonly model: Model;
  private readonly set: MnistSet;
  private readonly control: Int32Array;
  private readonly batchStats: Float64Array;
  private readonly order: Uint32Array;
  /** The shards this thread computes: t, t + T, t + 2T, … */
  private readonly myShards: number[];
  /** Each shard's gradient buffer, as parameters (a Network's targets) and as one flat array. */
  private readonly shardGrads: Param[][];
  private readonly shardFlat: Float64Array[];
  private optimizer: Optimizer;
  /** This thread's slice of each parameter and of shard 0's gradient (where the sum goes): what its optimizer steps. */
  private readonly paramSlices: Float64Array[];
  private readonly gradSlices: Float64Array[];
  private readonly sliceRanges: [number, number][];
  private readonly networks = new Map<string, ShardNetwork>();

  constructor(
    private readonly parts: Parts,
    private readonly config: TrainConfig,
    private readonly shared: Shared,
    readonly thread: number,
  ) {
    const { threads, shards } = shared;
    this.model = createModel(config, new Float64Array(shared.params), new Float64Array(shared.stats));
    this.set = viewSet(shared.train);
    this.control = new Int32Array(shared.control);
    this.batchStats = new Float64Array(shared.batchStats);
    this.order = new Uint32Array(shared.order);
    this.myShards = Array.from({ length: shards }, (_, s) => s).filter((s) => s % threads === thread);
    this.shardFlat = shared.grads.map((g) => new Float64Array(g));
    this.shardGrads = this.shardFlat.map((g) => createModel(config, g).params);
    // With one thread the optimizer steps whole parameters; with several, each its own slices.
    this.sliceRanges = this.model.params.map((p) => sliceOf(flat(p).length, thread, threads));
    this.paramSlices = this.model.params.map((p, i) => flat(p).subarray(...this.sliceRanges[i]));
    this.gradSlices = this.shardGrads[0].map((g, i) => flat(g).subarray(...this.sliceRanges[i]));
    this.optimizer = parts.createOptimizer(config);
  }

  /**
   * Sets the optimizer's learning rate, as a PyTorch scheduler writes `param_groups[0]['lr']`:
   * the reference optimizers keep it in a public `lr` field. Returns false for an optimizer
   * without one (a learner's may not have it), which then keeps its first learning rate.
   */
  setLearningRate(lr: number): boolean {
    const optimizer = this.optimizer as unknown as { lr?: unknown };
    if (typeof optimizer.lr !== 'number') return false;
    optimizer.lr = lr;
    return true;
  }

  /** A fresh optimizer (no momentum, no step count): the start of a new run. */
  resetOptimizer(): void {
    this.optimizer = this.parts.createOptimizer(this.config);
  }

  /**
   * Trains on batches [first, last) of the current order (written into shared memory by the
   * main thread before the epoch). Thread 0 passes `onBatch`, called after every batch with
   * the whole batch's loss and accuracy.
   */
  runBatches(first: number, last: number, onBatch?: (result: BatchResult) => void): void {
    const { batchSize } = this.config;
    const { threads, shards } = this.shared;
    for (let batch = first; batch < last; batch++) {
      const start = batch * batchSize;
      const rows = Math.min(batchSize, this.set.count - start);
      let grads: Param[] = this.shardGrads[0];
      for (const shard of this.myShards) {
        const [from, to] = sliceOf(rows, shard, shards);
        if (to === from) {
          // Fewer rows than shards (a tiny last batch): this shard adds nothing.
          this.shardFlat[shard].fill(0);
          this.batchStats[2 * shard] = 0;
          this.batchStats[2 * shard + 1] = 0;
          continue;
        }
        const { net, x, labels, dlogits } = this.networkFor(shard, to - from);
        const indices = this.order.subarray(start + from, start + to);
        batchToMatrix(this.set, indices, x);
        for (let i = 0; i < indices.length; i++) labels[i] = this.set.labels[indices[i]];
        const { lossSum, correct } = softmaxCrossEntropy(net.forward(x, 'train'), labels, 1 / rows, dlogits);
        // One shard on one thread: the optimizer may read the blocks' own results, no copy.
        grads = net.backward(dlogits, shards > 1);
        this.batchStats[2 * shard] = lossSum;
        this.batchStats[2 * shard + 1] = correct;
      }
      if (threads > 1) this.barrier();
      if (onBatch) {
        let lossSum = 0;
        let correct = 0;
        for (let s = 0; s < shards; s++) {
          lossSum += this.batchStats[2 * s];
          correct += this.batchStats[2 * s + 1];
        }
        onBatch({ batch, rows, lossSum, correct });
      }
      if (shards === 1) {
        this.optimizer.step(this.model.params, grads);
        continue;
      }
      this.sumShardSlices();
      this.optimizer.step(this.paramSlices, this.gradSlices);
      if (threads > 1) this.barrier();
    }
  }

  /** Adds shards 1…S−1's gradients into shard 0's, over this thread's slices, in shard order. */
  private sumShardSlices(): void {
    const total = this.shardFlat[0];
    let offset = 0;
    for (let i = 0; i < this.model.params.length; i++) {
      const [s, e] = this.sliceRanges[i];
      for (let shard = 1; shard < this.shared.shards; shard++) {
        const other = this.shardFlat[shard];
        for (let k = offset + s; k < offset + e; k++) total[k] += other[k];
      }
      offset += flat(this.model.params[i]).length;
    }
  }

  private networkFor(shard: number, rows: number): ShardNetwork {
    const key = `${shard}:${rows}`;
    let entry = this.networks.get(key);
    if (!entry) {
      entry = {
        net: new Network(this.parts, this.model, rows, this.shardGrads[shard]),
        x: matrix(rows, IMAGE_SIZE),
        labels: new Uint8Array(rows),
        dlogits: matrix(rows, this.config.sizes[this.config.sizes.length - 1]),
      };
      this.networks.set(key, entry);
    }
    return entry;
  }

  /** Waits until every thread has arrived; throws AbortedError if a thread has failed. */
  private barrier(): void {
    const c = this.control;
    const generation = Atomics.load(c, GENERATION);
    if (Atomics.add(c, ARRIVED, 1) === this.shared.threads - 1) {
      Atomics.store(c, ARRIVED, 0);
      Atomics.add(c, GENERATION, 1);
      Atomics.notify(c, GENERATION);
      return;
    }
    let spins = 0;
    while (Atomics.load(c, GENERATION) === generation) {
      if (Atomics.load(c, ABORT) !== 0) throw new AbortedError(abortMessage(this.shared));
      if (spins++ > SPINS) Atomics.wait(c, GENERATION, generation, 20);
    }
  }
}

/** Stops every thread at its next barrier, recording why (the first reason wins). */
export function abortAll(shared: Shared, reason: string): void {
  const c = new Int32Array(shared.control);
  if (Atomics.compareExchange(c, ERROR_CLAIMED, 0, 1) === 0) {
    // The reason is written before ABORT is raised, so whoever sees ABORT can read it.
    const bytes = new TextEncoder().encode(reason).subarray(0, ERROR_BYTES - 4);
    new DataView(shared.errorText).setUint32(0, bytes.length);
    new Uint8Array(shared.errorText).set(bytes, 4);
    Atomics.store(c, ABORT, 1);
  }
  Atomics.notify(c, GENERATION);
}

export function abortMessage(shared: Shared): string {
  const length = new DataView(shared.errorText).getUint32(0);
  return new TextDecoder().decode(new Uint8Array(shared.errorText).slice(4, 4 + length));
}
