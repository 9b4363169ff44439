/**
 * `npm run bench [-- options]`: benchmarks, printed side by side: the training epoch
 * (solutions/train/bench.ts measures; `epochTable` prints) and, with --grading, how fast a
 * grade answers (bench-grading.ts).
 */
import { runBench, type BenchResult } from '../../solutions/train/bench.ts';
import type { Io } from '../io.ts';
import { parseArgs } from 'node:util';

export const BENCH_USAGE = `Usage: npm run bench [-- options]
Times one epoch of the default recipe (784-128-128-10, ReLU, softmax cross-entropy, Adam lr 1e-3,
batch 32, all 60,000 training images) with the reference trainer, side by side with a
straightforward TypeScript baseline and, when python3 has numpy, the same epoch in NumPy float64.

  --json                  print the numbers as JSON (epochSeconds, samplesPerSecond, gflopsPerSecond,
                          baselineEpochSeconds, testAccuracy, numpyEpochSeconds when measured)
  --baseline-images N     images the baseline trains on before its time is scaled up (default 3200)
  --no-numpy              skip the NumPy epoch (it runs with one BLAS thread, like the trainer,
                          unless OPENBLAS_NUM_THREADS says otherwise)
  --grading               instead: how fast a grade answers, cold (npm run grade -- sigmoid) and
                          warm (save → scorecard in watch mode), against a bare tsx start
  --runs N                with --grading: the median of N runs (default 5)
  -h, --help              this text`;

interface BenchOptions {
  json: boolean;
  baselineImages?: number;
  numpy: boolean;
  runs: number;
}

/** Each benchmark: measures, then prints (text or JSON). */
const BENCHMARKS = {
  epoch: async (options: BenchOptions, io: Io): Promise<number> => {
    const result = await runBench({
      baselineImages: options.baselineImages,
      numpy: options.numpy,
      onStatus: options.json ? undefined : (text) => io.out(io.style.dim(text)),
    });
    io.out(options.json ? JSON.stringify(epochJson(result), null, 2) : epochTable(result, io.style));
    return 0;
  },
  grading: async (options: BenchOptions, io: Io): Promise<number> => {
    const { benchGrading, renderGradingBench } = await import('./bench-grading.ts');
    const result = await benchGrading(options.runs);
    io.out(options.json ? JSON.stringify(result, null, 2) : renderGradingBench(result, io));
    return 0;
  },
};

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(Number.isInteger(value) && value >= 1)) throw new Error(`--${name} must be a whole number ≥ 1, got "${text}"`);
  return value;
}

export async function benchCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs(
    {
      args: argv,
      allowPositionals: false,
      allowNegative: true,
      options: {
        json: { type: 'boolean', default: false },
        'baseline-images': { type: 'string' },
        numpy: { type: 'boolean', default: true },
        grading: { type: 'boolean', default: false },
        runs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
  );
  if (values.help) {
    io.out(BENCH_USAGE);
    return 0;
  }
  const options = {
    json: values.json,
    baselineImages: wholeNumber('baseline-images', values['baseline-images']),
    numpy: values.numpy,
    runs: wholeNumber('runs', values.runs) ?? 5,
  };
  return BENCHMARKS[values.grading ? 'grading' : 'epoch'](options, io);
}

/** The JSON of `--json`: flat numbers a script can compare from run to run. */
export function epochJson(result: BenchResult): Record<string, number | string> {
  const { epochSeconds, samplesPerSecond, gflopsPerSecond, baselineEpochSeconds, testAccuracy, kernels, numpy } = result;
  const json: Record<string, number | string> = { epochSeconds, samplesPerSecond, gflopsPerSecond, baselineEpochSeconds, testAccuracy, kernels };
  if ('skipped' in numpy) json.numpySkipped = numpy.skipped;
  else Object.assign(json, { numpyEpochSeconds: numpy.epochSeconds, numpyTestAccuracy: numpy.testAccuracy });
  return json;
}

/** The side-by-side table: each run's time, speed and its time relative to the reference trainer's. */
export function epochTable(result: BenchResult, style: Io['style']): string {
  const images = result.trainImages;
  const rows: { name: string; seconds: number; note?: string }[] = [
    { name: 'reference trainer (TypeScript)', seconds: result.epochSeconds, note: `matrix products: ${result.kernels} kernels` },
    {
      name: 'straightforward baseline',
      seconds: result.baselineEpochSeconds,
      note: `measured on ${result.baselineImages.toLocaleString('en-US')} images in ${result.baselineSeconds.toFixed(1)} s, scaled up`,
    },
  ];
  const { numpy } = result;
  if (!('skipped' in numpy)) {
    const note = `BLAS threads: ${numpy.blasThreads}; test accuracy ${percent(numpy.testAccuracy)}`;
    rows.push({ name: `NumPy ${numpy.version} float64`, seconds: numpy.epochSeconds, note });
  }
  const nameWidth = Math.max(...rows.map((r) => r.name.length));
  const header = `  ${''.padEnd(nameWidth)}  ${'s/epoch'.padStart(8)}  ${'samples/s'.padStart(10)}  ${'GFLOP/s'.padStart(8)}  ${'time ÷ reference'.padStart(16)}`;
  const lines = [
    '',
    style.bold(`One epoch of the default recipe (784-128-128-10, ReLU, softmax, Adam, batch 32) on ${images.toLocaleString('en-US')} images:`),
    style.dim(header),
    ...rows.map((r) => {
      const ratio = r.seconds / result.epochSeconds;
      const cells = [
        r.name.padEnd(nameWidth),
        r.seconds.toFixed(2).padStart(8),
        Math.round(images / r.seconds).toLocaleString('en-US').padStart(10),
        (result.epochGflop / r.seconds).toFixed(1).padStart(8),
        `${ratio.toFixed(2)}×`.padStart(16),
      ];
      return `  ${cells.join('  ')}${r.note ? style.dim(`  (${r.note})`) : ''}`;
    }),
  ];
  if ('skipped' in numpy) lines.push(style.dim(`  NumPy: skipped, ${numpy.skipped}`));
  lines.push(`  test accuracy after that one epoch: ${percent(result.testAccuracy)}`);
  lines.push(
    style.dim(
      `  GFLOP/s: the ${result.epochGflop.toFixed(1)} GFLOP of an epoch's matrix products counted densely (forward, dW, and dx but the first layer's), per second.`,
    ),
  );
  return lines.join('\n');
}

const percent = (x: number): string => `${(100 * x).toFixed(2)}%`;
