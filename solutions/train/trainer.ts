/**
 * The training system: builds the network from the blocks (reference or katas), trains it on
 * MNIST with shuffled mini-batches, and evaluates it. Pure of any printing: progress goes to
 * hooks, results come back as data (grader/core/train-view.ts draws them).
 */
import { matrix, paramData, type Matrix } from '../../katas/lib/matrix.ts';
import { batchToMatrix, IMAGE_SIZE, type MnistSet } from '../../katas/lib/mnist.ts';
import { createRng, shuffle, type Rng } from '../../katas/lib/random.ts';
import { checkConfig, type TrainConfig } from './config.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { createModel, initialize, type Model } from './model.ts';
import { createNetwork, softmaxCrossEntropy, type Net } from './network.ts';
import { loadParts, type Optimizer, type Parts, type PartsLocation, type Schedules } from './parts.ts';
import { BatchSplit } from './split.ts';
import { parameterCount } from './model.ts';

export { evaluate, type Evaluation } from './evaluate.ts';

/** Where a run stands during an epoch (reported after every batch). */
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

/**
 * The learning rate of a step, from the lr-schedules kata: `epoch` and `batch` count from 0.
 * Step, exponential and cosine change it once per epoch (PyTorch's schedulers stepped after
 * each epoch, cosine over the run's epochs); warmup + cosine changes it every batch.
 */
export function scheduledLearningRate(
  schedules: Schedules | null,
  config: Pick<TrainConfig, 'lr' | 'schedule' | 'stepSize' | 'gamma' | 'warmupEpochs' | 'epochs'>,
  epoch: number,
  batch: number,
  batchesPerEpoch: number,
): number {
  const { lr } = config;
  if (config.schedule === 'constant' || schedules === null) return lr;
  switch (config.schedule) {
    case 'step':
      return schedules.stepLR(epoch, { lr, stepSize: config.stepSize, gamma: config.gamma });
    case 'exponential':
      return schedules.exponentialLR(epoch, { lr, gamma: config.gamma });
    case 'cosine':
      return schedules.cosineAnnealingLR(epoch, { lr, tMax: config.epochs });
    case 'warmup-cosine':
      return schedules.warmupCosine(epoch * batchesPerEpoch + batch, {
        lr,
        warmupSteps: config.warmupEpochs * batchesPerEpoch,
        totalSteps: config.epochs * batchesPerEpoch,
      });
  }
}

/** The batch buffers for one batch size (the last batch of an epoch may be smaller). */
interface BatchBuffers {
  x: Matrix;
  labels: Uint8Array;
  dlogits: Matrix;
}

/** A model being trained: open it, run epochs, evaluate it. */
export class TrainingSession {
  readonly model: Model;
  /** The loss of every batch so far, in order (the loss curve). */
  readonly batchLosses: number[] = [];
  /**
   * False when the optimizer has no public `lr` (a learner's may keep it under another name):
   * the learning rate then stays at its first value, whatever the schedule says.
   */
  readonly schedulable: boolean;
  private readonly network: Net;
  private readonly order: Uint32Array;
  private readonly buffers = new Map<number, BatchBuffers>();
  private optimizer!: Optimizer;
  private rng!: Rng;
  private epochsDone = 0;
  /** The worker thread that takes half of every batch (`threads: 2`), else null. */
  private split: BatchSplit | null = null;

  private constructor(
    readonly config: TrainConfig,
    readonly parts: Parts,
    private readonly train: MnistSet,
    private readonly test: MnistSet | undefined,
  ) {
    // With a second thread, the parameters live in shared memory: the worker reads them in place.
    this.model = config.threads > 1 ? createModel(config, new Float64Array(new SharedArrayBuffer(8 * parameterCount(config)))) : createModel(config);
    // Dropout draws from a stream of its own, so the same seed shuffles the same way with or without it.
    this.network = createNetwork(parts, this.model, config.dropout > 0 ? { p: config.dropout, rng: createRng(config.seed + 0x5eed) } : null);
    this.order = new Uint32Array(train.count);
    this.reset();
    this.schedulable = typeof this.optimizer.lr === 'number';
  }

  /**
   * Loads and checks the blocks (a PartsError names every kata that is missing or unsolved) and
   * initialises the weights from the seed.
   */
  static async open(
    config: TrainConfig,
    data: { train: MnistSet; test?: MnistSet },
    location: PartsLocation,
    /** Swaps blocks after loading (the benchmark's baselines). */
    adjust: (parts: Parts) => Parts = (parts) => parts,
  ): Promise<TrainingSession> {
    checkConfig(config);
    const parts = adjust(await loadParts(config, location));
    const session = new TrainingSession(config, parts, data.train, data.test);
    if (config.threads > 1) session.split = await BatchSplit.start(config, location, session.model.buffer);
    return session;
  }

  /** Stops the worker thread, if any (the session can still evaluate, not train). */
  async close(): Promise<void> {
    await this.split?.stop();
    this.split = null;
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.train.count / this.config.batchSize);
  }

  /**
   * Back to the start: the weights and image order the seed gives, a fresh optimizer, epoch 0. What the
   * benchmark does after warming up, so the measured epoch is exactly a first epoch.
   */
  reset(): void {
    this.rng = createRng(this.config.seed);
    initialize(this.model, this.rng, this.parts.norm?.create ?? null);
    for (let i = 0; i < this.order.length; i++) this.order[i] = i;
    this.optimizer = this.parts.createOptimizer(this.config);
    this.epochsDone = 0;
    this.batchLosses.length = 0;
  }

  /**
   * One pass over the training set in a fresh random order.
   * @param limitBatches stop after this many batches (the benchmark's warm-up)
   */
  runEpoch(hooks: TrainHooks = {}, limitBatches = this.batchesPerEpoch): EpochSummary {
    const epoch = ++this.epochsDone;
    const { batchSize } = this.config;
    shuffle(this.order, this.rng);
    const batches = Math.min(limitBatches, this.batchesPerEpoch);
    const started = performance.now();
    let [samples, lossSum, correct] = [0, 0, 0];
    for (let batch = 0; batch < batches; batch++) {
      const indices = this.order.subarray(batch * batchSize, Math.min(this.train.count, (batch + 1) * batchSize));
      if (this.schedulable) {
        this.optimizer.lr = scheduledLearningRate(this.parts.schedules, this.config, epoch - 1, batch, this.batchesPerEpoch);
      }
      const { x, labels, dlogits } = this.buffersFor(indices.length);
      batchToMatrix(this.train, indices, x);
      for (let i = 0; i < indices.length; i++) labels[i] = this.train.labels[indices[i]];
      let result: { lossSum: number; correct: number };
      let grads;
      const theirs = this.split ? BatchSplit.rowsFor(indices.length) : 0;
      if (this.split && theirs > 0) {
        // The worker takes the last rows, this thread the first; each half's loss is scaled by 1/batch.
        const mine = indices.length - theirs;
        this.split.post(x, labels, mine, theirs, indices.length);
        const half = this.buffersFor(mine);
        const xMine = matrix(mine, IMAGE_SIZE, x.data.subarray(0, mine * IMAGE_SIZE));
        result = softmaxCrossEntropy(this.network.forward(xMine, 'train'), labels.subarray(0, mine), 1 / indices.length, half.dlogits);
        grads = this.network.backward(half.dlogits);
        const other = this.split.collect(grads);
        result = { lossSum: result.lossSum + other.lossSum, correct: result.correct + other.correct };
      } else {
        result = softmaxCrossEntropy(this.network.forward(x, 'train'), labels, 1 / indices.length, dlogits);
        grads = this.network.backward(dlogits);
      }
      if (this.parts.clipGradNorm && this.config.clipNorm > 0) this.parts.clipGradNorm(grads.map(paramData), this.config.clipNorm);
      this.optimizer.step(this.model.params, grads);

      this.batchLosses.push(result.lossSum / indices.length);
      samples += indices.length;
      lossSum += result.lossSum;
      correct += result.correct;
      const seconds = (performance.now() - started) / 1000;
      hooks.onBatch?.({ epoch, epochs: this.config.epochs, batch: batch + 1, batches, loss: lossSum / samples, accuracy: correct / samples, seconds, samples });
    }
    const seconds = (performance.now() - started) / 1000;
    return { epoch, loss: lossSum / samples, accuracy: correct / samples, seconds, samplesPerSecond: samples / seconds };
  }

  /** The model on the test set given to `open`. */
  evaluateTest(): Evaluation {
    // i18n-exempt: a developer assertion (a caller that opened the session without a test set).
    if (!this.test) throw new Error('evaluateTest: this session was opened without a test set');
    return evaluate(this.parts, this.model, this.test);
  }

  private buffersFor(rows: number): BatchBuffers {
    let buffers = this.buffers.get(rows);
    if (!buffers) {
      const classes = this.config.sizes[this.config.sizes.length - 1];
      buffers = { x: matrix(rows, IMAGE_SIZE), labels: new Uint8Array(rows), dlogits: matrix(rows, classes) };
      this.buffers.set(rows, buffers);
    }
    return buffers;
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
  /** False when the optimizer had no public `lr`, so the learning-rate schedule could not apply. */
  schedulable: boolean;
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
      const summary = session.runEpoch(hooks);
      if (data.test) {
        evaluation = session.evaluateTest();
        summary.testAccuracy = evaluation.accuracy;
      }
      epochs.push(summary);
      hooks.onEpoch?.(summary);
    }
  } finally {
    await session.close();
  }
  const trainSeconds = epochs.reduce((s, e) => s + e.seconds, 0);
  const { model, parts, batchLosses, schedulable } = session;
  return { model, parts, config, epochs, batchLosses, trainSeconds, schedulable, evaluation };
}
