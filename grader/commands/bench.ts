/**
 * `npm run bench [-- options]`: benchmarks, printed side by side: the training epoch
 * (solutions/train/bench.ts measures; `epochTable` prints) and, with --grading, how fast a
 * grade answers (bench-grading.ts).
 */
import { runBench, type BenchResult } from '../../solutions/train/bench.ts';
import { displayWidth, padEndTo, padStartTo } from '../i18n/width.ts';
import type { Io } from '../io.ts';
import { benchText as m } from '../messages/bench.ts';
import { parseArgs } from 'node:util';

/** The usage in the current language. */
export function benchUsage(): string {
  return m.usage;
}

/**
 * The usage in the language set when this module was first loaded: main.ts loads it after
 * choosing the language. Code that may change the language later calls benchUsage().
 */
export const BENCH_USAGE = benchUsage();

interface BenchOptions {
  json: boolean;
  baselineImages?: number;
  numpy: boolean;
  cnn: boolean;
  cnnBatches?: number;
  cnnBaselineBatches?: number;
  runs: number;
}

/** Each benchmark: measures, then prints (text or JSON). */
const BENCHMARKS = {
  epoch: async (options: BenchOptions, io: Io): Promise<number> => {
    const result = await runBench({
      baselineImages: options.baselineImages,
      numpy: options.numpy,
      cnn: options.cnn,
      cnnBatches: options.cnnBatches,
      cnnBaselineBatches: options.cnnBaselineBatches,
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
  if (!(Number.isInteger(value) && value >= 1)) throw new Error(m.mustBeWholeAtLeastOne(name, text));
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
        cnn: { type: 'boolean', default: true },
        'cnn-batches': { type: 'string' },
        'cnn-baseline-batches': { type: 'string' },
        grading: { type: 'boolean', default: false },
        runs: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    },
  );
  if (values.help) {
    io.out(benchUsage());
    return 0;
  }
  const options = {
    json: values.json,
    baselineImages: wholeNumber('baseline-images', values['baseline-images']),
    numpy: values.numpy,
    cnn: values.cnn,
    cnnBatches: wholeNumber('cnn-batches', values['cnn-batches']),
    cnnBaselineBatches: wholeNumber('cnn-baseline-batches', values['cnn-baseline-batches']),
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
  const { cnn } = result;
  if ('skipped' in cnn) json.cnnSkipped = cnn.skipped;
  else Object.assign(json, { cnnEpochSeconds: cnn.epochSeconds, cnnTwoThreadsEpochSeconds: cnn.twoThreadsEpochSeconds, cnnBaselineEpochSeconds: cnn.baselineEpochSeconds, cnnGflopsPerSecond: cnn.epochGflop / cnn.epochSeconds });
  return json;
}

/** The side-by-side table: each run's time, speed and its time relative to the reference trainer's. */
export function epochTable(result: BenchResult, style: Io['style']): string {
  const images = result.trainImages;
  const rows: { name: string; seconds: number; note?: string }[] = [
    { name: m.referenceTrainer, seconds: result.epochSeconds, note: m.kernelsNote(result.kernels) },
    {
      name: m.baseline,
      seconds: result.baselineEpochSeconds,
      note: m.baselineNote(result.baselineImages.toLocaleString('en-US'), result.baselineSeconds.toFixed(1)),
    },
  ];
  const { numpy } = result;
  if (!('skipped' in numpy)) {
    rows.push({ name: m.numpyRun(numpy.version), seconds: numpy.epochSeconds, note: m.numpyNote(numpy.blasThreads, percent(numpy.testAccuracy)) });
  }
  const lines = sideBySide(m.tableTitle(images.toLocaleString('en-US')), rows, result.epochSeconds, images, result.epochGflop, style);
  if ('skipped' in numpy) lines.push(style.dim(m.numpySkipped(numpy.skipped)));
  lines.push(m.testAccuracy(percent(result.testAccuracy)));
  lines.push(style.dim(m.gflopsNote(result.epochGflop.toFixed(1))));
  const { cnn } = result;
  if ('skipped' in cnn) {
    lines.push('', style.dim(m.cnnSkipped(cnn.skipped)));
  } else {
    const cnnRows = [
      { name: m.cnnReference, seconds: cnn.epochSeconds, note: m.baselineNote(cnn.images.toLocaleString('en-US'), cnn.seconds.toFixed(1)) },
      { name: m.cnnTwoThreads, seconds: cnn.twoThreadsEpochSeconds, note: m.baselineNote(cnn.images.toLocaleString('en-US'), cnn.twoThreadsSeconds.toFixed(1)) },
      { name: m.cnnBaseline, seconds: cnn.baselineEpochSeconds, note: m.baselineNote(cnn.baselineImages.toLocaleString('en-US'), cnn.baselineSeconds.toFixed(1)) },
    ];
    lines.push(...sideBySide(m.cnnTitle(cnn.layers, images.toLocaleString('en-US')), cnnRows, cnn.epochSeconds, images, cnn.epochGflop, style));
    lines.push(style.dim(m.cnnGflopsNote(cnn.epochGflop.toFixed(1))));
  }
  return lines.join('\n');
}

/** A table of runs: each one's time, speed, GFLOP/s and its time relative to the first row's (the reference's). */
function sideBySide(
  title: string,
  rows: { name: string; seconds: number; note?: string }[],
  referenceSeconds: number,
  images: number,
  epochGflop: number,
  style: Io['style'],
): string[] {
  // Columns measured in display columns: a Chinese heading or name is twice as wide as its length.
  const nameWidth = Math.max(...rows.map((r) => displayWidth(r.name)));
  const headings = [m.secondsPerEpoch, m.samplesPerSecond, m.gflops, m.timeRatio];
  const widths = [8, 10, 8, 16].map((w, i) => Math.max(w, displayWidth(headings[i])));
  const header = `  ${' '.repeat(nameWidth)}  ${headings.map((h, i) => padStartTo(h, widths[i])).join('  ')}`;
  return [
    '',
    style.bold(title),
    style.dim(header),
    ...rows.map((r) => {
      const ratio = r.seconds / referenceSeconds;
      const cells = [
        padEndTo(r.name, nameWidth),
        padStartTo(r.seconds.toFixed(2), widths[0]),
        padStartTo(Math.round(images / r.seconds).toLocaleString('en-US'), widths[1]),
        padStartTo((epochGflop / r.seconds).toFixed(1), widths[2]),
        padStartTo(`${ratio.toFixed(2)}×`, widths[3]),
      ];
      return `  ${cells.join('  ')}${r.note ? style.dim(m.rowNote(r.note)) : ''}`;
    }),
  ];
}

const percent = (x: number): string => `${(100 * x).toFixed(2)}%`;
