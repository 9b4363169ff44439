/**
 * Spec for the mlp-trainer kata. Run it with `npm run grade -- mlp`; the grader decides which
 * implementation `loadTarget` loads (yours by default).
 *
 * The checks build their networks with your createMLP and then set the weights and biases
 * they need, so a problem in createMLP shows in the createMLP checks and not everywhere, and
 * forward and lossAndGradients can be graded before createMLP is written.
 */
import fc from 'fast-check';
import {
  check,
  describeValue,
  expectGradientsMatch,
  expectMatrixClose,
  expectNumberClose,
  expectProperty,
  expectSampledClose,
  expectThrowsMentioning,
  expectUnchanged,
  expectVectorClose,
  fmt,
  type FixtureCase,
  indexLabel,
  isNotImplemented,
  loadFixture,
  loadTarget,
  m,
  patternMatrix,
  patternVector,
  sampleEntries,
  snapshot,
  v,
  describe,
  test,
  withHint,
  type PatternSpec,
  type SampledMatrix,
} from '../../grader/harness/index.ts';
import { addRowVector, argmaxRows, clone, fromRows, isMatrix, map, matmul, matrix, shapeOf, takeRows, type Matrix } from '../lib/matrix.ts';
import { createRng, normalMatrix, normalVector, permutation, uniformMatrix, type Rng } from '../lib/random.ts';
import type { Activation, Gradients, Loss, MLP } from './mlp.ts';

type Impl = typeof import('./mlp.ts');
const impl = await loadTarget<Impl>();
const { createMLP, forward, lossAndGradients, train } = impl;

/** "4-5-3-3": how the checks name a network's layer sizes. */
function sizesLabel(sizes: readonly number[]): string {
  return sizes.join('-');
}

/**
 * A network with the given parameters: your createMLP's object with its weights and biases
 * replaced. Until createMLP is written, a plain MLP object stands in, so that forward and
 * lossAndGradients can be graded first.
 */
function netWith(sizes: number[], activation: Activation, loss: Loss, weights: Matrix[], biases: Float64Array[]): MLP {
  let net: MLP;
  try {
    net = createMLP(sizes, activation, loss, createRng(0));
  } catch (error) {
    if (!isNotImplemented(error)) throw error;
    net = { sizes, activation, loss, weights, biases };
  }
  net.weights = weights;
  net.biases = biases;
  return net;
}

/** The layer sizes, activation, loss and batch size of a random problem. */
interface ProblemShape {
  sizes: number[];
  activation: Activation;
  loss: Loss;
  n: number;
}

interface Problem {
  net: MLP;
  x: Matrix;
  y: Matrix;
}

/**
 * A random network and batch (see netWith), with the spec's own weights
 * (std 0.8), biases (std 0.3), x (standard normal) and y (in [0, 1) for mse; rows of positive
 * numbers summing to 1, i.e. soft targets, for cross-entropy), all from `seed`.
 */
function randomProblem(seed: number, shape: ProblemShape): Problem {
  const rng = createRng(seed);
  const { sizes } = shape;
  const weights = sizes.slice(1).map((fanOut, l) => normalMatrix(sizes[l], fanOut, rng, 0, 0.8));
  const biases = sizes.slice(1).map((fanOut) => normalVector(fanOut, rng, 0, 0.3));
  const net = netWith(sizes, shape.activation, shape.loss, weights, biases);
  const x = normalMatrix(shape.n, sizes[0], rng);
  const k = sizes[sizes.length - 1];
  const y = uniformMatrix(shape.n, k, rng, shape.loss === 'mse' ? 0 : 0.05, 1);
  if (shape.loss === 'cross-entropy') {
    for (let i = 0; i < y.rows; i++) {
      const row = y.data.subarray(i * k, (i + 1) * k);
      const sum = row.reduce((s, value) => s + value, 0);
      for (let j = 0; j < k; j++) row[j] /= sum;
    }
  }
  return { net, x, y };
}

/** Z⁽ˡ⁾ of every hidden layer, computed by the spec (not by your code): where ReLU's kink could bite. */
function preActivations(net: MLP, x: Matrix): Matrix[] {
  const zs: Matrix[] = [];
  let a = x;
  for (let l = 0; l < net.weights.length - 1; l++) {
    const z = addRowVector(matmul(a, net.weights[l]), net.biases[l]);
    zs.push(z);
    a = map(z, net.activation === 'relu' ? (value) => Math.max(value, 0) : (value) => 1 / (1 + Math.exp(-value)));
  }
  return zs;
}

/** A deep copy of the network's parameters on a new net object. */
function clonedNet(net: MLP): MLP {
  return { ...net, weights: net.weights.map(clone), biases: net.biases.map((b) => Float64Array.from(b)) };
}

/** [m; m]: every row twice. */
function stackedTwice(a: Matrix): Matrix {
  return takeRows(a, [...Array(a.rows).keys(), ...Array(a.rows).keys()]);
}

/** dWeights and dBiases: one per layer, each the shape of its parameter. */
function expectGradientShapes(net: MLP, grads: Gradients, what: string): void {
  const layers = net.weights.length;
  check(Array.isArray(grads.dWeights) && grads.dWeights.length === layers, () =>
    `${what}: dWeights should be an array of ${layers} matrices (one per layer), but it is ${describeValue(grads.dWeights)}.`,
  );
  check(Array.isArray(grads.dBiases) && grads.dBiases.length === layers, () =>
    `${what}: dBiases should be an array of ${layers} Float64Arrays (one per layer), but it is ${describeValue(grads.dBiases)}.`,
  );
  for (let l = 0; l < layers; l++) {
    const w = net.weights[l];
    const dw = grads.dWeights[l];
    check(isMatrix(dw) && dw.rows === w.rows && dw.cols === w.cols, () =>
      `${what}: dWeights[${l}] should be ${shapeOf(w)} like weights[${l}], but it is ${isMatrix(dw) ? shapeOf(dw) : describeValue(dw)}.`,
    );
    const db = grads.dBiases[l];
    check(db instanceof Float64Array && db.length === net.biases[l].length, () =>
      `${what}: dBiases[${l}] should be a Float64Array of ${net.biases[l].length} entries like biases[${l}], but it is ${describeValue(db)}.`,
    );
  }
}

describe('spec', () => {
  test('createMLP([3, 5, 4, 2]): weights[l] is sizes[l]×sizes[l+1], biases[l] has sizes[l+1] zeros', () => {
    const sizes = [3, 5, 4, 2];
    const net = createMLP(sizes, 'relu', 'cross-entropy', createRng(1));
    check(
      Array.isArray(net.sizes) && net.sizes.join(',') === sizes.join(',') && net.activation === 'relu' && net.loss === 'cross-entropy',
      () =>
        'createMLP should keep sizes, activation and loss on the net; got ' +
        `sizes ${JSON.stringify(net.sizes)}, activation ${String(net.activation)}, loss ${String(net.loss)}.`,
    );
    check(Array.isArray(net.weights) && net.weights.length === 3 && Array.isArray(net.biases) && net.biases.length === 3, () =>
      `createMLP([3, 5, 4, 2]) should make 3 layers: 3 weight matrices and 3 bias vectors; ` +
        `got weights ${describeValue(net.weights)} and biases ${describeValue(net.biases)}.`,
    );
    for (let l = 0; l < 3; l++) {
      const w = net.weights[l];
      check(isMatrix(w) && w.rows === sizes[l] && w.cols === sizes[l + 1], () =>
        `weights[${l}] should be ${sizes[l]}×${sizes[l + 1]} (sizes[${l}]×sizes[${l + 1}]), but it is ${describeValue(w)}.`,
      );
      expectVectorClose(`biases[${l}]`, net.biases[l], new Float64Array(sizes[l + 1]), { lengthHint: `sizes[${l + 1}]; biases start at 0` });
    }
  });

  test('createMLP draws weights[0], weights[1], … in order, each with normalMatrix(sizes[l], sizes[l+1], rng, 0, std)', () => {
    const sizes = [3, 5, 4, 2];
    for (const activation of ['relu', 'sigmoid'] as const) {
      const call = `createMLP([3, 5, 4, 2], '${activation}', 'mse', createRng(7))`;
      const net = createMLP(sizes, activation, 'mse', createRng(7));
      const rng = createRng(7);
      for (let l = 0; l < 3; l++) {
        const reluFollows = activation === 'relu' && l < 2;
        const std = Math.sqrt((reluFollows ? 2 : 1) / sizes[l]);
        const want = normalMatrix(sizes[l], sizes[l + 1], rng, 0, std);
        const got = net.weights[l];
        check(isMatrix(got) && got.rows === want.rows && got.cols === want.cols, () => `${call}: weights[${l}] should be ${shapeOf(want)}, but it is ${describeValue(got)}.`);
        const ratio = got.data[0] / want.data[0];
        const rescaled = got.data.every((g, k) => Math.abs(g - ratio * want.data[k]) <= 1e-12 * Math.abs(g));
        check(!rescaled || Math.abs(ratio - 1) <= 1e-9, () =>
          `${call}: weights[${l}] has the right draws but std ${fmt(ratio * std)} instead of ${fmt(std)}. Use √(2/fan_in) when a ` +
            'ReLU follows the layer and √(1/fan_in) otherwise (after sigmoid hidden units, and always for the output layer).',
        );
        const off = got.data.findIndex((g, k) => Math.abs(g - want.data[k]) > 1e-12 * (1 + Math.abs(want.data[k])));
        check(off === -1, () =>
          `${call}: weights[${l}]${indexLabel(off, want.cols)} is ${fmt(got.data[off])}, but the next draws from that rng give ${fmt(want.data[off])}. ` +
            'Draw the layers in order, weights[0] first, each with normalMatrix(sizes[l], sizes[l+1], rng, 0, std), ' +
            'and take nothing else from rng (the biases start at 0).',
        );
      }
    }
  });

  test('forward returns N×K and modifies neither the net nor x', () => {
    const { net, x } = randomProblem(11, { sizes: [4, 5, 3], activation: 'relu', loss: 'cross-entropy', n: 6 });
    const before = { x: snapshot(x), w: snapshot(net.weights[1]) };
    const out = forward(net, x);
    check(isMatrix(out) && out.rows === 6 && out.cols === 3, () =>
      `forward(net, x) for x 6×4 and sizes 4-5-3 should be 6×3 (N×K), but it is ${describeValue(out)}.`,
    );
    expectUnchanged('x', x, before.x, 'forward');
    expectUnchanged('net.weights[1]', net.weights[1], before.w, 'forward');
  });

  test('lossAndGradients returns a finite loss and one gradient per parameter, each of its shape', () => {
    const { net, x, y } = randomProblem(12, { sizes: [4, 5, 3, 2], activation: 'sigmoid', loss: 'mse', n: 5 });
    const before = { x: snapshot(x), y: snapshot(y), w: snapshot(net.weights[0]), b: snapshot(net.biases[2]) };
    const grads = lossAndGradients(net, x, y);
    check(typeof grads.loss === 'number' && Number.isFinite(grads.loss), () =>
      `lossAndGradients(net, x, y).loss should be a finite number, but it is ${describeValue(grads.loss)}.`,
    );
    expectGradientShapes(net, grads, 'lossAndGradients on sizes 4-5-3-2');
    expectUnchanged('x', x, before.x, 'lossAndGradients');
    expectUnchanged('y', y, before.y, 'lossAndGradients');
    expectUnchanged('net.weights[0]', net.weights[0], before.w, 'lossAndGradients');
    expectUnchanged('net.biases[2]', net.biases[2], before.b, 'lossAndGradients');
  });

  test('shapes that do not fit throw an Error naming them', () => {
    const { net, x, y } = randomProblem(13, { sizes: [3, 4, 2], activation: 'relu', loss: 'cross-entropy', n: 5 });
    const wide = normalMatrix(5, 4, createRng(1));
    expectThrowsMentioning('forward(net, x) with x 5×4 for sizes 3-4-2', () => forward(net, wide), ['5×4']);
    const wrongY = normalMatrix(5, 3, createRng(2));
    expectThrowsMentioning('lossAndGradients(net, x, y) with y 5×3 for an output of 5×2', () => lossAndGradients(net, x, wrongY), ['5×3']);
    const shortY = takeRows(y, [0, 1, 2]);
    expectThrowsMentioning(
      'train(net, x, y, …) with x 5×3 and y 3×2',
      () => train(net, x, shortY, { epochs: 1, learningRate: 0.1, batchSize: 2, rng: createRng(3) }),
      ['5×3', '3×2'],
    );
  });

  test('train returns one finite loss per epoch, updates the net in place and leaves x and y alone', () => {
    const { net, x, y } = randomProblem(14, { sizes: [3, 4, 2], activation: 'sigmoid', loss: 'mse', n: 6 });
    const before = { x: snapshot(x), y: snapshot(y), w: snapshot(net.weights[0]) };
    const losses = train(net, x, y, { epochs: 3, learningRate: 0.5, batchSize: 4, rng: createRng(5) });
    check(Array.isArray(losses) && losses.length === 3 && losses.every((l) => typeof l === 'number' && Number.isFinite(l)), () =>
      `train with epochs: 3 should return 3 finite numbers (the mean loss of each epoch), but it returned ${describeValue(losses)}.`,
    );
    check(!sameNumbers(net.weights[0].data, before.w), 'train left net.weights[0] unchanged: it should update the network in place.');
    expectUnchanged('x', x, before.x, 'train');
    expectUnchanged('y', y, before.y, 'train');
  });

  test('one epoch with batchSize ≥ N is one step W ← W − η·dW, b ← b − η·db, and reports the loss before the step', () => {
    const { net, x, y } = randomProblem(15, { sizes: [3, 5, 4, 3], activation: 'relu', loss: 'cross-entropy', n: 6 });
    const lr = 0.5;
    const grads = lossAndGradients(clonedNet(net), x, y);
    const descended = stepped(net, grads, lr);
    const ascended = stepped(net, grads, -lr);
    const start = clonedNet(net);
    const losses = train(net, x, y, { epochs: 1, learningRate: lr, batchSize: 10, rng: createRng(6) });
    expectNumberClose("the epoch's loss (the loss before its one step)", losses[0], grads.loss);
    const last = net.weights.length - 1;
    check(!net.weights.every((w, l) => sameNumbers(w.data, ascended.weights[l].data)), () =>
      'after one whole-batch epoch every weight is W + η·dW: train steps uphill. Gradient descent subtracts: W ← W − η·dW.',
    );
    check(!net.biases.every((b, l) => sameNumbers(b, start.biases[l])), () =>
      'after one whole-batch epoch every bias still has its old value: train must update the biases too, b ← b − η·db.',
    );
    for (let l = last; l >= 0; l--) {
      check(sameNumbers(net.weights[l].data, descended.weights[l].data) || !sameNumbers(net.weights[last].data, descended.weights[last].data), () =>
        `after one whole-batch epoch the last layer is W − η·dW but weights[${l}] is not: the lower layers' gradients were ` +
          'computed with weights that had already been updated. Compute every gradient first (lossAndGradients), then update all layers.',
      );
      expectMatrixClose(`weights[${l}] after one whole-batch epoch (W − η·dW, dW from your lossAndGradients)`, net.weights[l], descended.weights[l]);
      expectVectorClose(`biases[${l}] after one whole-batch epoch (b − η·db)`, net.biases[l], descended.biases[l]);
    }
  });

  test('train takes its mini-batches from permutation(N, rng), a new one every epoch, and reports Σ nᵦ·lossᵦ / N', () => {
    const { net, x, y } = randomProblem(16, { sizes: [3, 4, 2], activation: 'sigmoid', loss: 'mse', n: 7 });
    const options = { epochs: 3, learningRate: 2, batchSize: 3 };
    const shuffled = clonedNet(net);
    const expectedLosses = replayTrain(shuffled, x, y, options, createRng(9), permutation);
    const unshuffled = clonedNet(net);
    replayTrain(unshuffled, x, y, options, createRng(9), (n) => Uint32Array.from({ length: n }, (_, i) => i));
    const again = clonedNet(net);
    const losses = train(net, x, y, { ...options, rng: createRng(9) });
    train(again, x, y, { ...options, rng: createRng(9) });
    const sameAs = (other: MLP): boolean => net.weights.every((w, l) => sameNumbers(w.data, other.weights[l].data));
    const nanAt = net.weights.findIndex((w) => w.data.some((value) => Number.isNaN(value)));
    check(nanAt === -1, () =>
      `after 3 epochs of train (sigmoid, mse, learning rate 2, batches of 3), weights[${nanAt}] holds NaN: the training ` +
        'diverged: look at the fixtures and gradient checks, which compare lossAndGradients with the true gradients.',
    );
    check(sameAs(again), () =>
      'two runs of train from the same network with createRng(9) ended with different weights: the shuffle must come from ' +
        'options.rng (permutation(N, rng)), never from Math.random, so that the same seed gives the same run.',
    );
    check(sameAs(shuffled) || !sameAs(unshuffled), () =>
      "train took the mini-batches in the rows' original order. Shuffle at the start of every epoch, order = permutation(N, rng), " +
        'and take the batches x[order[0..B)], x[order[B..2B)], …',
    );
    for (let l = 0; l < net.weights.length; l++) {
      expectMatrixClose(
        `weights[${l}] after 3 epochs of N = 7, batchSize = 3 (batches of 3, 3 and 1 rows, in the order of one permutation(7, rng) per epoch)`,
        net.weights[l],
        shuffled.weights[l],
      );
    }
    check(Array.isArray(losses) && losses.length === 3, () => `train with epochs: 3 should return 3 losses, but it returned ${describeValue(losses)}.`);
    for (let e = 0; e < 3; e++) {
      expectNumberClose(`the loss of epoch ${e} (Σ nᵦ·lossᵦ / N over its batches of 3, 3 and 1, each before its step)`, losses[e], expectedLosses[e]);
    }
  });
});

/** Equal up to float noise (1e-9 relative): two correct programs may add in different orders. */
function sameNumbers(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (!(Object.is(a[k], b[k]) || Math.abs(a[k] - b[k]) <= 1e-9 * (1 + Math.abs(b[k])))) return false;
  return true;
}

/** A copy of `net` after one SGD step W ← W − η·dW, b ← b − η·db. */
function stepped(net: MLP, grads: Gradients, learningRate: number): MLP {
  const next = clonedNet(net);
  next.weights.forEach((w, l) => w.data.forEach((_, k) => (w.data[k] -= learningRate * grads.dWeights[l].data[k])));
  next.biases.forEach((b, l) => b.forEach((_, k) => (b[k] -= learningRate * grads.dBiases[l][k])));
  return next;
}

/** The statement's train, batch by batch, with your own lossAndGradients; returns the epoch losses. */
function replayTrain(
  net: MLP,
  x: Matrix,
  y: Matrix,
  options: { epochs: number; learningRate: number; batchSize: number },
  rng: Rng,
  order: (n: number, rng: Rng) => Uint32Array,
): number[] {
  const losses: number[] = [];
  for (let e = 0; e < options.epochs; e++) {
    const rows = order(x.rows, rng);
    let total = 0;
    for (let start = 0; start < x.rows; start += options.batchSize) {
      const batch = rows.subarray(start, Math.min(start + options.batchSize, x.rows));
      const grads = lossAndGradients(net, takeRows(x, batch), takeRows(y, batch));
      total += grads.loss * batch.length;
      const next = stepped(net, grads, options.learningRate);
      net.weights = next.weights;
      net.biases = next.biases;
    }
    losses.push(total / x.rows);
  }
  return losses;
}

interface NetworkInput {
  sizes: number[];
  activation: Activation;
  loss: Loss;
  weights: number[][][];
  biases: number[][];
  x: number[][];
  y: number[][];
}

type GradientCase = FixtureCase<NetworkInput, { output: number[][]; loss: number; dWeights: number[][][]; dBiases: number[][] }>;

/** Loss, output and every gradient of a gradients.json-style case; `why` is added to a gradient's failure. */
function expectGradientCase(c: GradientCase, why?: string): void {
  const { sizes, activation, loss } = c.input;
  const net = netWith(sizes, activation, loss, c.input.weights.map(m), c.input.biases.map(v));
  const x = m(c.input.x);
  const y = m(c.input.y);
  expectMatrixClose('forward(net, x)', forward(net, x), c.expected.output, { shapeHint: 'N×K' });
  const grads = lossAndGradients(net, x, y);
  check(Number.isFinite(grads.loss), () =>
    `lossAndGradients(net, x, y).loss is ${fmt(grads.loss)}; expected ${fmt(c.expected.loss)}. ` +
      (grads.loss === Infinity
        ? 'A probability that underflowed to 0 went into log: compute log P as a log-softmax, z − max − log Σ exp(z − max).'
        : 'Look for exp of a large number (subtract each row\'s max before exp) or a log of 0.'),
  );
  expectNumberClose('lossAndGradients(net, x, y).loss', grads.loss, c.expected.loss);
  expectGradientShapes(net, grads, `lossAndGradients on sizes ${sizesLabel(sizes)}`);
  const compare = (): void => {
    for (let l = sizes.length - 2; l >= 0; l--) {
      expectMatrixClose(`dWeights[${l}]`, grads.dWeights[l], c.expected.dWeights[l], { shapeHint: `sizes[${l}]×sizes[${l + 1}]` });
      expectVectorClose(`dBiases[${l}]`, grads.dBiases[l], c.expected.dBiases[l]);
    }
  };
  if (why === undefined) compare();
  else withHint(why, compare);
}

describe('fixtures', () => {
  const gradients = loadFixture<GradientCase['input'], GradientCase['expected']>('mlp-trainer', 'gradients');
  for (const c of gradients.cases) {
    test(c.description, () => expectGradientCase(c));
  }

  // ReLU′(0) = 0, PyTorch's convention at the kink. The gradient checks stay away from kinks by
  // design, so only gold values can hold a solution to it: hidden pre-activations exactly 0.
  const kink = loadFixture<GradientCase['input'] & { kinks: [number, number, number][] }, GradientCase['expected']>('mlp-trainer', 'kink');
  for (const c of kink.cases) {
    test(c.description, () => {
      const superscript = (n: number): string => String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
      const at = c.input.kinks.map(([l, i, j]) => `Z⁽${superscript(l + 1)}⁾[${i}][${j}]`);
      const listed = at.length > 1 ? `${at.slice(0, -1).join(', ')} and ${at[at.length - 1]}` : at[0];
      expectGradientCase(
        c,
        `In this case the hidden pre-activations ${listed} ([example][unit]) are exactly 0. ` +
          'ReLU′(0) is 0, as in PyTorch: a hidden unit whose pre-activation is exactly 0 ' +
          'passes no gradient back (f′ is z > 0 ? 1 : 0, not z ≥ 0). Exact zeros are not rare: biases start at 0, so a unit ' +
          'whose inputs are all 0 (every ReLU below it off) sits exactly at the kink.',
      );
    });
  }

  type LargeInput = {
    sizes: number[];
    activation: Activation;
    loss: Loss;
    weights: { pattern: PatternSpec }[];
    biases: { pattern: PatternSpec }[];
    x: { pattern: PatternSpec };
    y: { pattern: PatternSpec } | { oneHotLabels: number[] };
  };
  type LargeExpected = { output: SampledMatrix; loss: number; dWeights: SampledMatrix[]; dBiases: number[][] };
  // The sizes of real use (the MNIST network on a batch of 100, a batch of 300, a partial 17):
  // the loss and every dBiases whole, the output and every dWeights at sampled entries.
  for (const c of loadFixture<LargeInput, LargeExpected>('mlp-trainer', 'large').cases) {
    test(c.description, () => {
      const { sizes, activation, loss } = c.input;
      const net = netWith(sizes, activation, loss, c.input.weights.map((w) => patternMatrix(w.pattern)), c.input.biases.map((b) => patternVector(b.pattern)));
      const x = patternMatrix(c.input.x.pattern);
      const k = sizes[sizes.length - 1];
      const y = 'pattern' in c.input.y ? patternMatrix(c.input.y.pattern) : matrix(x.rows, k, Float64Array.from({ length: x.rows * k }, (_, i) => (i % k === (c.input.y as { oneHotLabels: number[] }).oneHotLabels[Math.floor(i / k)] ? 1 : 0)));
      const n = x.rows;
      const why = `The loss is a mean over all ${n} rows and every gradient a sum over all ${n}: loop to the batch's own number of rows, never to a batch size.`;
      withHint(why, () => {
        expectSampledClose('forward(net, x)', forward(net, x), c.expected.output, 'N×K');
        const grads = lossAndGradients(net, x, y);
        expectNumberClose('lossAndGradients(net, x, y).loss', grads.loss, c.expected.loss);
        expectGradientShapes(net, grads, `lossAndGradients on sizes ${sizesLabel(sizes)}`);
        for (let l = sizes.length - 2; l >= 0; l--) {
          expectVectorClose(`dBiases[${l}]`, grads.dBiases[l], c.expected.dBiases[l]);
          expectSampledClose(`dWeights[${l}]`, grads.dWeights[l], c.expected.dWeights[l], `sizes[${l}]×sizes[${l + 1}]`);
        }
      });
    });
  }

  const training = loadFixture<
    NetworkInput & { epochs: number; learningRate: number; batchSize: number },
    { losses: number[]; weights: number[][][]; biases: number[][] }
  >('mlp-trainer', 'train');
  for (const c of training.cases) {
    test(c.description, () => {
      const { sizes, activation, loss, epochs, learningRate, batchSize } = c.input;
      const net = netWith(sizes, activation, loss, c.input.weights.map(m), c.input.biases.map(v));
      const losses = train(net, m(c.input.x), m(c.input.y), { epochs, learningRate, batchSize, rng: createRng(1) });
      check(Array.isArray(losses) && losses.length === epochs, () => `train should return ${epochs} losses, one per epoch; got ${JSON.stringify(losses)}.`);
      expectVectorClose('the returned losses', Float64Array.from(losses), c.expected.losses);
      for (let l = sizes.length - 2; l >= 0; l--) {
        expectMatrixClose(`weights[${l}] after ${epochs} epochs`, net.weights[l], c.expected.weights[l]);
        expectVectorClose(`biases[${l}] after ${epochs} epochs`, net.biases[l], c.expected.biases[l]);
      }
    });
  }
});

/**
 * Pre-activations closer than this to 0 are redrawn before a ReLU gradient check: a step of
 * h = 1e-6 in a weight moves a pre-activation by at most h·|input| ≈ 1e-5, so a margin of
 * 1e-3 keeps every finite difference on one side of ReLU's kink.
 */
const KINK_MARGIN = 1e-3;

describe('gradient check', () => {
  const combos: ProblemShape[] = [
    { sizes: [4, 5, 3, 3], activation: 'sigmoid', loss: 'mse', n: 6 },
    { sizes: [4, 5, 3, 3], activation: 'relu', loss: 'mse', n: 6 },
    { sizes: [4, 5, 3, 3], activation: 'sigmoid', loss: 'cross-entropy', n: 6 },
    { sizes: [4, 5, 3, 3], activation: 'relu', loss: 'cross-entropy', n: 6 },
    { sizes: [3, 6, 4], activation: 'relu', loss: 'cross-entropy', n: 1 },
    // A batch of 120, past the trainer's 32: each entry costs two losses, so every dBiases entry
    // and ~20 sampled entries of each dWeights are checked (the fixtures cover N = 300's values).
    { sizes: [8, 6, 4], activation: 'sigmoid', loss: 'cross-entropy', n: 120 },
  ];
  for (const shape of combos) {
    const label = `${shape.activation} + ${shape.loss}, sizes ${sizesLabel(shape.sizes)}, N = ${shape.n}`;
    const sampled = shape.n > 32;
    test(`${sampled ? 'sampled dWeights and every dBiases' : 'every dWeights and dBiases'} against finite differences of your loss (${label})`, () => {
      const problem = kinkFreeProblem(shape);
      const { net, x, y } = problem;
      const grads = lossAndGradients(net, x, y);
      expectGradientShapes(net, grads, label);
      expectGradientsMatch(
        label,
        () => lossAndGradients(net, x, y).loss,
        net.weights.flatMap((w, l) => [
          { name: `dWeights[${l}]`, value: w, analytic: grads.dWeights[l], entries: sampled ? sampleEntries(w.rows, w.cols, 4) : undefined },
          { name: `dBiases[${l}]`, value: net.biases[l], analytic: grads.dBiases[l] },
        ]),
      );
    });
  }
});

/** A random problem whose ReLU pre-activations all stay KINK_MARGIN away from 0 (drawn again until they do). */
function kinkFreeProblem(shape: ProblemShape): Problem {
  for (let seed = 100; seed < 200; seed++) {
    const problem = randomProblem(seed, shape);
    const zs = preActivations(problem.net, problem.x);
    if (shape.activation !== 'relu' || zs.every((z) => z.data.every((value) => Math.abs(value) > KINK_MARGIN))) return problem;
  }
  throw new Error('kinkFreeProblem: no kink-free draw in 100 seeds (a bug in the spec)');
}

describe('properties', () => {
  test('large batches (N from 33 to 150): duplicating every example changes neither the loss nor any gradient', () => {
    const large = fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      n: fc.integer({ min: 33, max: 150 }),
      activation: fc.constantFrom<Activation>('sigmoid', 'relu'),
      loss: fc.constantFrom<Loss>('mse', 'cross-entropy'),
    });
    expectProperty('loss and gradients of [x; x] equal those of x, at N > 32', large, ({ seed, n, activation, loss }) => {
      const { net, x, y } = randomProblem(seed, { sizes: [4, 5, 3], activation, loss, n });
      const once = lossAndGradients(net, x, y);
      const twice = lossAndGradients(net, stackedTwice(x), stackedTwice(y));
      check(Math.abs(once.loss - twice.loss) <= 1e-9 * Math.abs(once.loss) + 1e-12, () => `the loss is ${fmt(once.loss)} for ${n} rows but ${fmt(twice.loss)} for the same rows stacked twice (${2 * n})`);
      for (let l = 0; l < net.weights.length; l++) {
        for (const [name, a, b] of [[`dWeights[${l}]`, once.dWeights[l].data, twice.dWeights[l].data], [`dBiases[${l}]`, once.dBiases[l], twice.dBiases[l]]] as const) {
          for (let k = 0; k < a.length; k++) {
            check(Math.abs(a[k] - b[k]) <= 1e-9 * Math.abs(a[k]) + 1e-12, () =>
              `${name} entry ${k} is ${fmt(a[k])} for ${n} rows but ${fmt(b[k])} for the same rows stacked twice (${2 * n}): ` +
                'a mean over the batch must use every row, however many there are',
            );
          }
        }
      }
    }, 6, ({ seed, n, activation, loss }) => `${activation} + ${loss}, sizes 4-5-3, N = ${n} (problem seed ${seed})`);
  });

  const problems = fc
    .record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      inputs: fc.integer({ min: 1, max: 4 }),
      hidden: fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 2 }),
      outputs: fc.integer({ min: 2, max: 4 }),
      activation: fc.constantFrom<Activation>('sigmoid', 'relu'),
      loss: fc.constantFrom<Loss>('mse', 'cross-entropy'),
      n: fc.integer({ min: 1, max: 6 }),
    })
    .map(({ seed, inputs, hidden, outputs, activation, loss, n }) => ({
      seed,
      shape: { sizes: [inputs, ...hidden, outputs], activation, loss, n } satisfies ProblemShape,
    }));
  const label = (p: { seed: number; shape: ProblemShape }): string =>
    `${p.shape.activation} + ${p.shape.loss}, sizes ${sizesLabel(p.shape.sizes)}, N = ${p.shape.n} (problem seed ${p.seed})`;

  test('the loss is the mean of (A − Y)² over all N·K entries (mse) or of −Σₖ Y·log P over the N rows (cross-entropy)', () => {
    expectProperty('loss = the mean defined by the statement, from forward\'s output', problems, (p) => {
      const { net, x, y } = randomProblem(p.seed, p.shape);
      const out = forward(net, x);
      let total = 0;
      for (let k = 0; k < y.data.length; k++) {
        total += p.shape.loss === 'mse' ? (out.data[k] - y.data[k]) ** 2 : -y.data[k] * Math.log(out.data[k]);
      }
      const expected = total / (p.shape.loss === 'mse' ? y.rows * y.cols : y.rows);
      const got = lossAndGradients(net, x, y).loss;
      check(Math.abs(got - expected) <= 1e-9 * Math.abs(expected) + 1e-12, () =>
        `the loss is ${fmt(got)}, but the mean ${p.shape.loss === 'mse' ? 'over all N·K entries' : 'over the N rows'} of forward's output is ${fmt(expected)}`,
      );
    }, 100, label);
  });

  test('duplicating every example changes neither the loss nor any gradient (they are means over the batch)', () => {
    expectProperty('loss and gradients of [x; x] equal those of x', problems, (p) => {
      const { net, x, y } = randomProblem(p.seed, p.shape);
      const once = lossAndGradients(net, x, y);
      const twice = lossAndGradients(net, stackedTwice(x), stackedTwice(y));
      check(Math.abs(once.loss - twice.loss) <= 1e-9 * Math.abs(once.loss) + 1e-12, () => `the loss is ${fmt(once.loss)} for x but ${fmt(twice.loss)} for x stacked twice`);
      for (let l = 0; l < net.weights.length; l++) {
        const a = once.dWeights[l].data;
        const b = twice.dWeights[l].data;
        for (let k = 0; k < a.length; k++) {
          check(Math.abs(a[k] - b[k]) <= 1e-9 * Math.abs(a[k]) + 1e-12, () =>
            `dWeights[${l}] entry ${k} is ${fmt(a[k])} for x but ${fmt(b[k])} for x stacked twice (ratio ${fmt(b[k] / a[k])}): the gradient of a mean carries the 1/N too`,
          );
        }
      }
    }, 100, label);
  });

  test('forward gives probabilities: rows summing to 1 (softmax) or entries in (0, 1) (sigmoid)', () => {
    expectProperty('forward(net, x) is a probability', problems, (p) => {
      const { net, x } = randomProblem(p.seed, p.shape);
      const out = forward(net, x);
      check(isMatrix(out) && out.rows === x.rows && out.cols === p.shape.sizes[p.shape.sizes.length - 1], () => `forward returned ${describeValue(out)}, expected N×K`);
      for (let i = 0; i < out.rows; i++) {
        const row = out.data.subarray(i * out.cols, (i + 1) * out.cols);
        if (p.shape.loss === 'cross-entropy') {
          const sum = row.reduce((s, value) => s + value, 0);
          check(Math.abs(sum - 1) <= 1e-12, () => `row ${i} of the softmax output sums to ${fmt(sum)}, not 1`);
        } else {
          check(row.every((value) => value > 0 && value < 1), () => `row ${i} of the sigmoid output is [${Array.from(row, fmt).join(', ')}], not all in (0, 1)`);
        }
      }
    }, 100, label);
  });

  test("cross-entropy: the output layer's dBiases sums to 0 (each row of P − Y sums to 0)", () => {
    expectProperty('Σₖ dBiases[L−1][k] = 0', problems.filter((p) => p.shape.loss === 'cross-entropy'), (p) => {
      const { net, x, y } = randomProblem(p.seed, p.shape);
      const db = lossAndGradients(net, x, y).dBiases[net.biases.length - 1];
      const sum = db.reduce((s, value) => s + value, 0);
      const size = db.reduce((s, value) => s + Math.abs(value), 0);
      check(Math.abs(sum) <= 1e-12 + 1e-12 * size, () => `the last layer's dBiases [${Array.from(db, fmt).join(', ')}] sums to ${fmt(sum)}`);
    }, 100, label);
  });
});

describe('convergence', () => {
  const xorX = fromRows([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const xorY = fromRows([[0], [1], [1], [0]]);

  test('XOR: the 2-4-1 sigmoid network with mse learns XOR from seeds 1, 2 and 3 (2000 whole-batch epochs, η = 5)', () => {
    for (const seed of [1, 2, 3]) {
      const net = createMLP([2, 4, 1], 'sigmoid', 'mse', createRng(seed));
      const losses = train(net, xorX, xorY, { epochs: 2000, learningRate: 5, batchSize: 4, rng: createRng(seed + 100) });
      const out = forward(net, xorX);
      const outputs = Array.from(out.data, fmt).join(', ');
      const last = losses[losses.length - 1];
      check(Array.from(out.data).every((o, i) => Math.abs(o - xorY.data[i]) < 0.2), () =>
        `with createMLP([2, 4, 1], 'sigmoid', 'mse', createRng(${seed})), after 2000 epochs the outputs for (0,0), (0,1), (1,0), (1,1) ` +
          `are [${outputs}]; each should be within 0.2 of its target [0, 1, 1, 0]. The loss went from ${fmt(losses[0])} to ${fmt(last)}.`,
      );
      check(last < 0.01, () => `XOR from seed ${seed}: the last epoch's loss is ${fmt(last)}; a network that has learned XOR is below 0.01.`);
    }
  });

  test('the loss curve falls: 3 Gaussian blobs, 2-16-3 relu with cross-entropy, 40 epochs of mini-batches of 10', () => {
    const rng = createRng(2024);
    const centres = [[2, 0], [-1, 1.7], [-1, -1.7]];
    const points: number[][] = [];
    const labels: number[][] = [];
    for (let i = 0; i < 90; i++) {
      const c = i % 3;
      const noise = normalMatrix(1, 2, rng, 0, 0.6).data;
      points.push([centres[c][0] + noise[0], centres[c][1] + noise[1]]);
      labels.push([0, 1, 2].map((k) => (k === c ? 1 : 0)));
    }
    const x = fromRows(points);
    const y = fromRows(labels);
    const net = createMLP([2, 16, 3], 'relu', 'cross-entropy', createRng(3));
    const losses = train(net, x, y, { epochs: 40, learningRate: 0.2, batchSize: 10, rng: createRng(4) });
    check(losses.length === 40 && losses.every(Number.isFinite), () => `train should return 40 finite losses; got ${losses.length}, first non-finite ${losses.find((l) => !Number.isFinite(l))}.`);
    const first = losses[0];
    const last = losses[39];
    check(last < 0.5 * first, () =>
      `the mean loss per epoch went from ${fmt(first)} (epoch 0) to ${fmt(last)} (epoch 39); SGD should at least halve it. ` +
        `Epochs 0, 10, 20, 30, 39: ${[0, 10, 20, 30, 39].map((e) => fmt(losses[e])).join(', ')}.`,
    );
    const predicted = argmaxRows(forward(net, x));
    const correct = predicted.filter((p, i) => y.data[i * 3 + p] === 1).length;
    check(correct >= 80, () => `after 40 epochs the network classifies ${correct} of 90 training points correctly; the blobs are easy (≥ 80 expected).`);
  });
});
