/**
 * The training benchmark behind `npm run bench`: one epoch of the default recipe (784-128-128-10
 * on all 60,000 training images) with the reference trainer, side by side in the same run with
 * the straightforward baseline (baseline.ts) and, where python3 has numpy, the same epoch in
 * NumPy float64 (scripts/numpy-epoch.py); then the default CNN (`--arch cnn`) for a number of
 * batches, with the reference convolution and with the direct-loop one, each scaled to an epoch. Ratios taken in one run compare like with like on
 * whatever machine this is; GFLOP/s let a reader compare without either.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchText as m } from '../../grader/messages/bench.ts';
import { activeKernels, type KernelName } from '../../katas/lib/kernels.ts';
import { loadMnist, mnistDataDir, type MnistSet } from '../../katas/lib/mnist.ts';
import { baselineEpoch, directConv2dBackward, directConv2dForward } from './baseline.ts';
import { CNN_KERNEL, cnnSides, DEFAULT_CNN_CONFIG, DEFAULT_CONFIG, describeLayers, type TrainConfig } from './config.ts';
import { defaultLocation, type Parts } from './parts.ts';
import { TrainingSession } from './trainer.ts';

const NUMPY_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'numpy-epoch.py');

/** The NumPy epoch, or why there is none. */
export type NumpyResult = { epochSeconds: number; testAccuracy: number; version: string; blasThreads: string } | { skipped: string };

export interface BenchResult {
  /** One epoch of the default recipe with the reference trainer, in seconds. */
  epochSeconds: number;
  samplesPerSecond: number;
  /** The FLOPs of an epoch's dense matrix products (see epochFlops), per second of that epoch, in billions. */
  gflopsPerSecond: number;
  epochGflop: number;
  /** The baseline's epoch, extrapolated from `baselineImages` images. */
  baselineEpochSeconds: number;
  /** Test accuracy after that one epoch. */
  testAccuracy: number;
  /** Which matrix-product kernels ran (katas/lib/kernels.ts). */
  kernels: KernelName;
  trainImages: number;
  baselineImages: number;
  baselineSeconds: number;
  numpy: NumpyResult;
  /** The default CNN's epoch, or why it was not measured. */
  cnn: CnnBenchResult | { skipped: string };
}

/** The default CNN (`--arch cnn`): a number of batches with the reference, and with the direct-loop convolution, each scaled to an epoch. */
export interface CnnBenchResult {
  /** "conv 8-16 → 784-10". */
  layers: string;
  epochSeconds: number;
  images: number;
  seconds: number;
  baselineEpochSeconds: number;
  baselineImages: number;
  baselineSeconds: number;
  /** The reference with the batch split over two threads (`--threads 2`), the same batches. */
  twoThreadsEpochSeconds: number;
  twoThreadsSeconds: number;
  /** The FLOPs of an epoch's convolutions and dense products, counted densely (see cnnEpochFlops), in billions. */
  epochGflop: number;
}

export interface BenchOptions {
  /** Images the baseline trains on before its time is scaled to a full epoch. */
  baselineImages?: number;
  /** Run the NumPy epoch when python3 has numpy (default true). */
  numpy?: boolean;
  /** Measure the CNN (default true). */
  cnn?: boolean;
  /** Batches of the CNN the reference trains (default 200), and the direct-loop baseline (default 20), each scaled to an epoch. */
  cnnBatches?: number;
  cnnBaselineBatches?: number;
  /** Told what is being measured, before each measurement. */
  onStatus?: (text: string) => void;
}

/** Batches trained (and then forgotten) before the measured epoch. */
const WARM_UP_BATCHES = 200;
/** Longer than any NumPy epoch takes; a hung python3 must not hang the benchmark. */
const NUMPY_TIMEOUT_MS = 120_000;

/**
 * The floating-point operations of one epoch's matrix products, counted densely (a
 * multiply-add is 2): the forward x·W and the backward dW = xᵀ·dout of every layer, and
 * dx = dout·Wᵀ of every layer but the first (nobody needs the images' gradient). Zeros skipped
 * by a sparse kernel still count: the number is the work NumPy's BLAS does.
 */
export function epochFlops(sizes: readonly number[], images: number): number {
  let perImage = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const products = l === 0 ? 2 : 3;
    perImage += products * 2 * sizes[l] * sizes[l + 1];
  }
  return perImage * images;
}

/**
 * The same count for a CNN: per convolution block the forward product and dW (2·F·C·KH·KW per
 * output position each) and dx but the first block's, then the dense layers, whose first one here
 * also computes dx (the convolutions need it).
 */
export function cnnEpochFlops(config: Pick<TrainConfig, 'channels' | 'sizes'>, images: number): number {
  const channels = config.channels ?? [];
  const sides = cnnSides(channels.length);
  let perImage = 0;
  let inChannels = 1;
  channels.forEach((f, k) => {
    const products = k === 0 ? 2 : 3;
    perImage += products * 2 * f * inChannels * CNN_KERNEL * CNN_KERNEL * sides[k] * sides[k];
    inChannels = f;
  });
  for (let l = 0; l + 1 < config.sizes.length; l++) perImage += 3 * 2 * config.sizes[l] * config.sizes[l + 1];
  return perImage * images;
}

/** Batches of the CNN trained (and forgotten) before each measurement. */
const CNN_WARM_UP_BATCHES = 20;

/** The default CNN for `batches` batches (after a warm-up), with the reference blocks or with `adjust`'s. */
async function cnnRun(train: MnistSet, batches: number, threads = 1, adjust?: (parts: Parts) => Parts): Promise<{ seconds: number; images: number }> {
  const config: TrainConfig = { ...DEFAULT_CNN_CONFIG, epochs: 1, threads };
  const session = await TrainingSession.open(config, { train }, defaultLocation('reference'), adjust);
  try {
    session.runEpoch({}, Math.min(CNN_WARM_UP_BATCHES, batches));
    session.reset();
    const summary = session.runEpoch({}, batches);
    return { seconds: summary.seconds, images: Math.min(train.count, batches * config.batchSize) };
  } finally {
    await session.close();
  }
}

async function runCnnBench(train: MnistSet, options: BenchOptions): Promise<CnnBenchResult> {
  const all = train.count.toLocaleString('en-US');
  const batches = options.cnnBatches ?? 200;
  const baselineBatches = options.cnnBaselineBatches ?? 20;
  const layers = describeLayers(DEFAULT_CNN_CONFIG);
  options.onStatus?.(m.statusCnn(layers, (batches * DEFAULT_CNN_CONFIG.batchSize).toLocaleString('en-US'), all));
  const reference = await cnnRun(train, batches);
  options.onStatus?.(m.statusCnnThreads((batches * DEFAULT_CNN_CONFIG.batchSize).toLocaleString('en-US'), all));
  const twoThreads = await cnnRun(train, batches, 2);
  options.onStatus?.(m.statusCnnBaseline((baselineBatches * DEFAULT_CNN_CONFIG.batchSize).toLocaleString('en-US'), all));
  const baseline = await cnnRun(train, baselineBatches, 1, (parts) => ({
    ...parts,
    conv: { ...(parts.conv as NonNullable<Parts['conv']>), conv2dForward: directConv2dForward, conv2dBackward: directConv2dBackward },
  }));
  return {
    layers,
    epochSeconds: (reference.seconds * train.count) / reference.images,
    images: reference.images,
    seconds: reference.seconds,
    baselineEpochSeconds: (baseline.seconds * train.count) / baseline.images,
    baselineImages: baseline.images,
    baselineSeconds: baseline.seconds,
    twoThreadsEpochSeconds: (twoThreads.seconds * train.count) / twoThreads.images,
    twoThreadsSeconds: twoThreads.seconds,
    epochGflop: cnnEpochFlops(DEFAULT_CNN_CONFIG, train.count) / 1e9,
  };
}

export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const { train, test } = loadMnist();
  const config: TrainConfig = { ...DEFAULT_CONFIG, epochs: 1 };
  options.onStatus?.(m.statusReference(train.count.toLocaleString('en-US')));
  const session = await TrainingSession.open(config, { train, test }, defaultLocation('reference'));
  // Let the JIT compile the hot loops first (NumPy needs no warm-up), then start the run afresh:
  // the measured epoch is exactly a first epoch of the default recipe.
  session.runEpoch({}, WARM_UP_BATCHES);
  session.reset();
  const summary = session.runEpoch();
  const testAccuracy = session.evaluateTest().accuracy;
  const epochGflop = epochFlops(config.sizes, train.count) / 1e9;

  const baselineImages = Math.min(options.baselineImages ?? 3200, train.count);
  options.onStatus?.(m.statusBaseline(baselineImages.toLocaleString('en-US'), train.count.toLocaleString('en-US')));
  const baseline = baselineEpoch(train, baselineImages);

  let numpy: NumpyResult = { skipped: m.numpyNotAsked };
  if (options.numpy ?? true) {
    options.onStatus?.(m.statusNumpy);
    numpy = runNumpyEpoch();
  }
  const cnn = (options.cnn ?? true) ? await runCnnBench(train, options) : { skipped: m.cnnNotAsked };
  return {
    cnn,
    epochSeconds: summary.seconds,
    samplesPerSecond: summary.samplesPerSecond,
    gflopsPerSecond: epochGflop / summary.seconds,
    epochGflop,
    baselineEpochSeconds: (baseline.seconds * train.count) / baseline.images,
    testAccuracy,
    kernels: activeKernels(),
    trainImages: train.count,
    baselineImages: baseline.images,
    baselineSeconds: baseline.seconds,
    numpy,
  };
}

/**
 * BLAS threads for NumPy: one, as the trainer has, unless the caller's environment says
 * otherwise. (On a busy 2-core machine, OpenBLAS's own threads also made its epoch vary from
 * 1.1 s to 18 s; one thread took 1.3 s every time.)
 */
const ONE_BLAS_THREAD = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

/** One NumPy epoch in a child process; never a download: no python3 or no numpy is a skip. */
export function runNumpyEpoch(python = 'python3'): NumpyResult {
  const env = { ...ONE_BLAS_THREAD, ...process.env };
  const run = spawnSync(python, [NUMPY_SCRIPT, mnistDataDir()], { encoding: 'utf8', timeout: NUMPY_TIMEOUT_MS, env });
  if (run.error) {
    const missing = (run.error as NodeJS.ErrnoException).code === 'ENOENT';
    return { skipped: missing ? m.noPython(python) : m.failed(python, run.error.message) };
  }
  if (run.status === 3) return { skipped: m.noNumpy(python) };
  if (run.status !== 0) return { skipped: m.failed(NUMPY_SCRIPT, run.stderr.trim().split('\n').pop() ?? m.exitCode(String(run.status))) };
  const result = JSON.parse(run.stdout) as { epochSeconds: number; testAccuracy: number; numpy: string; threads: string };
  return { epochSeconds: result.epochSeconds, testAccuracy: result.testAccuracy, version: result.numpy, blasThreads: result.threads };
}
