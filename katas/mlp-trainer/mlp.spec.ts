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
  say,
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
import { localize, type Text } from '../../grader/i18n/language.ts';
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
    say(
      `${what}: dWeights should be an array of ${layers} matrices (one per layer), but it is ${describeValue(grads.dWeights)}.`,
      `${what}：dWeights 应是由 ${layers} 个矩阵组成的数组（每层一个），但它是 ${describeValue(grads.dWeights)}。`,
    ),
  );
  check(Array.isArray(grads.dBiases) && grads.dBiases.length === layers, () =>
    say(
      `${what}: dBiases should be an array of ${layers} Float64Arrays (one per layer), but it is ${describeValue(grads.dBiases)}.`,
      `${what}：dBiases 应是由 ${layers} 个 Float64Array 组成的数组（每层一个），但它是 ${describeValue(grads.dBiases)}。`,
    ),
  );
  for (let l = 0; l < layers; l++) {
    const w = net.weights[l];
    const dw = grads.dWeights[l];
    check(isMatrix(dw) && dw.rows === w.rows && dw.cols === w.cols, () =>
      say(
        `${what}: dWeights[${l}] should be ${shapeOf(w)} like weights[${l}], but it is ${isMatrix(dw) ? shapeOf(dw) : describeValue(dw)}.`,
        `${what}：dWeights[${l}] 应与 weights[${l}] 一样是 ${shapeOf(w)}，但它是 ${isMatrix(dw) ? shapeOf(dw) : describeValue(dw)}。`,
      ),
    );
    const db = grads.dBiases[l];
    check(db instanceof Float64Array && db.length === net.biases[l].length, () =>
      say(
        `${what}: dBiases[${l}] should be a Float64Array of ${net.biases[l].length} entries like biases[${l}], but it is ${describeValue(db)}.`,
        `${what}：dBiases[${l}] 应与 biases[${l}] 一样是有 ${net.biases[l].length} 个元素的 Float64Array，但它是 ${describeValue(db)}。`,
      ),
    );
  }
}

describe('spec', () => {
  test(say('createMLP([3, 5, 4, 2]): weights[l] is sizes[l]×sizes[l+1], biases[l] has sizes[l+1] zeros', 'createMLP([3, 5, 4, 2])：weights[l] 是 sizes[l]×sizes[l+1]，biases[l] 是 sizes[l+1] 个 0'), () => {
    const sizes = [3, 5, 4, 2];
    const net = createMLP(sizes, 'relu', 'cross-entropy', createRng(1));
    check(
      Array.isArray(net.sizes) && net.sizes.join(',') === sizes.join(',') && net.activation === 'relu' && net.loss === 'cross-entropy',
      () =>
        say(
          'createMLP should keep sizes, activation and loss on the net; got ' +
            `sizes ${JSON.stringify(net.sizes)}, activation ${String(net.activation)}, loss ${String(net.loss)}.`,
          `createMLP 应把 sizes、activation 和 loss 保存在 net 上；实际得到 sizes ${JSON.stringify(net.sizes)}，activation ${String(net.activation)}，loss ${String(net.loss)}。`,
        ),
    );
    check(Array.isArray(net.weights) && net.weights.length === 3 && Array.isArray(net.biases) && net.biases.length === 3, () =>
      say(
        `createMLP([3, 5, 4, 2]) should make 3 layers: 3 weight matrices and 3 bias vectors; ` +
          `got weights ${describeValue(net.weights)} and biases ${describeValue(net.biases)}.`,
        `createMLP([3, 5, 4, 2]) 应生成 3 层：3 个权重矩阵和 3 个偏置向量；实际得到 weights ${describeValue(net.weights)}，biases ${describeValue(net.biases)}。`,
      ),
    );
    for (let l = 0; l < 3; l++) {
      const w = net.weights[l];
      check(isMatrix(w) && w.rows === sizes[l] && w.cols === sizes[l + 1], () =>
        say(
          `weights[${l}] should be ${sizes[l]}×${sizes[l + 1]} (sizes[${l}]×sizes[${l + 1}]), but it is ${describeValue(w)}.`,
          `weights[${l}] 应是 ${sizes[l]}×${sizes[l + 1]}（sizes[${l}]×sizes[${l + 1}]），但它是 ${describeValue(w)}。`,
        ),
      );
      expectVectorClose(`biases[${l}]`, net.biases[l], new Float64Array(sizes[l + 1]), {
        lengthHint: say(`sizes[${l + 1}]; biases start at 0`, `sizes[${l + 1}]；偏置初始为 0`),
      });
    }
  });

  test(say('createMLP draws weights[0], weights[1], … in order, each with normalMatrix(sizes[l], sizes[l+1], rng, 0, std)', 'createMLP 按顺序抽取 weights[0]、weights[1]、…，每个都用 normalMatrix(sizes[l], sizes[l+1], rng, 0, std)'), () => {
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
        check(isMatrix(got) && got.rows === want.rows && got.cols === want.cols, () =>
          say(`${call}: weights[${l}] should be ${shapeOf(want)}, but it is ${describeValue(got)}.`, `${call}：weights[${l}] 应是 ${shapeOf(want)}，但它是 ${describeValue(got)}。`),
        );
        const ratio = got.data[0] / want.data[0];
        const rescaled = got.data.every((g, k) => Math.abs(g - ratio * want.data[k]) <= 1e-12 * Math.abs(g));
        check(!rescaled || Math.abs(ratio - 1) <= 1e-9, () =>
          say(
            `${call}: weights[${l}] has the right draws but std ${fmt(ratio * std)} instead of ${fmt(std)}. Use √(2/fan_in) when a ` +
              'ReLU follows the layer and √(1/fan_in) otherwise (after sigmoid hidden units, and always for the output layer).',
            `${call}：weights[${l}] 抽取的随机数是对的，但标准差是 ${fmt(ratio * std)} 而不是 ${fmt(std)}。该层后面接 ReLU 时用 √(2/fan_in)，` +
              '否则用 √(1/fan_in)（sigmoid 隐藏单元之后的层，以及输出层，一律如此）。',
          ),
        );
        const off = got.data.findIndex((g, k) => Math.abs(g - want.data[k]) > 1e-12 * (1 + Math.abs(want.data[k])));
        check(off === -1, () =>
          say(
            `${call}: weights[${l}]${indexLabel(off, want.cols)} is ${fmt(got.data[off])}, but the next draws from that rng give ${fmt(want.data[off])}. ` +
              'Draw the layers in order, weights[0] first, each with normalMatrix(sizes[l], sizes[l+1], rng, 0, std), ' +
              'and take nothing else from rng (the biases start at 0).',
            `${call}：weights[${l}]${indexLabel(off, want.cols)} 是 ${fmt(got.data[off])}，但这个 rng 接下来抽出的是 ${fmt(want.data[off])}。` +
              '按顺序逐层抽取，先抽 weights[0]，每层都用 normalMatrix(sizes[l], sizes[l+1], rng, 0, std)，' +
              '且不要从 rng 中取任何别的数（偏置初始为 0）。',
          ),
        );
      }
    }
  });

  test(say('forward returns N×K and modifies neither the net nor x', 'forward 返回 N×K，且既不修改 net 也不修改 x'), () => {
    const { net, x } = randomProblem(11, { sizes: [4, 5, 3], activation: 'relu', loss: 'cross-entropy', n: 6 });
    const before = { x: snapshot(x), w: snapshot(net.weights[1]) };
    const out = forward(net, x);
    check(isMatrix(out) && out.rows === 6 && out.cols === 3, () =>
      say(
        `forward(net, x) for x 6×4 and sizes 4-5-3 should be 6×3 (N×K), but it is ${describeValue(out)}.`,
        `x 为 6×4、层大小为 4-5-3 时，forward(net, x) 应是 6×3（N×K），但它是 ${describeValue(out)}。`,
      ),
    );
    expectUnchanged('x', x, before.x, 'forward');
    expectUnchanged('net.weights[1]', net.weights[1], before.w, 'forward');
  });

  test(say('lossAndGradients returns a finite loss and one gradient per parameter, each of its shape', 'lossAndGradients 返回有限的损失，并为每个参数返回一个与它形状相同的梯度'), () => {
    const { net, x, y } = randomProblem(12, { sizes: [4, 5, 3, 2], activation: 'sigmoid', loss: 'mse', n: 5 });
    const before = { x: snapshot(x), y: snapshot(y), w: snapshot(net.weights[0]), b: snapshot(net.biases[2]) };
    const grads = lossAndGradients(net, x, y);
    check(typeof grads.loss === 'number' && Number.isFinite(grads.loss), () =>
      say(
        `lossAndGradients(net, x, y).loss should be a finite number, but it is ${describeValue(grads.loss)}.`,
        `lossAndGradients(net, x, y).loss 应是有限的数，但它是 ${describeValue(grads.loss)}。`,
      ),
    );
    expectGradientShapes(net, grads, say('lossAndGradients on sizes 4-5-3-2', 'lossAndGradients（层大小 4-5-3-2）'));
    expectUnchanged('x', x, before.x, 'lossAndGradients');
    expectUnchanged('y', y, before.y, 'lossAndGradients');
    expectUnchanged('net.weights[0]', net.weights[0], before.w, 'lossAndGradients');
    expectUnchanged('net.biases[2]', net.biases[2], before.b, 'lossAndGradients');
  });

  test(say('shapes that do not fit throw an Error naming them', '形状不匹配时抛出 Error，并在消息里写出这些形状'), () => {
    const { net, x, y } = randomProblem(13, { sizes: [3, 4, 2], activation: 'relu', loss: 'cross-entropy', n: 5 });
    const wide = normalMatrix(5, 4, createRng(1));
    expectThrowsMentioning(
      say('forward(net, x) with x 5×4 for sizes 3-4-2', '层大小为 3-4-2 时，用 5×4 的 x 调用 forward(net, x)'),
      () => forward(net, wide),
      ['5×4'],
    );
    const wrongY = normalMatrix(5, 3, createRng(2));
    expectThrowsMentioning(
      say('lossAndGradients(net, x, y) with y 5×3 for an output of 5×2', '输出为 5×2 时，用 5×3 的 y 调用 lossAndGradients(net, x, y)'),
      () => lossAndGradients(net, x, wrongY),
      ['5×3'],
    );
    const shortY = takeRows(y, [0, 1, 2]);
    const trainCall = 'train(net, x, y, …)'; // i18n-exempt: a call, written the same in both languages
    expectThrowsMentioning(
      say(`${trainCall} with x 5×3 and y 3×2`, `用 5×3 的 x 和 3×2 的 y 调用 ${trainCall}`),
      () => train(net, x, shortY, { epochs: 1, learningRate: 0.1, batchSize: 2, rng: createRng(3) }),
      ['5×3', '3×2'],
    );
  });

  test(say('train returns one finite loss per epoch, updates the net in place and leaves x and y alone', 'train 每轮返回一个有限的损失，原地更新 net，且不改动 x 和 y'), () => {
    const { net, x, y } = randomProblem(14, { sizes: [3, 4, 2], activation: 'sigmoid', loss: 'mse', n: 6 });
    const before = { x: snapshot(x), y: snapshot(y), w: snapshot(net.weights[0]) };
    const losses = train(net, x, y, { epochs: 3, learningRate: 0.5, batchSize: 4, rng: createRng(5) });
    check(Array.isArray(losses) && losses.length === 3 && losses.every((l) => typeof l === 'number' && Number.isFinite(l)), () =>
      say(
        `train with epochs: 3 should return 3 finite numbers (the mean loss of each epoch), but it returned ${describeValue(losses)}.`,
        `epochs: 3 时 train 应返回 3 个有限的数（每轮的平均损失），但它返回了 ${describeValue(losses)}。`,
      ),
    );
    check(
      !sameNumbers(net.weights[0].data, before.w),
      say('train left net.weights[0] unchanged: it should update the network in place.', 'train 没有改变 net.weights[0]：它应原地更新网络。'),
    );
    expectUnchanged('x', x, before.x, 'train');
    expectUnchanged('y', y, before.y, 'train');
  });

  test(say('one epoch with batchSize ≥ N is one step W ← W − η·dW, b ← b − η·db, and reports the loss before the step', 'batchSize ≥ N 时一轮就是一步 W ← W − η·dW、b ← b − η·db，并报告这一步之前的损失'), () => {
    const { net, x, y } = randomProblem(15, { sizes: [3, 5, 4, 3], activation: 'relu', loss: 'cross-entropy', n: 6 });
    const lr = 0.5;
    const grads = lossAndGradients(clonedNet(net), x, y);
    const descended = stepped(net, grads, lr);
    const ascended = stepped(net, grads, -lr);
    const start = clonedNet(net);
    const losses = train(net, x, y, { epochs: 1, learningRate: lr, batchSize: 10, rng: createRng(6) });
    expectNumberClose(say("the epoch's loss (the loss before its one step)", '这一轮的损失（它唯一一步更新之前的损失）'), losses[0], grads.loss);
    const last = net.weights.length - 1;
    check(!net.weights.every((w, l) => sameNumbers(w.data, ascended.weights[l].data)), () =>
      say(
        'after one whole-batch epoch every weight is W + η·dW: train steps uphill. Gradient descent subtracts: W ← W − η·dW.',
        '用整个批量训练一轮后，每个权重都是 W + η·dW：train 在往上坡走。梯度下降要减去梯度：W ← W − η·dW。',
      ),
    );
    check(!net.biases.every((b, l) => sameNumbers(b, start.biases[l])), () =>
      say(
        'after one whole-batch epoch every bias still has its old value: train must update the biases too, b ← b − η·db.',
        '用整个批量训练一轮后，每个偏置都还是原来的值：train 也必须更新偏置，b ← b − η·db。',
      ),
    );
    for (let l = last; l >= 0; l--) {
      check(sameNumbers(net.weights[l].data, descended.weights[l].data) || !sameNumbers(net.weights[last].data, descended.weights[last].data), () =>
        say(
          `after one whole-batch epoch the last layer is W − η·dW but weights[${l}] is not: the lower layers' gradients were ` +
            'computed with weights that had already been updated. Compute every gradient first (lossAndGradients), then update all layers.',
          `用整个批量训练一轮后，最后一层是 W − η·dW，但 weights[${l}] 不是：下面几层的梯度是用已经更新过的权重算出来的。` +
            '先算出所有梯度（lossAndGradients），再更新所有层。',
        ),
      );
      expectMatrixClose(
        say(
          `weights[${l}] after one whole-batch epoch (W − η·dW, dW from your lossAndGradients)`,
          `用整个批量训练一轮后的 weights[${l}]（W − η·dW，dW 来自你的 lossAndGradients）`,
        ),
        net.weights[l],
        descended.weights[l],
      );
      expectVectorClose(say(`biases[${l}] after one whole-batch epoch (b − η·db)`, `用整个批量训练一轮后的 biases[${l}]（b − η·db）`), net.biases[l], descended.biases[l]);
    }
  });

  test(say('train takes its mini-batches from permutation(N, rng), a new one every epoch, and reports Σ nᵦ·lossᵦ / N', 'train 按 permutation(N, rng) 取小批量，每轮重新生成一次，并报告 Σ nᵦ·lossᵦ / N'), () => {
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
      say(
        `after 3 epochs of train (sigmoid, mse, learning rate 2, batches of 3), weights[${nanAt}] holds NaN: the training ` +
          'diverged: look at the fixtures and gradient checks, which compare lossAndGradients with the true gradients.',
        `train 训练 3 轮后（sigmoid，mse，学习率 2，批量大小 3），weights[${nanAt}] 中出现了 NaN：训练发散了。` +
          '请看基准数据（fixtures）和梯度检验两类检查，它们把 lossAndGradients 与真实的梯度作比较。',
      ),
    );
    check(sameAs(again), () =>
      say(
        'two runs of train from the same network with createRng(9) ended with different weights: the shuffle must come from ' +
          'options.rng (permutation(N, rng)), never from Math.random, so that the same seed gives the same run.',
        '从同一个网络出发、都用 createRng(9) 的两次 train 得到了不同的权重：打乱必须来自 options.rng（permutation(N, rng)），' +
          '绝不能用 Math.random，这样相同的种子才会给出相同的训练过程。',
      ),
    );
    check(sameAs(shuffled) || !sameAs(unshuffled), () =>
      say(
        "train took the mini-batches in the rows' original order. Shuffle at the start of every epoch, order = permutation(N, rng), " +
          'and take the batches x[order[0..B)], x[order[B..2B)], …',
        'train 按行的原始顺序取小批量。每轮开始时先打乱，order = permutation(N, rng)，' +
          '再依次取批量 x[order[0..B)]、x[order[B..2B)]、…',
      ),
    );
    for (let l = 0; l < net.weights.length; l++) {
      expectMatrixClose(
        say(
          `weights[${l}] after 3 epochs of N = 7, batchSize = 3 (batches of 3, 3 and 1 rows, in the order of one permutation(7, rng) per epoch)`,
          `N = 7、batchSize = 3 训练 3 轮后的 weights[${l}]（批量依次为 3、3、1 行，顺序由每轮一次的 permutation(7, rng) 决定）`,
        ),
        net.weights[l],
        shuffled.weights[l],
      );
    }
    check(Array.isArray(losses) && losses.length === 3, () =>
      say(
        `train with epochs: 3 should return 3 losses, but it returned ${describeValue(losses)}.`,
        `epochs: 3 时 train 应返回 3 个损失，但它返回了 ${describeValue(losses)}。`,
      ),
    );
    for (let e = 0; e < 3; e++) {
      expectNumberClose(
        say(
          `the loss of epoch ${e} (Σ nᵦ·lossᵦ / N over its batches of 3, 3 and 1, each before its step)`,
          `第 ${e} 轮的损失（在 3、3、1 行的三个批量上求 Σ nᵦ·lossᵦ / N，每个 lossᵦ 取该批量更新之前的值）`,
        ),
        losses[e],
        expectedLosses[e],
      );
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
  expectMatrixClose('forward(net, x)', forward(net, x), c.expected.output, { shapeHint: 'N×K' }); // i18n-exempt: a call, written the same in both languages
  const grads = lossAndGradients(net, x, y);
  check(Number.isFinite(grads.loss), () =>
    say(
      `lossAndGradients(net, x, y).loss is ${fmt(grads.loss)}; expected ${fmt(c.expected.loss)}. `,
      `lossAndGradients(net, x, y).loss 是 ${fmt(grads.loss)}；期望值是 ${fmt(c.expected.loss)}。`,
    ) +
      (grads.loss === Infinity
        ? say(
            'A probability that underflowed to 0 went into log: compute log P as a log-softmax, z − max − log Σ exp(z − max).',
            '一个下溢为 0 的概率被送进了 log：应按 log-softmax 计算 log P，即 z − max − log Σ exp(z − max)。',
          )
        : say(
            'Look for exp of a large number (subtract each row\'s max before exp) or a log of 0.',
            '检查是否对很大的数求了 exp（应先减去每行的最大值再求 exp），或者对 0 取了 log。',
          )),
  );
  expectNumberClose('lossAndGradients(net, x, y).loss', grads.loss, c.expected.loss); // i18n-exempt: a call, written the same in both languages
  expectGradientShapes(net, grads, say(`lossAndGradients on sizes ${sizesLabel(sizes)}`, `lossAndGradients（层大小 ${sizesLabel(sizes)}）`));
  const compare = (): void => {
    for (let l = sizes.length - 2; l >= 0; l--) {
      expectMatrixClose(`dWeights[${l}]`, grads.dWeights[l], c.expected.dWeights[l], { shapeHint: `sizes[${l}]×sizes[${l + 1}]` });
      expectVectorClose(`dBiases[${l}]`, grads.dBiases[l], c.expected.dBiases[l]);
    }
  };
  if (why === undefined) compare();
  else withHint(why, compare);
}

/**
 * The fixture cases' names in both languages, by case id. The English is the case's description
 * in fixtures/mlp-trainer/; a case whose description no longer matches is named by its description.
 */
const CASE_NAMES: Record<string, Text> = {
  'xor-network': {
    en: 'the XOR network (2-4-1, sigmoid, mse) on the four XOR points',
    'zh-CN': 'XOR 网络（2-4-1，sigmoid，mse）在 XOR 的四个点上',
  },
  'sigmoid-mse-two-outputs': {
    en: 'sigmoid, mse, one hidden layer, K = 2 outputs (3-4-2, N=5): the mean is over all N·K entries',
    'zh-CN': 'sigmoid，mse，一个隐藏层，K = 2 个输出（3-4-2，N=5）：平均是对全部 N·K 个元素取的',
  },
  'relu-mse-two-hidden': {
    en: 'relu, mse, two hidden layers (4-5-3-3, N=6)',
    'zh-CN': 'relu，mse，两个隐藏层（4-5-3-3，N=6）',
  },
  'sigmoid-ce-two-hidden': {
    en: 'sigmoid, cross-entropy, two hidden layers, one-hot targets (3-5-4-3, N=5)',
    'zh-CN': 'sigmoid，交叉熵，两个隐藏层，one-hot 目标（3-5-4-3，N=5）',
  },
  'relu-ce-soft-targets': {
    en: 'relu, cross-entropy, one hidden layer, soft targets (4-6-3, N=7)',
    'zh-CN': 'relu，交叉熵，一个隐藏层，软目标（4-6-3，N=7）',
  },
  'relu-ce-batch-of-one': {
    en: 'relu, cross-entropy, a batch of one (3-4-4, N=1)',
    'zh-CN': 'relu，交叉熵，批量只有一个样本（3-4-4，N=1）',
  },
  'no-hidden-ce': {
    en: 'no hidden layer: softmax regression (4-3, N=5)',
    'zh-CN': '没有隐藏层：softmax 回归（4-3，N=5）',
  },
  'no-hidden-mse': {
    en: 'no hidden layer: one sigmoid layer with mse (3-2, N=4)',
    'zh-CN': '没有隐藏层：一个 sigmoid 层配 mse（3-2，N=4）',
  },
  'relu-ce-large-logits': {
    en: 'relu, cross-entropy, logits around ±1000 (3-4-3, N=4): exp(1000) overflows without the max subtracted',
    'zh-CN': 'relu，交叉熵，logits 在 ±1000 左右（3-4-3，N=4）：不减去最大值，exp(1000) 就会上溢',
  },
  'sigmoid-ce-large-logits': {
    en: 'sigmoid, cross-entropy, logits in the thousands (2-3-4, N=3): the loss is huge but finite',
    'zh-CN': 'sigmoid，交叉熵，logits 达到几千（2-3-4，N=3）：损失很大，但有限',
  },
  'relu-kink': {
    en: 'relu at its kink: some hidden pre-activations are exactly 0 (3-4-3-3, cross-entropy, N=3), where PyTorch takes ReLU′(0) = 0',
    'zh-CN': 'relu 落在折点上：部分隐藏层预激活值恰好为 0（3-4-3-3，交叉熵，N=3），PyTorch 在这里取 ReLU′(0) = 0',
  },
  'mnist-network-40': {
    en: 'the MNIST network (784-128-128-10, relu, cross-entropy) on a batch of 40, past the trainer\'s 32: every gradient sums all 40 rows',
    'zh-CN': 'MNIST 网络（784-128-128-10，relu，交叉熵）在 40 个样本的批量上，比训练器的 32 大：每个梯度都要对全部 40 行求和',
  },
  'relu-ce-300': {
    en: 'relu, cross-entropy, a batch of 300 (32-16-10)',
    'zh-CN': 'relu，交叉熵，300 个样本的批量（32-16-10）',
  },
  'sigmoid-mse-partial-17': {
    en: 'sigmoid, mse, a partial batch of 17 (64-32-4)',
    'zh-CN': 'sigmoid，mse，17 个样本的不完整批量（64-32-4）',
  },
  'xor-full-batch': {
    en: 'XOR (2-4-1, sigmoid, mse): 5 epochs of whole-batch SGD, lr 5',
    'zh-CN': 'XOR（2-4-1，sigmoid，mse）：用整个批量做 5 轮 SGD，lr 5',
  },
  'relu-ce-full-batch': {
    en: 'relu, cross-entropy, two hidden layers (3-5-4-3, N=6): 4 epochs of SGD, lr 0.5, batchSize 100 > N',
    'zh-CN': 'relu，交叉熵，两个隐藏层（3-5-4-3，N=6）：4 轮 SGD，lr 0.5，batchSize 100 > N',
  },
};

/** A fixture case's test name in the current language. */
function caseName(c: { id: string; description: string }): string {
  const name = CASE_NAMES[c.id];
  return name !== undefined && name.en === c.description ? localize(name) : c.description;
}

describe('fixtures', () => {
  const gradients = loadFixture<GradientCase['input'], GradientCase['expected']>('mlp-trainer', 'gradients');
  for (const c of gradients.cases) {
    test(caseName(c), () => expectGradientCase(c));
  }

  // ReLU′(0) = 0, PyTorch's convention at the kink. The gradient checks stay away from kinks by
  // design, so only gold values can hold a solution to it: hidden pre-activations exactly 0.
  const kink = loadFixture<GradientCase['input'] & { kinks: [number, number, number][] }, GradientCase['expected']>('mlp-trainer', 'kink');
  for (const c of kink.cases) {
    test(caseName(c), () => {
      const superscript = (n: number): string => String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
      const at = c.input.kinks.map(([l, i, j]) => `Z⁽${superscript(l + 1)}⁾[${i}][${j}]`);
      const head = at.slice(0, -1).join(say(', ', '、'));
      const lastKink = at[at.length - 1];
      const listed = at.length > 1 ? say(`${head} and ${lastKink}`, `${head} 和 ${lastKink}`) : at[0];
      expectGradientCase(
        c,
        say(
          `In this case the hidden pre-activations ${listed} ([example][unit]) are exactly 0. ` +
            'ReLU′(0) is 0, as in PyTorch: a hidden unit whose pre-activation is exactly 0 ' +
            'passes no gradient back (f′ is z > 0 ? 1 : 0, not z ≥ 0). Exact zeros are not rare: biases start at 0, so a unit ' +
            'whose inputs are all 0 (every ReLU below it off) sits exactly at the kink.',
          `这个用例里，隐藏层的预激活值 ${listed}（[样本][单元]）恰好为 0。` +
            'ReLU′(0) 取 0，与 PyTorch 一致：预激活值恰好为 0 的隐藏单元不往回传梯度' +
            '（f′ 是 z > 0 ? 1 : 0，而不是 z ≥ 0）。恰好为 0 并不少见：偏置初始为 0，' +
            '所以输入全为 0 的单元（它下面的 ReLU 全部关闭）正好落在折点上。',
        ),
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
    test(caseName(c), () => {
      const { sizes, activation, loss } = c.input;
      const net = netWith(sizes, activation, loss, c.input.weights.map((w) => patternMatrix(w.pattern)), c.input.biases.map((b) => patternVector(b.pattern)));
      const x = patternMatrix(c.input.x.pattern);
      const k = sizes[sizes.length - 1];
      const y = 'pattern' in c.input.y ? patternMatrix(c.input.y.pattern) : matrix(x.rows, k, Float64Array.from({ length: x.rows * k }, (_, i) => (i % k === (c.input.y as { oneHotLabels: number[] }).oneHotLabels[Math.floor(i / k)] ? 1 : 0)));
      const n = x.rows;
      const why = say(
        `The loss is a mean over all ${n} rows and every gradient a sum over all ${n}: loop to the batch's own number of rows, never to a batch size.`,
        `损失是对全部 ${n} 行取的平均，每个梯度都是对全部 ${n} 行的求和：循环的上界是这个批量自己的行数，绝不能是某个批量大小。`,
      );
      withHint(why, () => {
        expectSampledClose('forward(net, x)', forward(net, x), c.expected.output, 'N×K'); // i18n-exempt: a call, written the same in both languages
        const grads = lossAndGradients(net, x, y);
        expectNumberClose('lossAndGradients(net, x, y).loss', grads.loss, c.expected.loss); // i18n-exempt: a call, written the same in both languages
        expectGradientShapes(net, grads, say(`lossAndGradients on sizes ${sizesLabel(sizes)}`, `lossAndGradients（层大小 ${sizesLabel(sizes)}）`));
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
    test(caseName(c), () => {
      const { sizes, activation, loss, epochs, learningRate, batchSize } = c.input;
      const net = netWith(sizes, activation, loss, c.input.weights.map(m), c.input.biases.map(v));
      const losses = train(net, m(c.input.x), m(c.input.y), { epochs, learningRate, batchSize, rng: createRng(1) });
      check(Array.isArray(losses) && losses.length === epochs, () =>
        say(
          `train should return ${epochs} losses, one per epoch; got ${JSON.stringify(losses)}.`,
          `train 应返回 ${epochs} 个损失，每轮一个；实际得到 ${JSON.stringify(losses)}。`,
        ),
      );
      expectVectorClose(say('the returned losses', '返回的各轮损失'), Float64Array.from(losses), c.expected.losses);
      for (let l = sizes.length - 2; l >= 0; l--) {
        expectMatrixClose(say(`weights[${l}] after ${epochs} epochs`, `训练 ${epochs} 轮后的 weights[${l}]`), net.weights[l], c.expected.weights[l]);
        expectVectorClose(say(`biases[${l}] after ${epochs} epochs`, `训练 ${epochs} 轮后的 biases[${l}]`), net.biases[l], c.expected.biases[l]);
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
    const label = say(
      `${shape.activation} + ${shape.loss}, sizes ${sizesLabel(shape.sizes)}, N = ${shape.n}`,
      `${shape.activation} + ${shape.loss}，层大小 ${sizesLabel(shape.sizes)}，N = ${shape.n}`,
    );
    const sampled = shape.n > 32;
    const which = sampled ? say('sampled dWeights and every dBiases', '抽样的 dWeights 元素和全部 dBiases') : say('every dWeights and dBiases', '全部 dWeights 和 dBiases');
    test(say(`${which} against finite differences of your loss (${label})`, `用你的损失的有限差分检验${which}（${label}）`), () => {
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
  throw new Error('kinkFreeProblem: no kink-free draw in 100 seeds (a bug in the spec)'); // i18n-exempt: a bug in the spec itself, for course authors
}

describe('properties', () => {
  test(say('large batches (N from 33 to 150): duplicating every example changes neither the loss nor any gradient', '大批量（N 从 33 到 150）：把每个样本复制一份，损失和所有梯度都不变'), () => {
    const large = fc.record({
      seed: fc.integer({ min: 1, max: 1_000_000 }),
      n: fc.integer({ min: 33, max: 150 }),
      activation: fc.constantFrom<Activation>('sigmoid', 'relu'),
      loss: fc.constantFrom<Loss>('mse', 'cross-entropy'),
    });
    expectProperty(say('loss and gradients of [x; x] equal those of x, at N > 32', 'N > 32 时，[x; x] 的损失和梯度与 x 的相等'), large, ({ seed, n, activation, loss }) => {
      const { net, x, y } = randomProblem(seed, { sizes: [4, 5, 3], activation, loss, n });
      const once = lossAndGradients(net, x, y);
      const twice = lossAndGradients(net, stackedTwice(x), stackedTwice(y));
      check(Math.abs(once.loss - twice.loss) <= 1e-9 * Math.abs(once.loss) + 1e-12, () =>
        say(
          `the loss is ${fmt(once.loss)} for ${n} rows but ${fmt(twice.loss)} for the same rows stacked twice (${2 * n})`,
          `${n} 行时损失是 ${fmt(once.loss)}，但把同样的行叠两遍（${2 * n} 行）后是 ${fmt(twice.loss)}`,
        ),
      );
      for (let l = 0; l < net.weights.length; l++) {
        for (const [name, a, b] of [[`dWeights[${l}]`, once.dWeights[l].data, twice.dWeights[l].data], [`dBiases[${l}]`, once.dBiases[l], twice.dBiases[l]]] as const) {
          for (let k = 0; k < a.length; k++) {
            check(Math.abs(a[k] - b[k]) <= 1e-9 * Math.abs(a[k]) + 1e-12, () =>
              say(
                `${name} entry ${k} is ${fmt(a[k])} for ${n} rows but ${fmt(b[k])} for the same rows stacked twice (${2 * n}): ` +
                  'a mean over the batch must use every row, however many there are',
                `${name} 的第 ${k} 个元素在 ${n} 行时是 ${fmt(a[k])}，但把同样的行叠两遍（${2 * n} 行）后是 ${fmt(b[k])}：` +
                  '对批量求平均必须用上每一行，不管有多少行',
              ),
            );
          }
        }
      }
    }, 6, ({ seed, n, activation, loss }) => say(`${activation} + ${loss}, sizes 4-5-3, N = ${n} (problem seed ${seed})`, `${activation} + ${loss}，层大小 4-5-3，N = ${n}（问题的种子 ${seed}）`));
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
    say(
      `${p.shape.activation} + ${p.shape.loss}, sizes ${sizesLabel(p.shape.sizes)}, N = ${p.shape.n} (problem seed ${p.seed})`,
      `${p.shape.activation} + ${p.shape.loss}，层大小 ${sizesLabel(p.shape.sizes)}，N = ${p.shape.n}（问题的种子 ${p.seed}）`,
    );

  test(say('the loss is the mean of (A − Y)² over all N·K entries (mse) or of −Σₖ Y·log P over the N rows (cross-entropy)', '损失是 (A − Y)² 在全部 N·K 个元素上的平均（mse），或 −Σₖ Y·log P 在 N 行上的平均（cross-entropy）'), () => {
    expectProperty(say('loss = the mean defined by the statement, from forward\'s output', 'loss = 题面定义的平均值，由 forward 的输出算出'), problems, (p) => {
      const { net, x, y } = randomProblem(p.seed, p.shape);
      const out = forward(net, x);
      let total = 0;
      for (let k = 0; k < y.data.length; k++) {
        total += p.shape.loss === 'mse' ? (out.data[k] - y.data[k]) ** 2 : -y.data[k] * Math.log(out.data[k]);
      }
      const expected = total / (p.shape.loss === 'mse' ? y.rows * y.cols : y.rows);
      const got = lossAndGradients(net, x, y).loss;
      const over = p.shape.loss === 'mse' ? say('over all N·K entries', '在全部 N·K 个元素上') : say('over the N rows', '在 N 行上');
      check(Math.abs(got - expected) <= 1e-9 * Math.abs(expected) + 1e-12, () =>
        say(
          `the loss is ${fmt(got)}, but the mean ${over} of forward's output is ${fmt(expected)}`,
          `损失是 ${fmt(got)}，但 forward 的输出${over}的平均值是 ${fmt(expected)}`,
        ),
      );
    }, 100, label);
  });

  test(say('duplicating every example changes neither the loss nor any gradient (they are means over the batch)', '把每个样本复制一份，损失和所有梯度都不变（它们都是对批量的平均）'), () => {
    expectProperty(say('loss and gradients of [x; x] equal those of x', '[x; x] 的损失和梯度与 x 的相等'), problems, (p) => {
      const { net, x, y } = randomProblem(p.seed, p.shape);
      const once = lossAndGradients(net, x, y);
      const twice = lossAndGradients(net, stackedTwice(x), stackedTwice(y));
      check(Math.abs(once.loss - twice.loss) <= 1e-9 * Math.abs(once.loss) + 1e-12, () =>
        say(`the loss is ${fmt(once.loss)} for x but ${fmt(twice.loss)} for x stacked twice`, `x 的损失是 ${fmt(once.loss)}，但 x 叠两遍后是 ${fmt(twice.loss)}`),
      );
      for (let l = 0; l < net.weights.length; l++) {
        const a = once.dWeights[l].data;
        const b = twice.dWeights[l].data;
        for (let k = 0; k < a.length; k++) {
          check(Math.abs(a[k] - b[k]) <= 1e-9 * Math.abs(a[k]) + 1e-12, () =>
            say(
              `dWeights[${l}] entry ${k} is ${fmt(a[k])} for x but ${fmt(b[k])} for x stacked twice (ratio ${fmt(b[k] / a[k])}): the gradient of a mean carries the 1/N too`,
              `dWeights[${l}] 的第 ${k} 个元素对 x 是 ${fmt(a[k])}，但对叠两遍的 x 是 ${fmt(b[k])}（比值 ${fmt(b[k] / a[k])}）：平均值的梯度也带着 1/N`,
            ),
          );
        }
      }
    }, 100, label);
  });

  test(say('forward gives probabilities: rows summing to 1 (softmax) or entries in (0, 1) (sigmoid)', 'forward 给出概率：每行之和为 1（softmax），或每个元素都在 (0, 1) 内（sigmoid）'), () => {
    expectProperty(say('forward(net, x) is a probability', 'forward(net, x) 是概率'), problems, (p) => {
      const { net, x } = randomProblem(p.seed, p.shape);
      const out = forward(net, x);
      check(isMatrix(out) && out.rows === x.rows && out.cols === p.shape.sizes[p.shape.sizes.length - 1], () =>
        say(`forward returned ${describeValue(out)}, expected N×K`, `forward 返回了 ${describeValue(out)}，应为 N×K`),
      );
      for (let i = 0; i < out.rows; i++) {
        const row = out.data.subarray(i * out.cols, (i + 1) * out.cols);
        if (p.shape.loss === 'cross-entropy') {
          const sum = row.reduce((s, value) => s + value, 0);
          check(Math.abs(sum - 1) <= 1e-12, () => say(`row ${i} of the softmax output sums to ${fmt(sum)}, not 1`, `softmax 输出的第 ${i} 行之和是 ${fmt(sum)}，不是 1`));
        } else {
          check(row.every((value) => value > 0 && value < 1), () =>
            say(
              `row ${i} of the sigmoid output is [${Array.from(row, fmt).join(', ')}], not all in (0, 1)`,
              `sigmoid 输出的第 ${i} 行是 [${Array.from(row, fmt).join(', ')}]，并不都在 (0, 1) 内`,
            ),
          );
        }
      }
    }, 100, label);
  });

  test(say("cross-entropy: the output layer's dBiases sums to 0 (each row of P − Y sums to 0)", '交叉熵：输出层的 dBiases 之和为 0（P − Y 的每一行之和为 0）'), () => {
    expectProperty('Σₖ dBiases[L−1][k] = 0', problems.filter((p) => p.shape.loss === 'cross-entropy'), (p) => {
      const { net, x, y } = randomProblem(p.seed, p.shape);
      const db = lossAndGradients(net, x, y).dBiases[net.biases.length - 1];
      const sum = db.reduce((s, value) => s + value, 0);
      const size = db.reduce((s, value) => s + Math.abs(value), 0);
      check(Math.abs(sum) <= 1e-12 + 1e-12 * size, () =>
        say(
          `the last layer's dBiases [${Array.from(db, fmt).join(', ')}] sums to ${fmt(sum)}`,
          `最后一层的 dBiases [${Array.from(db, fmt).join(', ')}] 之和是 ${fmt(sum)}`,
        ),
      );
    }, 100, label);
  });
});

describe('convergence', () => {
  const xorX = fromRows([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const xorY = fromRows([[0], [1], [1], [0]]);

  test(say('XOR: the 2-4-1 sigmoid network with mse learns XOR from seeds 1, 2 and 3 (2000 whole-batch epochs, η = 5)', 'XOR：2-4-1 的 sigmoid 网络配 mse，从种子 1、2、3 出发都能学会 XOR（用整个批量训练 2000 轮，η = 5）'), () => {
    for (const seed of [1, 2, 3]) {
      const net = createMLP([2, 4, 1], 'sigmoid', 'mse', createRng(seed));
      const losses = train(net, xorX, xorY, { epochs: 2000, learningRate: 5, batchSize: 4, rng: createRng(seed + 100) });
      const out = forward(net, xorX);
      const outputs = Array.from(out.data, fmt).join(', ');
      const last = losses[losses.length - 1];
      check(Array.from(out.data).every((o, i) => Math.abs(o - xorY.data[i]) < 0.2), () =>
        say(
          `with createMLP([2, 4, 1], 'sigmoid', 'mse', createRng(${seed})), after 2000 epochs the outputs for (0,0), (0,1), (1,0), (1,1) ` +
            `are [${outputs}]; each should be within 0.2 of its target [0, 1, 1, 0]. The loss went from ${fmt(losses[0])} to ${fmt(last)}.`,
          `用 createMLP([2, 4, 1], 'sigmoid', 'mse', createRng(${seed}))，训练 2000 轮后 (0,0)、(0,1)、(1,0)、(1,1) 的输出是 ` +
            `[${outputs}]；每个都应与目标 [0, 1, 1, 0] 相差不超过 0.2。损失从 ${fmt(losses[0])} 变为 ${fmt(last)}。`,
        ),
      );
      check(last < 0.01, () =>
        say(
          `XOR from seed ${seed}: the last epoch's loss is ${fmt(last)}; a network that has learned XOR is below 0.01.`,
          `种子 ${seed} 的 XOR：最后一轮的损失是 ${fmt(last)}；学会了 XOR 的网络应低于 0.01。`,
        ),
      );
    }
  });

  test(say('the loss curve falls: 3 Gaussian blobs, 2-16-3 relu with cross-entropy, 40 epochs of mini-batches of 10', '损失曲线下降：3 个高斯团，2-16-3 的 relu 网络配交叉熵，批量大小 10，训练 40 轮'), () => {
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
    check(losses.length === 40 && losses.every(Number.isFinite), () =>
      say(
        `train should return 40 finite losses; got ${losses.length}, first non-finite ${losses.find((l) => !Number.isFinite(l))}.`,
        `train 应返回 40 个有限的损失；实际得到 ${losses.length} 个，第一个非有限值是 ${losses.find((l) => !Number.isFinite(l))}。`,
      ),
    );
    const first = losses[0];
    const last = losses[39];
    check(last < 0.5 * first, () =>
      say(
        `the mean loss per epoch went from ${fmt(first)} (epoch 0) to ${fmt(last)} (epoch 39); SGD should at least halve it. ` +
          `Epochs 0, 10, 20, 30, 39: ${[0, 10, 20, 30, 39].map((e) => fmt(losses[e])).join(', ')}.`,
        `每轮的平均损失从 ${fmt(first)}（第 0 轮）变为 ${fmt(last)}（第 39 轮）；SGD 至少应让它减半。` +
          `第 0、10、20、30、39 轮：${[0, 10, 20, 30, 39].map((e) => fmt(losses[e])).join(', ')}。`,
      ),
    );
    const predicted = argmaxRows(forward(net, x));
    const correct = predicted.filter((p, i) => y.data[i * 3 + p] === 1).length;
    check(correct >= 80, () =>
      say(
        `after 40 epochs the network classifies ${correct} of 90 training points correctly; the blobs are easy (≥ 80 expected).`,
        `训练 40 轮后，网络在 90 个训练点中分对了 ${correct} 个；这几个高斯团很好分（应至少 80 个）。`,
      ),
    );
  });
});
