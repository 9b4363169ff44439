/**
 * The MNIST loader: the real files load and look like MNIST; every way a file can be missing
 * or damaged gives an Error naming the file and the reason (checked on small IDX files
 * written to a temporary folder); batches convert to float64 [0, 1] without allocating.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { matrix } from './matrix.ts';
import {
  batchToMatrix,
  firstImages,
  IMAGE_SIZE,
  loadMnist,
  loadMnistSplit,
  MNIST_FILES,
  sealTestSplit,
  testSplitReads,
  toMatrixSet,
  type LoadOptions,
  type MnistSet,
} from './mnist.ts';

/** The bytes of an IDX file: big-endian 32-bit header words, then the payload. */
function idx(header: number[], payload: Uint8Array): Buffer {
  const head = Buffer.alloc(4 * header.length);
  header.forEach((word, i) => head.writeUInt32BE(word, 4 * i));
  return Buffer.concat([head, payload]);
}

/** Three tiny "images" whose pixel p of image n is (n·784 + p) mod 256, labelled 7, 0, 9. */
function validFiles(count = 3): Record<string, Buffer> {
  const pixels = Uint8Array.from({ length: count * IMAGE_SIZE }, (_, i) => i % 256);
  const labels = Uint8Array.from({ length: count }, (_, i) => [7, 0, 9][i % 3]);
  const files: Record<string, Buffer> = {};
  for (const split of ['train', 'test'] as const) {
    files[MNIST_FILES[split].images] = idx([2051, count, 28, 28], pixels);
    files[MNIST_FILES[split].labels] = idx([2049, count], labels);
  }
  return files;
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A data folder holding the valid tiny files, with some replaced (or removed, as null). */
function dataDir(changes: Record<string, Buffer | null> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'mnist-test-'));
  tempDirs.push(dir);
  for (const [name, bytes] of Object.entries({ ...validFiles(), ...changes })) {
    if (bytes !== null) writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

const tiny = (dir: string): LoadOptions => ({ dataDir: dir, expectedCounts: null });
const trainImages = MNIST_FILES.train.images;
const trainLabels = MNIST_FILES.train.labels;

describe('the real MNIST files', () => {
  const { train, test: testSet } = loadMnist();

  test('hold 60,000 training and 10,000 test images of 28×28 bytes, labelled 0..9', () => {
    expect(train.count).toBe(60_000);
    expect(testSet.count).toBe(10_000);
    expect(train.images.length).toBe(60_000 * 784);
    expect(Array.from(train.labels.subarray(0, 8))).toEqual([5, 0, 4, 1, 9, 2, 1, 3]);
    expect(Array.from(testSet.labels.subarray(0, 8))).toEqual([7, 2, 1, 0, 4, 1, 4, 9]);
    const perDigit = new Array<number>(10).fill(0);
    for (const label of train.labels) perDigit[label]++;
    expect(Math.min(...perDigit)).toBeGreaterThan(5000);
  });

  test('are mostly paper: about 81% of the pixels are exactly 0', () => {
    let zeros = 0;
    for (const pixel of train.images) if (pixel === 0) zeros++;
    expect(zeros / train.images.length).toBeCloseTo(0.81, 2);
  });
});

describe('a missing or damaged file says which file and why', () => {
  const load = (changes: Record<string, Buffer | null>): (() => MnistSet) => () =>
    loadMnistSplit('train', tiny(dataDir(changes)));

  test('valid tiny files load', () => {
    const set = loadMnistSplit('train', tiny(dataDir()));
    expect(set.count).toBe(3);
    expect(Array.from(set.labels)).toEqual([7, 0, 9]);
    expect(set.images[IMAGE_SIZE + 1]).toBe((IMAGE_SIZE + 1) % 256);
  });

  test('a missing file', () => {
    expect(load({ [trainLabels]: null })).toThrow(/MNIST file train-labels-idx1-ubyte is missing: there is no .*npm install/);
  });

  test('a wrong magic number (labels where images belong)', () => {
    expect(load({ [trainImages]: idx([2049, 3], new Uint8Array(3)) })).toThrow(
      'MNIST file train-images-idx3-ubyte is corrupt: its magic number is 2049, but an IDX images file starts with 2051',
    );
  });

  test('a file shorter than its header', () => {
    expect(load({ [trainLabels]: Buffer.from([0, 0, 8]) })).toThrow(
      'MNIST file train-labels-idx1-ubyte is corrupt: it has 3 bytes, too few for the 8-byte IDX header',
    );
  });

  test('a truncated file', () => {
    const images = validFiles()[trainImages];
    expect(load({ [trainImages]: images.subarray(0, images.length - 100) })).toThrow(
      `MNIST file train-images-idx3-ubyte is corrupt: it is truncated: ${images.length - 100} bytes, but a header of 3 images means exactly ${images.length}`,
    );
  });

  test('a file with bytes left over', () => {
    const labels = validFiles()[trainLabels];
    expect(load({ [trainLabels]: Buffer.concat([labels, Buffer.from([1])]) })).toThrow('is too long: 12 bytes');
  });

  test('images that are not 28×28', () => {
    expect(load({ [trainImages]: idx([2051, 3, 32, 32], new Uint8Array(3 * 1024)) })).toThrow(
      'its images are 32×32 pixels, but MNIST images are 28×28',
    );
  });

  test('images and labels that disagree on the count', () => {
    expect(load({ [trainLabels]: idx([2049, 2], Uint8Array.of(1, 2)) })).toThrow(
      'MNIST files train-images-idx3-ubyte and train-labels-idx1-ubyte disagree: 3 images but 2 labels',
    );
  });

  test('a label that is not a digit', () => {
    expect(load({ [trainLabels]: idx([2049, 3], Uint8Array.of(1, 12, 3)) })).toThrow(
      'MNIST file train-labels-idx1-ubyte is corrupt: label 1 is 12, not a digit 0..9',
    );
  });

  test('a count other than the official one', () => {
    expect(() => loadMnistSplit('test', { dataDir: dataDir() })).toThrow(
      'MNIST file t10k-images-idx3-ubyte is corrupt: its header says 3 images, but this MNIST split has 10000',
    );
  });
});

describe('converting images to numbers', () => {
  const set = loadMnistSplit('train', tiny(dataDir()));

  test('a batch becomes float64 pixels in [0, 1], in the order asked, into the given matrix', () => {
    const out = matrix(2, IMAGE_SIZE);
    expect(batchToMatrix(set, [2, 0], out)).toBe(out);
    expect(out.data[0]).toBe(set.images[2 * IMAGE_SIZE] / 255);
    expect(out.data[IMAGE_SIZE + 255]).toBe(1);
    expect(out.data[IMAGE_SIZE]).toBe(0);
    expect(Math.max(...out.data)).toBe(1);
  });

  test('a batch of the wrong shape or an index out of range is refused', () => {
    expect(() => batchToMatrix(set, [0, 1], matrix(3, IMAGE_SIZE))).toThrow('out is 3×784 but a batch of 2 images needs 2×784');
    expect(() => batchToMatrix(set, [0, 3], matrix(2, IMAGE_SIZE))).toThrow('image index 3 is outside 0..2');
  });

  test('a whole set becomes { images: N×784, labels }, optionally only its first images', () => {
    const all = toMatrixSet(set);
    expect([all.images.rows, all.images.cols]).toEqual([3, IMAGE_SIZE]);
    expect(Array.from(all.labels)).toEqual([7, 0, 9]);
    const two = toMatrixSet(firstImages(set, 2));
    expect(two.images.rows).toBe(2);
    expect(Array.from(two.images.data)).toEqual(Array.from(all.images.data.subarray(0, 2 * IMAGE_SIZE)));
  });
});

describe('sealing the test split', () => {
  const options = (): LoadOptions => tiny(dataDir());

  test('loads of the test split while sealed are recorded, with the call and the caller; the data still loads', () => {
    const seal = sealTestSplit();
    const set = loadMnistSplit('test', options());
    expect(set.count).toBe(3);
    loadMnist(options());
    seal.unseal();
    expect(seal.reads.map((r) => r.call)).toEqual([`loadMnistSplit('test')`, 'loadMnist()']);
    expect(seal.reads[0].at).toMatch(/^katas\/lib\/mnist\.test\.ts:\d+$/);
  });

  test('the training split, loads before the seal and loads after unseal() are not recorded', () => {
    const before = loadMnistSplit('test', options());
    const seal = sealTestSplit();
    loadMnistSplit('train', options());
    firstImages(before, 2);
    toMatrixSet(before);
    seal.unseal();
    seal.unseal();
    loadMnistSplit('test', options());
    expect(seal.reads).toEqual([]);
  });

  test('every load of the test split is kept in the history, sealed or not', () => {
    const before = testSplitReads().length;
    loadMnistSplit('test', options());
    loadMnistSplit('train', options());
    expect(testSplitReads().length).toBe(before + 1);
    expect(testSplitReads().at(-1)?.call).toBe(`loadMnistSplit('test')`);
  });

  test('overlapping seals each record what was read while they held', () => {
    const outer = sealTestSplit();
    loadMnistSplit('test', options());
    const inner = sealTestSplit();
    loadMnistSplit('test', options());
    inner.unseal();
    outer.unseal();
    expect([outer.reads.length, inner.reads.length]).toEqual([2, 1]);
  });
});
