/**
 * Drawing a training run in the terminal (`npm run train`): the progress bar, the per-epoch
 * line, the confusion matrix, the loss curve and handwritten digits. Pure functions from the
 * trainer's data to text (colours via a Style, so pipes get plain text); the command prints them.
 */
import { IMAGE_COLS, IMAGE_ROWS, IMAGE_SIZE, type MnistSet } from '../../katas/lib/mnist.ts';
import type { BatchProgress, EpochSummary, Evaluation } from '../../solutions/train/trainer.ts';
import { displayWidth, padEndTo, padStartTo } from '../i18n/width.ts';
import { trainText as m } from '../messages/train.ts';
import type { Style } from './style.ts';

const percent = (x: number, digits = 2): string => `${(100 * x).toFixed(digits)}%`;
const grouped = (n: number): string => Math.round(n).toLocaleString('en-US');

/** "0:07", "1:02:03": seconds as a clock. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(r)}` : `${m}:${pad(r)}`;
}

function epochLabel(epoch: number, epochs: number): string {
  return m.epochLabel(String(epoch).padStart(String(epochs).length), epochs);
}

function bar(fraction: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return '━'.repeat(filled) + ' '.repeat(width - filled);
}

/**
 * One line while an epoch runs: bar, batches, running loss and accuracy, speed and the time
 * left in this epoch (and in the whole run, from the epochs before).
 */
export function progressLine(p: BatchProgress, style: Style, previousEpochSeconds: number[] = [], barWidth = 24): string {
  const perBatch = p.seconds / Math.max(1, p.batch);
  const epochLeft = perBatch * (p.batches - p.batch);
  const epochEstimate = previousEpochSeconds.length > 0 ? previousEpochSeconds[previousEpochSeconds.length - 1] : perBatch * p.batches;
  const runLeft = epochLeft + (p.epochs - p.epoch) * epochEstimate;
  const left = p.epoch < p.epochs ? m.leftInEpochAndRun(clock(epochLeft), clock(runLeft)) : m.leftInEpoch(clock(epochLeft));
  return [
    epochLabel(p.epoch, p.epochs),
    style.cyan(bar(p.batch / p.batches, barWidth)),
    `${String(p.batch).padStart(String(p.batches).length)}/${p.batches}`,
    m.loss(p.loss.toFixed(4)),
    m.acc(percent(p.accuracy)),
    m.samplesPerSecond(grouped(p.samples / Math.max(1e-9, p.seconds))),
    style.dim(left),
  ].join('  ');
}

/** The line an epoch leaves behind when it is done. */
export function epochLine(s: EpochSummary, epochs: number, style: Style, barWidth = 24): string {
  const parts = [
    epochLabel(s.epoch, epochs),
    style.green(bar(1, barWidth)),
    m.loss(s.loss.toFixed(4)),
    m.acc(percent(s.accuracy)),
  ];
  if (s.testAccuracy !== undefined) parts.push(style.bold(m.test(percent(s.testAccuracy))));
  parts.push(m.seconds(s.seconds.toFixed(1)), m.samplesPerSecond(grouped(s.samplesPerSecond)));
  return parts.join('  ');
}

/**
 * The confusion matrix: a row per true digit, a column per predicted digit. The diagonal (right
 * answers) is green; mistakes are red when they are one of the most frequent ones.
 */
export function confusionTable(evaluation: Evaluation, style: Style): string {
  const { confusion } = evaluation;
  const k = confusion.length;
  const width = Math.max(5, ...confusion.flat().map((n) => String(n).length + 2));
  const cell = (text: string): string => padStartTo(text, width);
  // The accuracy column is as wide as its heading ("acc", "准确率") needs, with a space before it.
  const accWidth = Math.max(width, displayWidth(m.accColumn) + 1);
  const accCell = (text: string): string => padStartTo(text, accWidth);
  const mistakes = confusion.flatMap((row, i) => row.filter((_, j) => j !== i)).sort((a, b) => b - a);
  const worst = mistakes[Math.min(4, mistakes.length - 1)] ?? 0;
  const digits = Array.from({ length: k }, (_, j) => cell(String(j))).join('');
  const lines = [
    `${' '.repeat(8)}${style.dim(m.predicted)}`,
    `  ${padEndTo(m.trueDigit, 6)}${digits}${accCell(m.accColumn)}`,
  ];
  confusion.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    const cells = row.map((n, j) => {
      const text = cell(String(n));
      if (i === j) return style.green(text);
      if (n === 0) return style.dim(cell('·'));
      return n >= worst && worst > 0 ? style.red(text) : text;
    });
    const accuracy = total === 0 ? '' : `${((100 * row[i]) / total).toFixed(1)}`;
    lines.push(`  ${String(i).padEnd(6)}${cells.join('')}${accCell(accuracy)}`);
  });
  return lines.join('\n');
}

/**
 * The loss per batch as a line chart, averaged into `width` columns (so the noise of single
 * batches smooths out), on a log scale when the loss falls by more than 10×.
 */
export function lossCurve(losses: readonly number[], style: Style, width = 60, height = 10, batchesPerEpoch = 0): string {
  if (losses.length === 0) return '';
  const columns = Math.max(1, Math.min(width, losses.length));
  const points: number[] = [];
  for (let c = 0; c < columns; c++) {
    const [from, to] = [Math.floor((c * losses.length) / columns), Math.floor(((c + 1) * losses.length) / columns)];
    let sum = 0;
    for (let i = from; i < to; i++) sum += losses[i];
    points.push(sum / Math.max(1, to - from));
  }
  const finite = points.filter((p) => Number.isFinite(p) && p > 0);
  if (finite.length === 0) return m.noFiniteLoss;
  const [low, high] = [Math.min(...finite), Math.max(...finite)];
  const logScale = high / low > 10;
  const f = (v: number): number => (logScale ? Math.log10(v) : v);
  const [fLow, fHigh] = [f(low), f(high) === f(low) ? f(low) + 1 : f(high)];
  const rowOf = (v: number): number =>
    Number.isFinite(v) && v > 0 ? Math.round(((fHigh - f(v)) / (fHigh - fLow)) * (height - 1)) : 0;
  const grid = Array.from({ length: height }, () => new Array<string>(columns).fill(' '));
  let previous = rowOf(points[0]);
  points.forEach((v, c) => {
    const r = rowOf(v);
    // Join to the previous point with a vertical stroke so a steep fall stays a line.
    for (let between = Math.min(previous, r) + 1; between < Math.max(previous, r); between++) grid[between][c] = '│';
    grid[r][c] = '•';
    previous = r;
  });
  const label = (r: number): string => {
    const value = logScale ? 10 ** (fHigh - (r / (height - 1)) * (fHigh - fLow)) : fHigh - (r / (height - 1)) * (fHigh - fLow);
    return value.toPrecision(2).padStart(8);
  };
  const lines = grid.map((cells, r) => {
    const axis = r === 0 || r === height - 1 || r === Math.floor((height - 1) / 2) ? label(r) : ' '.repeat(8);
    return `${style.dim(axis)} ┤${style.cyan(cells.join(''))}`;
  });
  lines.push(`${' '.repeat(9)}└${'─'.repeat(columns)}`);
  const epochs = batchesPerEpoch > 0 ? m.epochsDrawn((losses.length / batchesPerEpoch).toFixed(losses.length % batchesPerEpoch === 0 ? 0 : 1)) : '';
  lines.push(`${' '.repeat(10)}${style.dim(`${m.batchesDrawn(grouped(losses.length))}${epochs}${logScale ? m.logScale : ''}`)}`);
  return lines.join('\n');
}

/** Quadrant block characters indexed by the 4 bits (top-left, top-right, bottom-left, bottom-right). */
const QUADRANTS = [' ', '▘', '▝', '▀', '▖', '▌', '▞', '▛', '▗', '▚', '▐', '▜', '▄', '▙', '▟', '█'];

/** A 28×28 image as 14 lines of 14 characters, each character showing 2×2 pixels (ink ≥ 50%). */
export function digitLines(set: MnistSet, index: number): string[] {
  const pixel = (r: number, c: number): number => (set.images[index * IMAGE_SIZE + r * IMAGE_COLS + c] >= 128 ? 1 : 0);
  const lines: string[] = [];
  for (let r = 0; r < IMAGE_ROWS; r += 2) {
    let line = '';
    for (let c = 0; c < IMAGE_COLS; c += 2) {
      line += QUADRANTS[pixel(r, c) | (pixel(r, c + 1) << 1) | (pixel(r + 1, c) << 2) | (pixel(r + 1, c + 1) << 3)];
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Up to `count` misclassified test digits side by side, as many per row as `width` allows,
 * each captioned with the true label and the prediction.
 */
export function misclassified(set: MnistSet, evaluation: Evaluation, style: Style, count = 8, width = 80): string {
  const wrong: number[] = [];
  for (let i = 0; i < set.count && wrong.length < count; i++) if (evaluation.predicted[i] !== set.labels[i]) wrong.push(i);
  if (wrong.length === 0) return m.noneMisclassified;
  const cellWidth = IMAGE_COLS / 2 + 4;
  const perRow = Math.max(1, Math.floor(width / cellWidth));
  const blocks: string[] = [];
  for (let start = 0; start < wrong.length; start += perRow) {
    const group = wrong.slice(start, start + perRow);
    const images = group.map((i) => digitLines(set, i));
    const lines: string[] = [];
    lines.push(group.map((i) => style.dim(`#${i}`.padEnd(cellWidth))).join(''));
    for (let r = 0; r < images[0].length; r++) lines.push(images.map((img) => `${img[r]}    `).join(''));
    lines.push(group.map((i) => `${set.labels[i]} → ${style.red(String(evaluation.predicted[i]))}`.padEnd(cellWidth + (style.red('x').length - 1))).join(''));
    blocks.push(lines.join('\n'));
  }
  return blocks.join('\n\n');
}
