/**
 * Spec for the softmax-cross-entropy kata. Run it with `npm run grade -- softmax`; the grader
 * decides which implementation `loadTarget` loads (yours by default).
 */
import fc from 'fast-check';
import { createRng, fromRows, isMatrix, matrix, normalMatrix, type Matrix, type Rng } from '../lib/index.ts';
import {
  check,
  describeValue,
  expectGradientsMatch,
  expectMatrixClose,
  expectNumberClose,
  expectProperty,
  expectThrowsMentioning,
  expectUnchanged,
  expectVectorClose,
  fail,
  fmt,
  indexLabel,
  loadFixture,
  loadTarget,
  m,
  projectOnto,
  say,
  snapshot,
  v,
  withHint,
  describe,
  test,
} from '../../grader/harness/index.ts';
import { localize } from '../../grader/i18n/language.ts';

type Impl = typeof import('./softmax.ts');
const impl = await loadTarget<Impl>();
const { softmax, logSoftmax, softmaxBackward, crossEntropy, bceWithLogits } = impl;

// ---------------------------------------------------------------------------------------
// Inputs.
// ---------------------------------------------------------------------------------------

/** Logits N×C with entries of standard deviation `spread`. */
const randomLogits = (n: number, c: number, rng: Rng, spread = 2): Matrix => normalMatrix(n, c, rng, 0, spread);

/** N class indices in 0..C−1. */
const randomLabels = (n: number, c: number, rng: Rng): number[] => Array.from({ length: n }, () => Math.floor(rng() * c));

/** n logits and n targets in [0, 1] (soft, or hard 0/1). */
function randomBinary(n: number, rng: Rng, spread = 3, hard = false): { logits: Float64Array; targets: Float64Array } {
  const logits = Float64Array.from({ length: n }, () => spread * (2 * rng() - 1));
  const targets = Float64Array.from({ length: n }, () => (hard ? (rng() < 0.5 ? 0 : 1) : rng()));
  return { logits, targets };
}

/** The first entry that is NaN or ±Infinity, or -1. */
const firstNonFinite = (values: ArrayLike<number>): number => Array.prototype.findIndex.call(values, (x: number) => !Number.isFinite(x));

/** `name` must be an N×C Matrix. */
function expectShape(name: string, got: unknown, rows: number, cols: number): asserts got is Matrix {
  check(isMatrix(got) && got.rows === rows && got.cols === cols, () =>
    say(
      `${name} should be a ${rows}×${cols} Matrix (N×C, like the input), but it is ${describeValue(got)}.`,
      `${name} 应当是 ${rows}×${cols} 的 Matrix（N×C，与输入相同），但它是 ${describeValue(got)}。`,
    ),
  );
}

/** What overflow looks like, and the usual cause, for a result that should be finite. */
const OVERFLOW_HINT = say(
  'exp of a number above about 709 is Infinity, and log of a probability that underflowed to 0 is −Infinity: take the row maximum out before exp, and stay in the log domain.',
  '大于约 709 的数取 exp 得到 Infinity，对下溢为 0 的概率取 log 得到 −Infinity：在取 exp 之前先提出每行的最大值，并且全程在对数域里计算。',
);

/** The usual cause of an infinite or NaN binary cross-entropy. */
const BCE_HINT = say(
  'σ(z) rounds to exactly 1 for z above about 37 and to 0 below about −745, and its log is then −Infinity: never go through σ, write the loss in terms of z itself.',
  'z 大于约 37 时 σ(z) 恰好舍入为 1，小于约 −745 时舍入为 0，这时它的对数是 −Infinity：不要经过 σ 计算，要直接用 z 写出损失。',
);

/** The hint for a loss against its gold value: overflow if it is not finite, else the mean. */
const lossHint = (loss: unknown, overflow: string, mean: string): string =>
  typeof loss === 'number' && !Number.isFinite(loss) ? overflow : mean;

// ---------------------------------------------------------------------------------------

describe('spec', () => {
  test(say('softmax and logSoftmax of [[1, 2, 3], [0, 0, 0]] (the worked example)', 'softmax 和 logSoftmax 作用于 [[1, 2, 3], [0, 0, 0]]（题面中的算例）'), () => {
    const z = fromRows([[1, 2, 3], [0, 0, 0]]);
    const p = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];
    expectMatrixClose('softmax(z)', softmax(z), [p, [1 / 3, 1 / 3, 1 / 3]], { shapeHint: 'N×C' });
    expectMatrixClose('logSoftmax(z)', logSoftmax(z), [p.map(Math.log), [-Math.log(3), -Math.log(3), -Math.log(3)]], { shapeHint: 'N×C' });
  });

  test(say('softmaxBackward with out = [[0.2, 0.5, 0.3]] and dout = [[1, 0, 0]] gives [[0.16, −0.1, −0.06]] (the worked example)', 'softmaxBackward 在 out = [[0.2, 0.5, 0.3]]、dout = [[1, 0, 0]] 时给出 [[0.16, −0.1, −0.06]]（题面中的算例）'), () => {
    const dz = softmaxBackward(fromRows([[1, 0, 0]]), fromRows([[0.2, 0.5, 0.3]]));
    withHint(
      say(
        'Raising z[0][0] raises out[0][0] and lowers the other two (the row still sums to 1): dz has an entry for every class, not just for the one dout points at.',
        '增大 z[0][0] 会使 out[0][0] 变大、另外两个变小（这一行的和仍是 1）：dz 的每个类别都有值，而不只是 dout 指向的那一个。',
      ),
      () => expectMatrixClose('dz', dz, [[0.16, -0.1, -0.06]], { shapeHint: 'N×C' }),
    );
  });

  test(say('crossEntropy of logits [[1, 1], [0, 0]] with labels [0, 1]: loss log 2, dlogits [[−0.25, 0.25], [0.25, −0.25]] (the worked example)', 'crossEntropy：logits [[1, 1], [0, 0]]、labels [0, 1] 时，loss 为 log 2，dlogits 为 [[−0.25, 0.25], [0.25, −0.25]]（题面中的算例）'), () => {
    const { loss, dlogits } = crossEntropy(fromRows([[1, 1], [0, 0]]), [0, 1]);
    expectNumberClose('loss', loss, Math.LN2);
    withHint(
      say('Each row of dlogits is (p − onehot)/N with N = 2 here: the loss is the mean over the rows.', 'dlogits 的每一行是 (p − onehot)/N，这里 N = 2：损失是对各行取平均。'),
      () => expectMatrixClose('dlogits', dlogits, [[-0.25, 0.25], [0.25, -0.25]], { shapeHint: 'N×C, like logits' }),
    );
  });

  test(say('bceWithLogits of logits [0, 0] with targets [1, 0]: loss log 2, dlogits [−0.25, 0.25] (the worked example)', 'bceWithLogits：logits [0, 0]、targets [1, 0] 时，loss 为 log 2，dlogits 为 [−0.25, 0.25]（题面中的算例）'), () => {
    const { loss, dlogits } = bceWithLogits(v([0, 0]), v([1, 0]));
    expectNumberClose('loss', loss, Math.LN2);
    withHint(
      say('Each entry of dlogits is (σ(z) − y)/n with n = 2 here: the loss is the mean over every entry.', 'dlogits 的每个元素是 (σ(z) − y)/n，这里 n = 2：损失是对所有元素取平均。'),
      () => expectVectorClose('dlogits', dlogits, [-0.25, 0.25], { lengthHint: say('one per logit', '每个 logit 一个') }),
    );
  });

  test(say('every result has the right type and shape (N=5, C=3; n=7)', '每个结果的类型和形状都正确（N=5, C=3；n=7）'), () => {
    const rng = createRng(1);
    const z = randomLogits(5, 3, rng);
    expectShape('softmax(z)', softmax(z), 5, 3);
    expectShape('logSoftmax(z)', logSoftmax(z), 5, 3);
    expectShape('softmaxBackward(dout, out)', softmaxBackward(normalMatrix(5, 3, rng), softmax(z)), 5, 3);
    const ce = crossEntropy(z, randomLabels(5, 3, rng));
    check(typeof ce.loss === 'number', () =>
      say(`crossEntropy's loss should be a number, but it is ${describeValue(ce.loss)}.`, `crossEntropy 的 loss 应当是一个数，但它是 ${describeValue(ce.loss)}。`),
    );
    expectShape('crossEntropy(…).dlogits', ce.dlogits, 5, 3);
    const { logits, targets } = randomBinary(7, rng);
    const bce = bceWithLogits(logits, targets);
    check(typeof bce.loss === 'number', () =>
      say(`bceWithLogits's loss should be a number, but it is ${describeValue(bce.loss)}.`, `bceWithLogits 的 loss 应当是一个数，但它是 ${describeValue(bce.loss)}。`),
    );
    check(bce.dlogits instanceof Float64Array && bce.dlogits.length === 7, () =>
      say(
        `bceWithLogits's dlogits should be a Float64Array of 7 entries (one per logit), but it is ${describeValue(bce.dlogits)}.`,
        `bceWithLogits 的 dlogits 应当是含 7 个元素的 Float64Array（每个 logit 一个），但它是 ${describeValue(bce.dlogits)}。`,
      ),
    );
  });

  test(say('crossEntropy takes labels as a plain array, an Int32Array or a Uint8Array (as MNIST stores them), with the same result', 'crossEntropy 接受普通数组、Int32Array 或 Uint8Array（MNIST 的存法）形式的 labels，结果相同'), () => {
    const rng = createRng(2);
    const logits = randomLogits(6, 4, rng);
    const labels = randomLabels(6, 4, rng);
    const want = crossEntropy(logits, labels);
    for (const [kind, typed] of [['Int32Array', Int32Array.from(labels)], ['Uint8Array', Uint8Array.from(labels)]] as const) {
      const got = crossEntropy(logits, typed);
      expectNumberClose(say(`loss with labels as a ${kind}`, `labels 为 ${kind} 时的 loss`), got.loss, want.loss, { rtol: 0, atol: 0 });
      expectMatrixClose(say(`dlogits with labels as a ${kind}`, `labels 为 ${kind} 时的 dlogits`), got.dlogits, want.dlogits, { tol: { rtol: 0, atol: 0 } });
    }
  });

  test(say('no function modifies its inputs', '所有函数都不修改它们的输入'), () => {
    const rng = createRng(3);
    const z = randomLogits(4, 3, rng);
    const before = snapshot(z);
    softmax(z);
    expectUnchanged('z', z, before, 'softmax');
    logSoftmax(z);
    expectUnchanged('z', z, before, 'logSoftmax');
    const out = fromRows([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8], [1 / 3, 1 / 3, 1 / 3], [0.6, 0.3, 0.1]]);
    const dout = normalMatrix(4, 3, rng);
    const [outBefore, doutBefore] = [snapshot(out), snapshot(dout)];
    softmaxBackward(dout, out);
    expectUnchanged('dout', dout, doutBefore, 'softmaxBackward');
    expectUnchanged('out', out, outBefore, 'softmaxBackward');
    const labels = [2, 0, 1, 1];
    crossEntropy(z, labels);
    expectUnchanged('logits', z, before, 'crossEntropy');
    check(labels.join() === '2,0,1,1', () =>
      say(`crossEntropy modified its input labels: they were [2, 0, 1, 1] and are now [${labels.join(', ')}].`, `crossEntropy 修改了它的输入 labels：原来是 [2, 0, 1, 1]，现在是 [${labels.join(', ')}]。`),
    );
    const { logits, targets } = randomBinary(5, rng);
    const [lb, tb] = [snapshot(logits), snapshot(targets)];
    bceWithLogits(logits, targets);
    expectUnchanged('logits', logits, lb, 'bceWithLogits');
    expectUnchanged('targets', targets, tb, 'bceWithLogits');
  });

  test(say('nothing returns NaN or Infinity for logits up to ±1e4', '对于绝对值不超过 1e4 的 logits，所有函数都不返回 NaN 或 Infinity'), () => {
    const rng = createRng(4);
    const z = matrix(6, 5, Float64Array.from({ length: 30 }, (_, k) => (k % 7 === 0 ? 1e4 : k % 7 === 1 ? -1e4 : 2e4 * rng() - 1e4)));
    const labels = [0, 1, 2, 3, 4, 0];
    const binary = Float64Array.from({ length: 12 }, (_, k) => (k % 2 === 0 ? 1e4 : -1e4) * (k % 3 === 0 ? 1 : 0.08));
    const targets = Float64Array.from({ length: 12 }, (_, k) => [0, 1, 0.5][k % 3]);
    // [name, the numbers, columns of a matrix (undefined: a vector or one number), the input behind entry k, the likely cause]
    const results: [string, () => ArrayLike<number>, number | undefined, (k: number) => string, string][] = [
      ['softmax(z)', () => softmax(z).data, 5, (k) => `z${indexLabel(k, 5)} = ${fmt(z.data[k])}`, OVERFLOW_HINT],
      ['logSoftmax(z)', () => logSoftmax(z).data, 5, (k) => `z${indexLabel(k, 5)} = ${fmt(z.data[k])}`, OVERFLOW_HINT],
      ['crossEntropy(z, labels).loss', () => [crossEntropy(z, labels).loss], undefined, () => 'z 6×5', OVERFLOW_HINT],
      ['crossEntropy(z, labels).dlogits', () => crossEntropy(z, labels).dlogits.data, 5, (k) => `z${indexLabel(k, 5)} = ${fmt(z.data[k])}`, OVERFLOW_HINT],
      ['bceWithLogits(logits, targets).loss', () => [bceWithLogits(binary, targets).loss], undefined, () => 'logits ±800, ±1e4', BCE_HINT],
      ['bceWithLogits(logits, targets).dlogits', () => bceWithLogits(binary, targets).dlogits, undefined, (k) => `logits[${k}] = ${fmt(binary[k])}`, BCE_HINT],
    ];
    for (const [name, run, cols, input, hint] of results) {
      const values = run();
      const k = firstNonFinite(values);
      const where = name.endsWith('.loss') ? name : `${name}${indexLabel(k, cols)}`;
      check(k === -1, () =>
        say(
          `${where} is ${fmt(values[k])} (${input(k)}; every logit is between −1e4 and 1e4). ${hint}`,
          `${where} 为 ${fmt(values[k])}（${input(k)}；所有 logits 都在 −1e4 和 1e4 之间）。${hint}`,
        ),
      );
    }
  });

  test(say('softmaxBackward throws an Error naming both shapes when dout and out differ', 'dout 与 out 形状不同时，softmaxBackward 抛出 Error，错误信息写出两个形状'), () => {
    const out = softmax(fromRows([[1, 2, 3, 4], [0, 0, 0, 0]]));
    for (const [rows, cols] of [[2, 3], [3, 4]]) {
      expectThrowsMentioning(say(`softmaxBackward(dout ${rows}×${cols}, out 2×4)`, `softmaxBackward（dout 为 ${rows}×${cols}，out 为 2×4）`), () => softmaxBackward(matrix(rows, cols), out), [`${rows}×${cols}`, '2×4']);
    }
  });

  test(say('crossEntropy throws an Error naming both shapes when labels has not one entry per row', 'labels 的个数不等于行数时，crossEntropy 抛出 Error，错误信息写出两个形状'), () => {
    const logits = randomLogits(4, 3, createRng(5));
    for (const count of [5, 2]) {
      const labels = Array.from({ length: count }, () => 0);
      expectThrowsMentioning(say(`crossEntropy(logits 4×3, labels of ${count} entries)`, `crossEntropy（logits 为 4×3，labels 有 ${count} 个元素）`), () => crossEntropy(logits, labels), ['4×3', String(count)]);
    }
  });

  test(say('crossEntropy throws an Error naming the row and the label when a label is not a class index', '标签不是合法的类别下标时，crossEntropy 抛出 Error，错误信息写出行号和标签'), () => {
    const logits = randomLogits(6, 5, createRng(6));
    const cases: [number, number][] = [[4, 9], [3, -1]];
    for (const [row, label] of cases) {
      const labels = [0, 1, 2, 3, 4, 0];
      labels[row] = label;
      expectThrowsMentioning(
        say(`crossEntropy(logits 6×5, labels with ${label} in row ${row})`, `crossEntropy（logits 为 6×5，labels 第 ${row} 行为 ${label}）`),
        () => crossEntropy(logits, labels),
        [String(row), String(label)],
      );
    }
  });

  test(say('bceWithLogits throws an Error naming both lengths when logits and targets differ in length', 'logits 与 targets 长度不同时，bceWithLogits 抛出 Error，错误信息写出两个长度'), () => {
    expectThrowsMentioning(say('bceWithLogits(logits of 6 entries, targets of 4)', 'bceWithLogits（logits 有 6 个元素，targets 有 4 个）'), () => bceWithLogits(new Float64Array(6), new Float64Array(4)), ['6', '4']);
  });
});

// ---------------------------------------------------------------------------------------

/** The fixture cases' names in Chinese, by file and case id (the English names are the fixtures' descriptions). */
const FIXTURE_NAMES_ZH: Record<string, string> = {
  'softmax/random-3x4': '随机的 3×4 logits 批量',
  'softmax/huge-logits': 'logits 为 ±1e4：不先减去每行的最大值，exp 就会上溢',
  'softmax/equal-maxima': '最大值出现两次的行（包括在 1e4 处）：概率平分',
  'softmax/one-class': '只有一个类别（C = 1）：每一行的 softmax 为 1，log-softmax 为 0',
  'softmax/one-example': '一个样本、6 个类别（N = 1）',
  'cross-entropy/batch-of-7': '7 个样本、5 个类别的批量：损失是 7 行的平均，所以 dlogits 带着 1/7',
  'cross-entropy/one-example': '一个样本（N = 1）、4 个类别：没有平均可以掩盖错误',
  'cross-entropy/huge-logits': 'logits 为 ±1e4，部分标签落在最小的 logit 上：单行损失高达 2e4，总损失仍是有限值',
  'cross-entropy/equal-maxima': '最大值出现两次的行，标签是其中之一',
  'cross-entropy/confident-and-right': '预测自信且正确（差距为 30）：损失很小，但不是 0',
  'cross-entropy/ten-classes-32': '32 个样本、10 个类别的批量，与 MNIST 训练时看到的一样',
  'bce/soft-targets': '6 个 logits，targets 是 [0, 1] 中的软标签',
  'bce/logits-800': 'logits 为 ±800，硬标签有对有错：每个判错的元素损失 800，没有 inf 或 NaN',
  'bce/logits-1e4': 'logits 为 ±1e4 与普通大小的 logits 混在一起',
  'bce/logits-40': 'logits 为 ±40：在 float64 中 1 − σ(40) 舍入为 0',
  'bce/zero-logits': 'logits 为 0（σ = 1/2），targets 为 0、1 和 1/2：每个元素的损失都是 log 2',
  'bce/twelve-entries': '12 个元素（一个 3×4 多标签批量展平）：对全部 12 个元素取平均',
};

/** A fixture case's name in the learner's language. */
const caseName = (file: string, c: { id: string; description: string }): string =>
  localize({ en: c.description, 'zh-CN': FIXTURE_NAMES_ZH[`${file}/${c.id}`] ?? c.description });

describe('fixtures', () => {
  type SoftmaxInput = { z: number[][]; dout: number[][] };
  type SoftmaxExpected = { softmax: number[][]; logSoftmax: number[][]; dz: number[][] };
  for (const c of loadFixture<SoftmaxInput, SoftmaxExpected>('softmax-cross-entropy', 'softmax').cases) {
    test(caseName('softmax', c), () => {
      const z = m(c.input.z);
      withHint(OVERFLOW_HINT, () => {
        expectMatrixClose('softmax(z)', softmax(z), c.expected.softmax, { shapeHint: 'N×C' });
        expectMatrixClose('logSoftmax(z)', logSoftmax(z), c.expected.logSoftmax, { shapeHint: 'N×C' });
      });
      // The gold softmax as `out`: this compares softmaxBackward alone.
      const dz = softmaxBackward(m(c.input.dout), m(c.expected.softmax));
      expectMatrixClose('softmaxBackward(dout, out)', dz, c.expected.dz, { shapeHint: 'N×C' });
    });
  }

  type CrossEntropyInput = { logits: number[][]; labels: number[] };
  type CrossEntropyExpected = { loss: number; dlogits: number[][] };
  for (const c of loadFixture<CrossEntropyInput, CrossEntropyExpected>('softmax-cross-entropy', 'cross-entropy').cases) {
    test(caseName('cross-entropy', c), () => {
      const { loss, dlogits } = crossEntropy(m(c.input.logits), c.input.labels);
      const n = c.input.labels.length;
      const mean = say(`F.cross_entropy is the mean over the ${n} rows.`, `F.cross_entropy 是对 ${n} 行取平均。`);
      withHint(lossHint(loss, OVERFLOW_HINT, mean), () => expectNumberClose('loss', loss, c.expected.loss));
      withHint(mean, () => expectMatrixClose('dlogits', dlogits, c.expected.dlogits, { shapeHint: 'N×C, like logits' }));
    });
  }

  type BceInput = { logits: number[]; targets: number[] };
  type BceExpected = { loss: number; dlogits: number[] };
  for (const c of loadFixture<BceInput, BceExpected>('softmax-cross-entropy', 'bce').cases) {
    test(caseName('bce', c), () => {
      const { loss, dlogits } = bceWithLogits(v(c.input.logits), v(c.input.targets));
      const n = c.input.logits.length;
      const mean = say(`F.binary_cross_entropy_with_logits is the mean over all ${n} entries.`, `F.binary_cross_entropy_with_logits 是对全部 ${n} 个元素取平均。`);
      withHint(lossHint(loss, BCE_HINT, mean), () => expectNumberClose('loss', loss, c.expected.loss));
      withHint(mean, () => expectVectorClose('dlogits', dlogits, c.expected.dlogits, { lengthHint: say('one per logit', '每个 logit 一个') }));
    });
  }
});

// ---------------------------------------------------------------------------------------

/** softmaxBackward(dout, softmax(z)) against finite differences of L = Σ softmax(z) ⊙ dout, through your softmax. */
function expectSoftmaxBackwardMatches(label: string, z: Matrix, dout: Matrix): void {
  const dz = softmaxBackward(dout, softmax(z));
  expectShape('dz', dz, z.rows, z.cols);
  expectGradientsMatch(label, () => projectOnto(softmax(z), dout), [{ name: 'dz', value: z, analytic: dz }]);
}

function expectCrossEntropyMatches(label: string, logits: Matrix, labels: number[]): void {
  const { dlogits } = crossEntropy(logits, labels);
  expectShape('dlogits', dlogits, logits.rows, logits.cols);
  expectGradientsMatch(label, () => crossEntropy(logits, labels).loss, [{ name: 'dlogits', value: logits, analytic: dlogits }]);
}

function expectBceMatches(label: string, logits: Float64Array, targets: Float64Array): void {
  const { dlogits } = bceWithLogits(logits, targets);
  expectGradientsMatch(label, () => bceWithLogits(logits, targets).loss, [{ name: 'dlogits', value: logits, analytic: dlogits }]);
}

describe('gradient check', () => {
  for (const [n, c] of [[1, 3], [4, 5], [3, 1], [6, 10]] as const) {
    test(say(`softmaxBackward matches finite differences of L = Σ softmax(z) ⊙ dout (N=${n}, C=${c})`, `softmaxBackward 与 L = Σ softmax(z) ⊙ dout 的有限差分一致（N=${n}, C=${c}）`), () => {
      const rng = createRng(100 + 10 * n + c);
      expectSoftmaxBackwardMatches(`L = Σ softmax(z) ⊙ dout (N=${n}, C=${c})`, randomLogits(n, c, rng), normalMatrix(n, c, rng));
    });
  }

  for (const [n, c, spread] of [[1, 4, 2], [7, 5, 2], [32, 10, 3], [5, 3, 15]] as const) {
    test(say(`crossEntropy's dlogits matches finite differences of its loss (N=${n}, C=${c}, logits of scale ${spread})`, `crossEntropy 的 dlogits 与其损失的有限差分一致（N=${n}, C=${c}，logits 的尺度为 ${spread}）`), () => {
      const rng = createRng(200 + n + c);
      expectCrossEntropyMatches(`crossEntropy (N=${n}, C=${c})`, randomLogits(n, c, rng, spread), randomLabels(n, c, rng));
    });
  }

  for (const [n, hard] of [[1, false], [6, false], [12, true]] as const) {
    const kind = hard ? say('hard 0/1 targets', '0/1 硬标签') : say('soft targets', '软标签');
    test(say(`bceWithLogits's dlogits matches finite differences of its loss (n=${n}, ${kind})`, `bceWithLogits 的 dlogits 与其损失的有限差分一致（n=${n}，${kind}）`), () => {
      const { logits, targets } = randomBinary(n, createRng(300 + n), 4, hard);
      expectBceMatches(`bceWithLogits (n=${n})`, logits, targets);
    });
  }
});

// ---------------------------------------------------------------------------------------

/** A random shape and seed; fast-check shrinks towards small batches and few classes. */
const shapes = fc.record({
  n: fc.integer({ min: 1, max: 6 }),
  c: fc.integer({ min: 1, max: 8 }),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});
type Shape = { n: number; c: number; seed: number };
const describeShape = ({ n, c, seed }: Shape): string => say(`random N=${n}, C=${c} logits (seed ${seed})`, `随机的 N=${n}, C=${c} logits（种子 ${seed}）`);

/** The entries of row n, as numbers. */
const rowOf = (a: Matrix, n: number): number[] => Array.from(a.data.subarray(n * a.cols, (n + 1) * a.cols));
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

describe('properties', () => {
  test(say('softmax: every row sums to 1, and adding a constant to a row changes nothing', 'softmax：每一行的和为 1，给一行加上常数不改变结果'), () => {
    expectProperty('Σ_c softmax(z)[n][c] = 1, softmax(z + c) = softmax(z)', shapes, (s) => {
      const rng = createRng(s.seed);
      const z = randomLogits(s.n, s.c, rng, 5);
      const shift = Array.from({ length: s.n }, () => 200 * rng() - 100);
      const p = softmax(z);
      expectShape('softmax(z)', p, s.n, s.c);
      for (let n = 0; n < s.n; n++) {
        const total = sum(rowOf(p, n));
        check(Math.abs(total - 1) <= 1e-12, () =>
          say(`row ${n} of softmax(z) sums to ${fmt(total)}, not 1: divide each row by its own sum.`, `softmax(z) 第 ${n} 行之和为 ${fmt(total)}，不是 1：每一行要除以它自己的和。`),
        );
      }
      const shifted = matrix(s.n, s.c, z.data.map((x, k) => x + shift[Math.floor(k / s.c)]));
      withHint(
        say('softmax(z + c) = softmax(z) for a constant c per row: the common factor exp(c) cancels.', '对每一行加上常数 c，softmax(z + c) = softmax(z)：公因子 exp(c) 会约掉。'),
        () => expectMatrixClose(say('softmax of z with a constant added to each row', '每行加上常数后的 softmax'), softmax(shifted), p, { tol: { rtol: 1e-9, atol: 1e-13 } }),
      );
    }, 100, describeShape);
  });

  test(say('softmaxBackward of a dout that is constant along each row is 0', '若 dout 在每一行内是常数，softmaxBackward 的结果为 0'), () => {
    expectProperty('softmaxBackward(c·1ᵀ, softmax(z)) = 0', shapes, (s) => {
      const rng = createRng(s.seed);
      const out = softmax(randomLogits(s.n, s.c, rng));
      const level = Array.from({ length: s.n }, () => 4 * rng() - 2);
      const dout = matrix(s.n, s.c, Float64Array.from({ length: s.n * s.c }, (_, k) => level[Math.floor(k / s.c)]));
      const dz = softmaxBackward(dout, out);
      expectShape('dz', dz, s.n, s.c);
      const k = dz.data.findIndex((x) => !(Math.abs(x) <= 1e-12));
      check(k === -1, () =>
        say(
          `dz${indexLabel(k, s.c)} is ${fmt(dz.data[k])} for a dout whose row ${Math.floor(k / s.c)} is all ${fmt(level[Math.floor(k / s.c)])}. ` +
            'A row of softmax always sums to 1, so pushing every entry of a row up by the same amount cannot change anything: dz must be 0.',
          `dout 的第 ${Math.floor(k / s.c)} 行全是 ${fmt(level[Math.floor(k / s.c)])}，而 dz${indexLabel(k, s.c)} 为 ${fmt(dz.data[k])}。` +
            'softmax 的每一行之和恒为 1，把一行的每个元素都推高同样的量不会改变任何东西：dz 必须为 0。',
        ),
      );
    }, 100, describeShape);
  });

  test(say("every row of crossEntropy's dlogits sums to 0", 'crossEntropy 的 dlogits 每一行之和为 0'), () => {
    expectProperty('Σ_c dlogits[n][c] = 0', shapes, (s) => {
      const rng = createRng(s.seed);
      const logits = randomLogits(s.n, s.c, rng, 4);
      const { dlogits } = crossEntropy(logits, randomLabels(s.n, s.c, rng));
      expectShape('dlogits', dlogits, s.n, s.c);
      for (let n = 0; n < s.n; n++) {
        const total = sum(rowOf(dlogits, n));
        check(Math.abs(total) <= 1e-12, () =>
          say(
            `row ${n} of dlogits sums to ${fmt(total)}. The probabilities of a row sum to 1 and its one-hot label row sums to 1, so their difference must sum to 0: is the label subtracted exactly once, as a 1 in its own column?`,
            `dlogits 第 ${n} 行之和为 ${fmt(total)}。一行的概率之和为 1，它的 one-hot 标签行之和也为 1，所以两者之差的和必须为 0：标签是否恰好只在它自己那一列减了一个 1？`,
          ),
        );
      }
    }, 100, describeShape);
  });

  test(say('logSoftmax(z) = log(softmax(z)) wherever both are finite', '在两者都有限的地方，logSoftmax(z) = log(softmax(z))'), () => {
    expectProperty(say('logSoftmax(z) = log(softmax(z))', 'logSoftmax(z) 等于 log(softmax(z))'), shapes, (s) => {
      const z = randomLogits(s.n, s.c, createRng(s.seed), 8);
      const logp = logSoftmax(z);
      const p = softmax(z);
      expectShape('logSoftmax(z)', logp, s.n, s.c);
      expectShape('softmax(z)', p, s.n, s.c);
      for (let k = 0; k < p.data.length; k++) {
        const want = Math.log(p.data[k]);
        if (!Number.isFinite(want) || p.data[k] < 1e-300) continue;
        check(Math.abs(logp.data[k] - want) <= 1e-9 * (1 + Math.abs(want)), () =>
          say(
            `logSoftmax(z)${indexLabel(k, s.c)} is ${fmt(logp.data[k])}, but log(softmax(z)${indexLabel(k, s.c)}) is ${fmt(want)}.`,
            `logSoftmax(z)${indexLabel(k, s.c)} 为 ${fmt(logp.data[k])}，但 log(softmax(z)${indexLabel(k, s.c)}) 为 ${fmt(want)}。`,
          ),
        );
      }
    }, 100, describeShape);
  });

  test(say("crossEntropy's loss is minus the mean of logSoftmax at the labels", 'crossEntropy 的损失等于 logSoftmax 在标签处取值的平均的相反数'), () => {
    expectProperty('loss = −(1/N)·Σₙ logSoftmax(logits)[n][labels[n]]', shapes, (s) => {
      const rng = createRng(s.seed);
      const logits = randomLogits(s.n, s.c, rng, 4);
      const labels = randomLabels(s.n, s.c, rng);
      const logp = logSoftmax(logits);
      expectShape('logSoftmax(logits)', logp, s.n, s.c);
      const want = -sum(labels.map((y, n) => logp.data[n * s.c + y])) / s.n;
      const { loss } = crossEntropy(logits, labels);
      if (typeof loss !== 'number') fail(say(`the loss should be a number, but it is ${describeValue(loss)}.`, `loss 应当是一个数，但它是 ${describeValue(loss)}。`));
      check(Math.abs(loss - want) <= 1e-9 * (1 + Math.abs(want)), () =>
        say(
          `crossEntropy gives loss ${fmt(loss)}, but −(1/N)·Σₙ logSoftmax(logits)[n][labels[n]] is ${fmt(want)} with N = ${s.n}.`,
          `crossEntropy 给出的 loss 为 ${fmt(loss)}，但 N = ${s.n} 时 −(1/N)·Σₙ logSoftmax(logits)[n][labels[n]] 为 ${fmt(want)}。`,
        ),
      );
    }, 100, describeShape);
  });
});
