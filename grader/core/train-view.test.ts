/** What the trainer draws in the terminal: exact where a person reads numbers, shapes elsewhere. */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { displayWidth } from '../i18n/width.ts';
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

describe('in Chinese', () => {
  beforeAll(() => setLanguage('zh-CN'));
  afterAll(() => setLanguage('en'));

  /** The display column where `label` starts in `line` (a CJK character is two columns). */
  const columnOf = (line: string, label: string): number => displayWidth(line.slice(0, line.indexOf(label)));

  test('the epoch table is Chinese, and its columns line up from epoch 1 to 10', () => {
    const lines = Array.from({ length: 10 }, (_, i) =>
      epochLine({ epoch: i + 1, loss: 0.3 / (i + 1), accuracy: 0.9 + i / 200, seconds: 2.04, samplesPerSecond: 29412, testAccuracy: 0.95 + i / 400 }, 10, plain),
    );
    expect(lines[8]).toBe('第  9/10 轮  ━━━━━━━━━━━━━━━━━━━━━━━━  损失 0.0333  准确率 94.00%  测试集 97.00%  2.0 秒  29,412 样本/秒');
    for (const line of lines) expect(line).not.toMatch(/[A-Za-z]/);
    for (const label of ['━', '损失', '准确率', '测试集', '秒', '样本/秒']) {
      expect(new Set(lines.map((line) => columnOf(line, label))).size, label).toBe(1);
    }
    expect(new Set(lines.map(displayWidth)).size).toBe(1);
  });

  test('a running epoch says its progress and the time left in Chinese', () => {
    const progress = { epoch: 2, epochs: 3, batch: 500, batches: 1875, loss: 0.12345, accuracy: 0.9612, seconds: 1, samples: 16000 };
    expect(progressLine(progress, plain, [4], 10)).toBe('第 2/3 轮  ━━━          500/1875  损失 0.1235  准确率 96.12%  16,000 样本/秒  剩余 0:03（全程 0:07）');
    expect(progressLine({ ...progress, epoch: 3 }, plain, [4], 10)).toMatch(/  剩余 0:03$/);
  });

  test('the confusion matrix: Chinese headings over aligned columns', () => {
    const confusion = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 900 : j === (i + 1) % 10 ? 100 : 0)));
    const lines = confusionTable({ accuracy: 0.9, count: 10000, predicted: new Uint8Array(0), confusion }, plain).split('\n');
    expect(lines[0].trim()).toBe('预测');
    expect(lines[1]).toMatch(/^ {2}真实 {2}/);
    expect(lines[1]).toMatch(/准确率$/);
    // The header and every row are as wide, so the digits and the accuracies sit under their headings.
    expect(new Set(lines.slice(1).map(displayWidth)).size).toBe(1);
    const columnEnd = (line: string, text: string): number => displayWidth(line.slice(0, line.lastIndexOf(text) + text.length));
    for (const row of lines.slice(2)) expect(columnEnd(row, '90.0')).toBe(columnEnd(lines[1], '准确率'));
    for (const digit of ['0', '5', '9']) expect(columnEnd(lines[2 + Number(digit)], '900')).toBe(columnEnd(lines[1], ` ${digit}`));
  });

  test('the loss curve and the misclassified digits are captioned in Chinese', () => {
    const losses = Array.from({ length: 600 }, (_, i) => 2.3 * Math.exp(-i / 100));
    expect(lossCurve(losses, plain, 30, 8, 300).split('\n')[9]).toContain('共 600 个批量（2 轮），对数坐标');
    expect(lossCurve([Number.NaN], plain)).toBe('损失曲线：没有可绘制的有限损失值');
    const set: MnistSet = { count: 1, images: new Uint8Array(IMAGE_SIZE), labels: Uint8Array.of(1) };
    const evaluation: Evaluation = { accuracy: 1, count: 1, predicted: Uint8Array.of(1), confusion: [] };
    expect(misclassified(set, evaluation, plain)).toBe('测试集中没有分错的数字。');
  });
});
