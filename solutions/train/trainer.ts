/**
 * The training system: builds the network from the blocks (reference or katas), trains it on
 * MNIST with shuffled mini-batches on worker threads, and evaluates it. Pure of any printing:
 * progress goes to hooks, results come back as data (render.ts draws them).
 */
import type { MnistSet } from '../../katas/lib/mnist.ts';
import { createRng, shuffle, type Rng } from '../../katas/lib/random.ts';
import { checkConfig, learningRateAt, type TrainConfig } from './config.ts';
import { summarize, type Evaluation } from './evaluate.ts';
import { createModel, initialize, type Model } from './model.ts';
import { loadParts, type Parts, type PartsLocation } from './parts.ts';
import { createShared, shardsFor, type Shared } from './replica.ts';
import { WorkerPool, type EpochTotals } from './workers.ts';

export { evaluate, type Evaluation } from './evaluate.ts';

/** Where a run stands during an epoch (reported a few times a second). */
export interface BatchProgress {
  epoch: number;
  epochs: number;
  /** Batches done in this epoch, and how many it has. */
  batch: number;
  batches: number;
  /** Mean loss and accuracy over this epoch's batches so far. */
  loss: number;
  accuracy: number;
  /** Seconds since the epoch started. */
  seconds: number;
  samples: number;
}

export interface EpochSummary {
  epoch: number;
  /** Mean training loss and accuracy over the epoch (measured while training, as Keras does). */
  loss: number;
  accuracy: number;
  seconds: number;
  samplesPerSecond: number;
  /** Accuracy on the test set after the epoch, when one was given. */
  testAccuracy?: number;
}

export interface TrainHooks {
  onBatch?: (progress: BatchProgress) => void;
  onEpoch?: (summary: EpochSummary) => void;
}

/** The threads a run really uses: as asked, but no more than a batch has shards. */
export function threadsFor(config: Pick<TrainConfig, 'threads' | 'batchnorm'>): number {
  return Math.max(1, Math.min(config.threads, shardsFor(config)));
}

/** A model being trained, with its threads: open it, run epochs, close it. */
export class TrainingSession {
  /** The model, over the memory the threads train (read it between epochs). */
  readonly model: Model;
  /** The loss of every batch so far, in order (the loss curve). */
  readonly batchLosses: number[] = [];
  private epochsDone = 0;
  private rng: Rng;
  private readonly order: Uint32Array;
  private readonly test: MnistSet | undefined;

  private constructor(
    readonly config: TrainConfig,
    readonly parts: Parts,
    private readonly shared: Shared,
    private readonly pool: WorkerPool,
    test: MnistSet | undefined,
  ) {
    this.model = createModel(config, new Float64Array(shared.params), new Float64Array(shared.stats));
    this.order = new Uint32Array(shared.order);
    this.test = test;
    this.rng = this.start();
  }

  /**
   * Loads and checks the blocks (a PartsError names every kata that is missing or unsolved),
   * starts the threads over shared copies of the images and the model, and initialises the
   * weights from the seed. A run uses at most as many threads as a batch has shards: 2, or 1
   * with BatchNorm.
   */
  static async open(config: TrainConfig, data: { train: MnistSet; test?: MnistSet }, location: PartsLocation): Promise<TrainingSession> {
    checkConfig(config);
    const effective: TrainConfig = { ...config, threads: threadsFor(config) };
    const parts = await loadParts(effective, location);
    const shared = createShared(effective, data, effective.threads);
    const pool = await WorkerPool.start(shared, effective, location);
    return new TrainingSession(effective, parts, shared, pool, data.test);
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.shared.train.count / this.config.batchSize);
  }

  /** The weights, the order of the images and the random numbers as the seed makes them. */
  private start(): Rng {
    const rng = createRng(this.config.seed);
    initialize(this.model, rng);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.epochsDone = 0;
    this.batchLosses.length = 0;
    return rng;
  }

  /**
   * Back to the state `open` left: the seed's weights, fresh optimizers, epoch 0. The threads
   * and their compiled code stay, which is why the benchmark warms up and then resets.
   */
  reset(): void {
    this.rng = this.start();
    this.pool.resetOptimizers();
  }

  /**
   * One pass over the training set in a fresh random order.
   * @param limitBatches stop after this many batches (the benchmark's warm-up)
   */
  async runEpoch(hooks: TrainHooks = {}, limitBatches = this.batchesPerEpoch): Promise<EpochSummary> {
    const epoch = ++this.epochsDone;
    shuffle(this.order, this.rng);
    const batches = Math.min(limitBatches, this.batchesPerEpoch);
    const progress = (t: EpochTotals): BatchProgress => ({
      epoch,
      epochs: this.config.epochs,
      batch: t.batches,
      batches,
      loss: t.lossSum / t.samples,
      accuracy: t.correct / t.samples,
      seconds: t.seconds,
      samples: t.samples,
    });
    const lr = learningRateAt(this.config, epoch);
    const totals = await this.pool.runBatches(0, batches, lr, hooks.onBatch && ((t) => hooks.onBatch?.(progress(t))));
    hooks.onBatch?.(progress(totals));
    this.batchLosses.push(...new Float64Array(this.shared.losses, 0, batches));
    return {
      epoch,
      loss: totals.lossSum / totals.samples,
      accuracy: totals.correct / totals.samples,
      seconds: totals.seconds,
      samplesPerSecond: totals.samples / totals.seconds,
    };
  }

  /** The model on the test set given to `open`, computed by a training thread. */
  async evaluateTest(): Promise<Evaluation> {
    if (!this.test) throw new Error('evaluateTest: this session was opened without a test set');
    await this.pool.evaluate();
    return summarize(this.test.labels, new Uint8Array(this.shared.predictions).slice());
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}

export interface TrainResult {
  model: Model;
  parts: Parts;
  config: TrainConfig;
  epochs: EpochSummary[];
  batchLosses: number[];
  /** Wall-clock seconds spent training (not loading, not evaluating). */
  trainSeconds: number;
  /** The final model on the test set, when one was given. */
  evaluation?: Evaluation;
}

/** Trains for config.epochs epochs; with a test set, reports its accuracy after each epoch. */
export async function train(
  config: TrainConfig,
  data: { train: MnistSet; test?: MnistSet },
  location: PartsLocation,
  hooks: TrainHooks = {},
): Promise<TrainResult> {
  const session = await TrainingSession.open(config, data, location);
  const epochs: EpochSummary[] = [];
  let evaluation: Evaluation | undefined;
  try {
    for (let e = 0; e < config.epochs; e++) {
      const summary = await session.runEpoch(hooks);
      if (data.test) {
        evaluation = await session.evaluateTest();
        summary.testAccuracy = evaluation.accuracy;
      }
      epochs.push(summary);
      hooks.onEpoch?.(summary);
    }
  } finally {
    await session.close();
  }
  const trainSeconds = epochs.reduce((s, e) => s + e.seconds, 0);
  return { model: session.model, parts: session.parts, config: session.config, epochs, batchLosses: session.batchLosses, trainSeconds, evaluation };
}
