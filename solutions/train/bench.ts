/**
 * The benchmark behind `npm run bench`: one epoch of the default recipe (the seed's network on
 * all 60,000 training images) with the reference trainer, and the straightforward baseline
 * (baseline.ts) in the same run, so the ratio compares like with like on whatever machine
 * this is. The baseline is too slow for a whole epoch, so it is timed on a subset and scaled
 * up (its cost per image does not depend on which images they are).
 */
import { loadMnist } from '../../katas/lib/mnist.ts';
import { baselineEpoch } from './baseline.ts';
import { DEFAULT_CONFIG, type TrainConfig } from './config.ts';
import { defaultLocation } from './parts.ts';
import { TrainingSession } from './trainer.ts';

export interface BenchResult {
  /** One epoch of the default recipe with the reference trainer, in seconds. */
  epochSeconds: number;
  samplesPerSecond: number;
  /** The baseline's epoch, extrapolated from `baselineImages` images. */
  baselineEpochSeconds: number;
  /** Test accuracy after that one epoch. */
  testAccuracy: number;
  threads: number;
  trainImages: number;
  baselineImages: number;
  baselineSeconds: number;
}

export interface BenchOptions {
  /** Images the baseline trains on before its time is scaled to a full epoch. */
  baselineImages?: number;
  threads?: number;
  /** Told what is being measured, before each measurement. */
  onStatus?: (text: string) => void;
}

/** Batches trained (and then forgotten) before the measured epoch. */
const WARM_UP_BATCHES = 200;

export async function runBench(options: BenchOptions = {}): Promise<BenchResult> {
  const { train, test } = loadMnist();
  const config: TrainConfig = { ...DEFAULT_CONFIG, epochs: 1, threads: options.threads ?? DEFAULT_CONFIG.threads };
  options.onStatus?.(`Reference trainer: one epoch of ${train.count.toLocaleString('en-US')} images on ${config.threads} thread${config.threads === 1 ? '' : 's'}…`);
  const session = await TrainingSession.open(config, { train, test }, defaultLocation('reference'));
  let summary;
  let testAccuracy;
  try {
    // Let the JIT compile the hot loops in every thread first (NumPy needs no warm-up), then
    // start the run afresh: the measured epoch is exactly a first epoch of the default recipe.
    await session.runEpoch({}, WARM_UP_BATCHES);
    session.reset();
    summary = await session.runEpoch();
    testAccuracy = (await session.evaluateTest()).accuracy;
  } finally {
    await session.close();
  }

  const baselineImages = Math.min(options.baselineImages ?? 3200, train.count);
  options.onStatus?.(`Baseline (textbook triple loops): ${baselineImages.toLocaleString('en-US')} images, scaled up to ${train.count.toLocaleString('en-US')}…`);
  const baseline = baselineEpoch(train, baselineImages);
  return {
    epochSeconds: summary.seconds,
    samplesPerSecond: summary.samplesPerSecond,
    baselineEpochSeconds: (baseline.seconds * train.count) / baseline.images,
    testAccuracy,
    threads: session.config.threads,
    trainImages: train.count,
    baselineImages: baseline.images,
    baselineSeconds: baseline.seconds,
  };
}
