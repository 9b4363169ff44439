/** What the trainer draws in the terminal: exact where a person reads numbers, shapes elsewhere. */
import { describe, expect, test } from 'vitest';
import { plain } from './style.ts';
import { IMAGE_SIZE, type MnistSet } from '../../katas/lib/mnist.ts';
import { clock, confusionTable, digitLines, epochLine, lossCurve, misclassified, progressLine } from './train-view.ts';
import type { Evaluation } from '../../solutions/train/trainer.ts';

describe('progress', () => {
  test('a running epoch shows batches, loss, accuracy, speed and the time left in it and in the run', () => {
    const line = progressLine(
      { epoch: 2, epochs: 3, batch: 500, batches: 1875, loss: 0.12345, accuracy: 0.9612, seconds: 1, samples: 16000 },
      plain,
      [4],
      10,
    );
    expect(line).toBe('Epoch 2/3  ━━━          500/1875  loss 0.1235  acc 96.12%  16,000 samples/s  0:03 left (run 0:07)');
  });

  test('a finished epoch shows its test accuracy when there is one', () => {
    const summary = { epoch: 10, loss: 0.01, accuracy: 0.997, seconds: 2.04, samplesPerSecond: 29412, testAccuracy: 0.9812 };
    expect(epochLine(summary, 10, plain, 4)).toBe('Epoch 10/10  ━━━━  loss 0.0100  acc 99.70%  test 98.12%  2.0 s  29,412 samples/s');
  });

  test('clock', () => {
    expect([clock(0), clock(59.6), clock(61), clock(3725)]).toEqual(['0:00', '1:00', '1:01', '1:02:05']);
  });
});

describe('results', () => {
  const confusion = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 90 : j === (i + 1) % 10 ? 10 : 0)));
  const evaluation: Evaluation = { accuracy: 0.9, count: 1000, predicted: new Uint8Array(0), confusion };

  test('the confusion matrix has a row per true digit with its accuracy, zeros as dots', () => {
    const lines = confusionTable(evaluation, plain).split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[1]).toBe('  true      0    1    2    3    4    5    6    7    8    9  acc');
    expect(lines[2]).toBe('  0        90   10    ·    ·    ·    ·    ·    ·    ·    · 90.0');
  });

  test('the loss curve has the asked height, starts top left and ends bottom right for a falling loss', () => {
    const losses = Array.from({ length: 600 }, (_, i) => 2.3 * Math.exp(-i / 100));
    const lines = lossCurve(losses, plain, 30, 8, 300).split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^ +2\.1 ┤•••  /); // the first 20 batches average 2.1
    expect(lines[7]).toMatch(/•$/);
    expect(lines[9]).toContain('600 batches (2 epochs), log scale');
  });

  test('digits are drawn 14×14 from 2×2 blocks, and misclassified ones are captioned', () => {
    const image = new Uint8Array(IMAGE_SIZE);
    for (let r = 0; r < 28; r++) image[r * 28 + 13] = 255; // a vertical stroke in column 13
    const set: MnistSet = { count: 1, images: image, labels: Uint8Array.of(1) };
    const lines = digitLines(set, 0);
    expect(lines).toHaveLength(14);
    expect(lines.every((line) => line === `${' '.repeat(6)}▐${' '.repeat(7)}`)).toBe(true);
    const text = misclassified(set, { accuracy: 0, count: 1, predicted: Uint8Array.of(7), confusion }, plain);
    expect(text).toContain('#0');
    expect(text).toContain('1 → 7');
    expect(misclassified(set, { accuracy: 1, count: 1, predicted: Uint8Array.of(1), confusion }, plain)).toBe('No test digit was misclassified.');
  });
});
