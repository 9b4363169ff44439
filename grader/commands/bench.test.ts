/** `npm run bench`: its usage, and the table and JSON it prints (from given numbers: no epoch is run here). */
import { describe, expect, test } from 'vitest';
import { main } from '../main.ts';
import { fakeIo } from '../../test/fake-io.ts';
import { plain } from '../core/style.ts';
import { cnnEpochFlops, type BenchResult } from '../../solutions/train/bench.ts';
import { benchCommand, epochJson, epochTable } from './bench.ts';

const result: BenchResult = {
  epochSeconds: 1.5,
  samplesPerSecond: 40_000,
  gflopsPerSecond: 20,
  epochGflop: 30,
  baselineEpochSeconds: 30,
  testAccuracy: 0.9635,
  kernels: 'webassembly',
  trainImages: 60_000,
  baselineImages: 3200,
  baselineSeconds: 1.6,
  numpy: { epochSeconds: 1.2, testAccuracy: 0.968, version: '2.4.6', blasThreads: '1' },
  cnn: {
    layers: 'conv 8-16 → 784-10',
    epochSeconds: 30,
    images: 6400,
    seconds: 3.2,
    baselineEpochSeconds: 300,
    baselineImages: 640,
    baselineSeconds: 3.2,
    twoThreadsEpochSeconds: 20,
    twoThreadsSeconds: 2.1,
    epochGflop: 90,
  },
};

describe('usage', () => {
  test('--help and -h print it', async () => {
    for (const flag of ['--help', '-h']) {
      const io = fakeIo();
      expect(await benchCommand([flag], io)).toBe(0);
      expect(io.stdout()).toContain('Usage: npm run bench [-- options]');
      expect(io.stdout()).toContain('the default recipe');
      expect(io.stdout()).not.toMatch(/seed's/);
    }
  });

  test('an unknown option prints it, then the usage, instead of Node\'s message', async () => {
    const io = fakeIo();
    expect(await main(['bench', '--threads', '2'], io)).toBe(2);
    expect(io.stderr()).toMatch(/^Unknown option --threads\.\n\nUsage: npm run bench \[-- options\]/);
  });
});

describe('what it prints', () => {
  test('the runs side by side, each with its time relative to the reference trainer', () => {
    const table = epochTable(result, plain);
    expect(table).toMatch(/reference trainer \(TypeScript\) +1\.50 +40,000 +20\.0 +1\.00×/);
    expect(table).toMatch(/straightforward baseline +30\.00 +2,000 +1\.0 +20\.00×/);
    expect(table).toMatch(/NumPy 2\.4\.6 float64 +1\.20 +50,000 +25\.0 +0\.80×/);
    expect(table).toContain('test accuracy after that one epoch: 96.35%');
  });

  test('a machine without numpy gets a line that says so', () => {
    const table = epochTable({ ...result, numpy: { skipped: 'python3 has no numpy' } }, plain);
    expect(table).toContain('NumPy: skipped, python3 has no numpy');
    expect(epochJson({ ...result, numpy: { skipped: 'python3 has no numpy' } })).toMatchObject({ numpySkipped: 'python3 has no numpy' });
  });

  test('--json keeps the established keys and adds GFLOP/s and NumPy\'s epoch', () => {
    expect(epochJson(result)).toEqual({
      epochSeconds: 1.5,
      samplesPerSecond: 40_000,
      gflopsPerSecond: 20,
      baselineEpochSeconds: 30,
      testAccuracy: 0.9635,
      kernels: 'webassembly',
      numpyEpochSeconds: 1.2,
      numpyTestAccuracy: 0.968,
      cnnEpochSeconds: 30,
      cnnTwoThreadsEpochSeconds: 20,
      cnnBaselineEpochSeconds: 300,
      cnnGflopsPerSecond: 3,
    });
  });

  test('the CNN gets a table of its own: the reference convolution against the direct loops', () => {
    const table = epochTable(result, plain);
    expect(table).toContain('One epoch of the default CNN (conv 8-16 → 784-10, ReLU, max pool 2, softmax, Adam, batch 32) on 60,000 images');
    expect(table).toMatch(/reference trainer \(im2col \+ matrix kernels\) +30\.00 +2,000 +3\.0 +1\.00× +\(measured on 6,400 images in 3\.2 s, scaled up\)/);
    expect(table).toMatch(/the same, batch split over 2 threads +20\.00 +3,000 +4\.5 +0\.67×/);
    expect(table).toMatch(/direct-loop convolution +300\.00 +200 +0\.3 +10\.00×/);
    expect(epochTable({ ...result, cnn: { skipped: 'not asked for (--no-cnn)' } }, plain)).toContain('CNN: skipped, not asked for (--no-cnn)');
  });

  test('the CNN\'s FLOPs: convolutions (dx but the first block\'s) and dense layers (all with dx)', () => {
    // conv1 2·(2·8·9·784), conv2 3·(2·16·72·196), dense 3·2·784·10.
    expect(cnnEpochFlops({ channels: [8, 16], sizes: [784, 10] }, 1)).toBe(2 * 2 * 8 * 9 * 784 + 3 * 2 * 16 * 72 * 196 + 3 * 2 * 784 * 10);
  });
});
