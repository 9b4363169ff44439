/**
 * The training benchmark behind `npm run bench`: one epoch of the default recipe (784-128-128-10
 * on all 60,000 training images) with the reference trainer, side by side in the same run with
 * the straightforward baseline (baseline.ts) and, where python3 has numpy, the same epoch in
 * NumPy float64 (scripts/numpy-epoch.py). Ratios taken in one run compare like with like on
 * whatever machine this is; GFLOP/s let a reader compare without either.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchText as m } from '../../grader/messages/bench.ts';
import { activeKernels, type KernelName } from '../../katas/lib/kernels.ts';
import { loadMnist, mnistDataDir } from '../../katas/lib/mnist.ts';
import { baselineEpoch } from './baseline.ts';
import { DEFAULT_CONFIG, type TrainConfig } from './config.ts';
import { defaultLocation } from './parts.ts';
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
}

export interface BenchOptions {
  /** Images the baseline trains on before its time is scaled to a full epoch. */
  baselineImages?: number;
  /** Run the NumPy epoch when python3 has numpy (default true). */
  numpy?: boolean;
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
  return {
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
