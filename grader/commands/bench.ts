/**
 * `npm run bench [-- --json] [--threads N] [--baseline-images N]`: one epoch of the default
 * recipe with the reference trainer, against the straightforward baseline in the same run.
 * The measuring is in solutions/train/bench.ts; this module parses, calls and prints.
 */
import { parseArgs } from 'node:util';
import { runBench } from '../../solutions/train/bench.ts';
import type { Io } from '../io.ts';

export const BENCH_USAGE = `Usage: npm run bench [-- --json] [--threads N] [--baseline-images N]
       npm run bench -- --grading [--runs N] [--json]

One epoch of the default recipe with the reference trainer, timed against a straightforward
baseline in the same run. With --grading: how fast a grade answers, cold (npm run grade) and
warm (save → scorecard in watch mode), median of N runs (default 5).`;


function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!(Number.isInteger(value) && value >= 1)) throw new Error(`--${name} must be a whole number ≥ 1, got "${text}"`);
  return value;
}

export async function benchCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      grading: { type: 'boolean', default: false },
      runs: { type: 'string' },
      json: { type: 'boolean', default: false },
      threads: { type: 'string' },
      'baseline-images': { type: 'string' },
    },
  });
  if (values.grading) {
    const { benchGrading, renderGradingBench } = await import('./bench-grading.ts');
    const result = await benchGrading(wholeNumber('runs', values.runs) ?? 5);
    io.out(values.json ? JSON.stringify(result, null, 2) : renderGradingBench(result, io));
    return 0;
  }
  const { style } = io;
  const result = await runBench({
    threads: wholeNumber('threads', values.threads),
    baselineImages: wholeNumber('baseline-images', values['baseline-images']),
    onStatus: values.json ? undefined : (text) => io.out(style.dim(text)),
  });
  if (values.json) {
    const { epochSeconds, samplesPerSecond, baselineEpochSeconds, testAccuracy } = result;
    io.out(JSON.stringify({ epochSeconds, samplesPerSecond, baselineEpochSeconds, testAccuracy }, null, 2));
    return 0;
  }
  const images = result.trainImages.toLocaleString('en-US');
  const rows: [string, string][] = [
    [
      `reference trainer (${result.threads} thread${result.threads === 1 ? '' : 's'})`,
      `${result.epochSeconds.toFixed(2)} s per epoch  ${Math.round(result.samplesPerSecond).toLocaleString('en-US')} samples/s`,
    ],
    [
      'straightforward baseline',
      `${result.baselineEpochSeconds.toFixed(1)} s per epoch  (measured on ${result.baselineImages.toLocaleString('en-US')} images in ` +
        `${result.baselineSeconds.toFixed(1)} s, extrapolated to ${images})`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  io.out('');
  io.out(style.bold(`One epoch of the seed's recipe (784-128-128-10, ReLU, softmax, Adam, batch 32) on ${images} images:`));
  for (const [name, value] of rows) io.out(`  ${name.padEnd(width)}  ${value}`);
  io.out(`  ${'speed-up'.padEnd(width)}  ${style.green(`${(result.baselineEpochSeconds / result.epochSeconds).toFixed(1)}×`)}`);
  io.out(`  ${'test accuracy'.padEnd(width)}  ${(100 * result.testAccuracy).toFixed(2)}% after that one epoch`);
  return 0;
}
