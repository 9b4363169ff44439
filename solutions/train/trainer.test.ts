/**
 * The training system end to end on a small subset of the real MNIST: it learns, a seed fixes
 * the model, the learning rate drops on schedule, a saved model evaluates the same after
 * loading, and a kata that is missing or unsolved is named before any training starts.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { firstImages, loadMnist } from '../../katas/lib/mnist.ts';
import { matrix, paramData } from '../../katas/lib/matrix.ts';
import { batchToMatrix } from '../../katas/lib/mnist.ts';
import { createRng } from '../../katas/lib/random.ts';
import { checkConfig, cnnFeatures, DEFAULT_CONFIG, type TrainConfig } from './config.ts';
import { createModel, deserializeModel, initialize, loadModel, saveModel, serializeModel } from './model.ts';
import { createNetwork, rowsAsSequence, softmaxCrossEntropy } from './network.ts';
import { defaultLocation, loadParts, PartsError, rolesFor } from './parts.ts';
import { baselineEpoch } from './baseline.ts';
import { evaluate, train, TrainingSession } from './trainer.ts';

const mnist = loadMnist();
const small = { train: firstImages(mnist.train, 2000), test: firstImages(mnist.test, 1000) };
const quick: TrainConfig = { ...DEFAULT_CONFIG, epochs: 2 };
const reference = defaultLocation('reference');

/**
 * Every parameter's gradient from `net.backward` against central differences of the loss on the
 * first 3 training images, at 3 entries of each parameter (first, middle, last), to `digits`
 * decimals. Returns the analytic gradients.
 */
function expectParameterGradientsMatch(net: ReturnType<typeof createNetwork>, model: ReturnType<typeof createModel>, digits: number): Float64Array[] {
  const x = batchToMatrix(mnist.train, Uint32Array.of(0, 1, 2), matrix(3, 784));
  const labels = mnist.train.labels.subarray(0, 3);
  const loss = (): number => softmaxCrossEntropy(net.forward(x, 'train'), labels, 1, matrix(3, 10)).lossSum;
  const dlogits = matrix(3, 10);
  softmaxCrossEntropy(net.forward(x, 'train'), labels, 1, dlogits);
  const grads = net.backward(dlogits).map((g) => Float64Array.from(paramData(g)));
  model.params.forEach((p, k) => {
    const data = paramData(p);
    for (const i of [0, Math.floor(data.length / 2), data.length - 1]) {
      const keep = data[i];
      data[i] = keep + 1e-5;
      const up = loss();
      data[i] = keep - 1e-5;
      const down = loss();
      data[i] = keep;
      expect(grads[k][i], `${model.names[k]}[${i}]`).toBeCloseTo((up - down) / 2e-5, digits);
    }
  });
  return grads;
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'train-test-'));
  tempDirs.push(dir);
  return dir;
}

describe('training on 2,000 images', () => {
  test('learns: far above chance on held-out test images, and the loss falls', async () => {
    const result = await train(quick, small, reference);
    expect(result.epochs).toHaveLength(2);
    expect(result.epochs[1].loss).toBeLessThan(result.epochs[0].loss);
    expect(result.epochs[1].testAccuracy).toBeGreaterThan(0.85); // chance is 0.10
    expect(result.batchLosses).toHaveLength(2 * Math.ceil(2000 / 32));
  });

  test('the same seed gives the same model; another seed does not', async () => {
    const config = { ...quick, epochs: 1 };
    const tiny = { train: firstImages(mnist.train, 300) };
    const a = await train(config, tiny, reference);
    const b = await train(config, tiny, reference);
    const c = await train({ ...config, seed: 2 }, tiny, reference);
    expect(b.model.buffer).toEqual(a.model.buffer);
    expect(c.model.buffer).not.toEqual(a.model.buffer);
  });

  test('after reset, a session trains exactly as a fresh one (what the benchmark relies on)', async () => {
    const config = { ...quick, epochs: 1 };
    const tiny = firstImages(mnist.train, 320);
    const fresh = await TrainingSession.open(config, { train: tiny }, reference);
    const warmed = await TrainingSession.open(config, { train: tiny }, reference);
    fresh.runEpoch();
    warmed.runEpoch({}, 4);
    warmed.reset();
    warmed.runEpoch();
    expect(warmed.model.buffer).toEqual(fresh.model.buffer);
    expect(warmed.batchLosses).toEqual(fresh.batchLosses);
  });

  test('a last batch smaller than the others, BatchNorm and momentum all train', async () => {
    const config: TrainConfig = { ...quick, epochs: 1, norm: 'batchnorm', optimizer: 'momentum', lr: 0.05, batchSize: 30 };
    const result = await train(config, { train: firstImages(mnist.train, 500), test: small.test }, reference);
    expect(result.batchLosses).toHaveLength(17); // 16 batches of 30 and one of 20
    expect(result.epochs[0].testAccuracy).toBeGreaterThan(0.5);
  });
});

describe('saving and loading a model', () => {
  test('a saved model evaluates exactly as before', async () => {
    const config: TrainConfig = { ...quick, epochs: 1, norm: 'batchnorm', sizes: [784, 32, 10] };
    const result = await train(config, { train: firstImages(mnist.train, 300) }, reference);
    const path = join(tempDir(), 'models', 'm.json');
    saveModel(path, result.model, { epochs: 1 });
    const { model, notes } = loadModel(path);
    expect(notes).toEqual({ epochs: 1 });
    expect(model.config).toEqual({ sizes: [784, 32, 10], activation: 'relu', norm: 'batchnorm' });
    expect(model.buffer).toEqual(result.model.buffer);
    expect(model.stats).toEqual(result.model.stats);
    const before = evaluate(result.parts, result.model, small.test);
    const after = evaluate(result.parts, model, small.test);
    expect(after.predicted).toEqual(before.predicted);
  });

  test('a missing, foreign or damaged file says what is wrong', async () => {
    const result = await train({ ...quick, epochs: 1, sizes: [784, 8, 10] }, { train: firstImages(mnist.train, 64) }, reference);
    const text = serializeModel(result.model);
    expect(() => loadModel(join(tempDir(), 'nothing.json'))).toThrow(/There is no model file at .*nothing\.json; train one with npm run train -- --save/);
    expect(() => deserializeModel('{"format": "something else"}', 'x.json')).toThrow('x.json is not a saved model of this trainer');
    expect(() => deserializeModel('not json', 'x.json')).toThrow('x.json is not a saved model: it is not JSON');
    const damaged = JSON.parse(text) as { params: string };
    damaged.params = damaged.params.slice(0, 100);
    expect(() => deserializeModel(JSON.stringify(damaged), 'x.json')).toThrow(
      'x.json is damaged: a 784-8-10 network has 6370 parameters and 0 running statistics, the file holds 9 and 0',
    );
  });
});

describe('training with the katas names what is not solved', () => {
  /** A katas folder: each kata's file, as given (null: missing). */
  function katasFolder(files: Record<string, string | null>): string {
    const root = tempDir();
    for (const [path, text] of Object.entries(files)) {
      if (text === null) continue;
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }
  const stub = (name: string): string => `throw new Error('not implemented: ${name}(...)');`;

  test('stubs that still throw "not implemented", and a missing file, are each named', async () => {
    const root = katasFolder({
      'dense-backward/dense.ts': `export function denseForward() { ${stub('denseForward')} }\nexport function denseBackward() { ${stub('denseBackward')} }\n`,
      'adam/adam.ts': `export class Adam { constructor() { ${stub('new Adam')} } step() {} }\n`,
      'sigmoid-derivative/sigmoid.ts': null,
    });
    const error = await loadParts({ ...quick, activation: 'sigmoid', schedule: 'constant' }, { source: 'katas', root }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartsError);
    const message = (error as PartsError).message;
    expect(message).toContain('Cannot train with your katas yet:');
    expect(message).toContain('sigmoid-derivative: ');
    expect(message).toContain('sigmoid.ts is missing');
    expect(message).toMatch(/dense-backward is not solved yet \(.*dense\.ts: not implemented: denseForward\(\.\.\.\) is still the stub\)/);
    expect(message).toContain('adam is not solved yet');
    expect(message).toContain('npm run grade -- dense-backward sigmoid-derivative adam');
    expect((error as PartsError).problems.map((p) => p.kind)).toEqual(['not solved', 'missing', 'not solved']);
  });

  test('a kata that exports the wrong names or returns the wrong shape is called broken', async () => {
    const root = katasFolder({
      'dense-backward/dense.ts':
        'export function denseForward(x) { return { out: x, cache: null }; }\nexport function denseBackward() { return {}; }\n',
      'momentum/momentum.ts': 'export class Momentum {}\n',
    });
    const error = (await loadParts({ ...quick, optimizer: 'sgd', schedule: 'constant' }, { source: 'katas', root }).catch((e: unknown) => e)) as PartsError;
    expect(error.message).toContain('momentum does not work yet (');
    expect(error.message).toContain('it does not export SGDMomentum');
    const second = (await loadParts({ ...quick, schedule: 'constant' }, { source: 'katas', root: katasFolder({ 'dense-backward/dense.ts': 'export function denseForward(x) { return { out: x, cache: null }; }\nexport function denseBackward() { return {}; }\n', 'adam/adam.ts': 'export class Adam { step() {} }\n' }) }).catch((e: unknown) => e)) as PartsError;
    expect(second.message).toContain('denseForward(x 2×3, w 3×2, b).out should be 2×2, got 2×3');
    expect(second.message).toContain('adam does not work yet');
  });
});

describe('blocks from a katas folder of their own', () => {
  const solutions = join(import.meta.dirname, '..');
  /** A katas folder whose dense layer, activations and schedules are the references, with `adam.ts` as given. */
  function folderWithAdam(adam: string): string {
    const root = tempDir();
    writeFileSync(join(root, 'package.json'), '{ "type": "module" }'); // as in this repository: .ts files are ES modules
    for (const [slug, file] of [['dense-backward', 'dense.ts'], ['activations', 'activations.ts'], ['lr-schedules', 'schedules.ts']]) {
      mkdirSync(join(root, slug));
      writeFileSync(join(root, slug, file), `export * from ${JSON.stringify(join(solutions, slug, file))};`);
    }
    mkdirSync(join(root, 'adam'));
    writeFileSync(join(root, 'adam', 'adam.ts'), adam);
    return root;
  }
  const referenceAdam = JSON.stringify(join(solutions, 'adam', 'adam.ts'));

  test('the step schedule drops the learning rate to lr/10 after stepSize epochs, through the optimizer\'s public lr', async () => {
    const root = folderWithAdam(
      `import { Adam as Reference } from ${referenceAdam};\n` +
        'export const seen = [];\n' +
        'export class Adam extends Reference { step(p, g) { seen.push(this.lr); super.step(p, g); } }\n',
    );
    const result = await train({ ...quick, epochs: 3, stepSize: 2 }, { train: firstImages(mnist.train, 64) }, { source: 'katas', root });
    const { seen } = (await import(pathToFileURL(join(root, 'adam', 'adam.ts')).href)) as { seen: number[] };
    // The probe's step, then 2 batches an epoch.
    expect(seen).toEqual([0.1, 1e-3, 1e-3, 1e-3, 1e-3, 1e-4, 1e-4]);
    expect(result.schedulable).toBe(true);
  });

  test('an optimizer without a public lr trains at its first rate, and says so', async () => {
    const root = folderWithAdam(`import { Adam as Reference } from ${referenceAdam};\nexport class Adam { #inner; constructor(o) { this.#inner = new Reference(o); } step(p, g) { this.#inner.step(p, g); } }\n`);
    const result = await train({ ...quick, epochs: 1 }, { train: firstImages(mnist.train, 64) }, { source: 'katas', root });
    expect(result.schedulable).toBe(false);
  });

  test('with BatchNorm, γ, β and the running statistics start as the batchnorm kata\'s createBatchNorm makes them', async () => {
    const root = folderWithAdam(`export * from ${referenceAdam};`);
    mkdirSync(join(root, 'batchnorm-backward'));
    writeFileSync(
      join(root, 'batchnorm-backward', 'batchnorm.ts'),
      [
        `export { batchnormForward, batchnormBackward } from ${JSON.stringify(join(solutions, 'batchnorm-backward', 'batchnorm.ts'))};`,
        'export function createBatchNorm(d) {',
        '  return { gamma: new Float64Array(d).fill(2), beta: new Float64Array(d).fill(0.5), state: { runningMean: new Float64Array(d).fill(-1), runningVar: new Float64Array(d).fill(3) } };',
        '}',
      ].join('\n'),
    );
    const session = await TrainingSession.open({ ...quick, norm: 'batchnorm' }, { train: firstImages(mnist.train, 64) }, { source: 'katas', root });
    expect(session.model.norms).toHaveLength(2);
    for (const norm of session.model.norms) {
      expect(new Set(norm.gamma)).toEqual(new Set([2]));
      expect(new Set(norm.beta)).toEqual(new Set([0.5]));
      expect(new Set(norm.state?.runningMean)).toEqual(new Set([-1]));
      expect(new Set(norm.state?.runningVar)).toEqual(new Set([3]));
    }
    // The reference's makes PyTorch's start.
    const byReference = await TrainingSession.open({ ...quick, norm: 'batchnorm' }, { train: firstImages(mnist.train, 64) }, reference);
    expect(new Set(byReference.model.norms[0].gamma)).toEqual(new Set([1]));
    expect(new Set(byReference.model.norms[0].state?.runningVar)).toEqual(new Set([1]));
  });

  test('a block that throws in the middle of a run stops it with its error', async () => {
    const root = folderWithAdam(`export * from ${referenceAdam};`);
    writeFileSync(
      join(root, 'dense-backward', 'dense.ts'),
      [
        `import * as dense from ${JSON.stringify(join(solutions, 'dense-backward', 'dense.ts'))};`,
        'let calls = 0;',
        'export const denseForward = dense.denseForward;',
        'export function denseBackward(...args) {',
        "  if (++calls === 20) throw new Error('boom at call 20');",
        '  return dense.denseBackward(...args);',
        '}',
      ].join('\n'),
    );
    await expect(train({ ...quick, epochs: 1 }, { train: firstImages(mnist.train, 640) }, { source: 'katas', root })).rejects.toThrow(/^boom at call 20$/);
  });
});

describe('the benchmark baseline', () => {
  test('is a real trainer: its loss falls below chance level (ln 10 ≈ 2.30)', () => {
    const { loss, images } = baselineEpoch(mnist.train, 320);
    expect(images).toBe(320);
    expect(loss).toBeLessThan(2.2);
  });
});

describe('the CNN (--arch cnn)', () => {
  const cnn: TrainConfig = { ...quick, arch: 'cnn', channels: [4, 8], sizes: [cnnFeatures([4, 8]), 10], epochs: 1 };

  test('its shapes: 1×28×28 → 4×14×14 → 8×7×7 → 392 → 10, filters first in the parameters', () => {
    expect(cnnFeatures([8, 16])).toBe(784);
    expect(cnnFeatures([4, 8])).toBe(392);
    expect(cnnFeatures([4, 8, 8])).toBe(72); // 7 → 3
    const model = createModel(cnn);
    expect(model.names).toEqual(['conv-w1', 'conv-b1', 'conv-w2', 'conv-b2', 'w1', 'b1']);
    expect(model.convs.map((c) => c.w.shape)).toEqual([[4, 1, 3, 3], [8, 4, 3, 3]]);
    expect(model.buffer.length).toBe(4 * 9 + 4 + 8 * 4 * 9 + 8 + 392 * 10 + 10);
    expect(rolesFor(cnn)).toEqual(['dense', 'conv', 'activations', 'adam', 'schedules']);
    expect(() => checkConfig({ ...cnn, channels: [4, 8, 8, 8, 8], sizes: [1, 10] })).toThrow('--channels must be 1 to 4 whole numbers');
  });

  test('learns on 1,000 images, and its gradients match finite differences', async () => {
    const result = await train({ ...cnn, epochs: 2, lr: 3e-3 }, { train: firstImages(mnist.train, 1000), test: small.test }, reference);
    expect(result.epochs[1].loss).toBeLessThan(result.epochs[0].loss);
    expect(result.epochs[1].testAccuracy).toBeGreaterThan(0.6); // chance is 0.10

    // A few entries of every parameter against central differences of the loss on 3 images.
    const parts = await loadParts(cnn, reference);
    const model = createModel({ ...cnn, sizes: [cnnFeatures([4, 8]), 6, 10] });
    initialize(model, createRng(3));
    // Biases off zero: with 0, the blank pixels would put every ReLU exactly at its kink.
    for (const b of [...model.convs, ...model.dense].map((layer) => layer.b)) b.forEach((_, i) => (b[i] = 0.03 * (i + 1)));
    expectParameterGradientsMatch(createNetwork(parts, model), model, 5);
  });

  test('a saved CNN loads as a CNN and predicts the same; an MLP file of version 2 still loads', async () => {
    const result = await train(cnn, { train: firstImages(mnist.train, 200) }, reference);
    const path = join(tempDir(), 'cnn.json');
    saveModel(path, result.model, { epochs: 1 });
    const { model } = loadModel(path);
    expect(model.config).toEqual({ arch: 'cnn', channels: [4, 8], sizes: [392, 10], activation: 'relu', norm: 'none' });
    expect(model.buffer).toEqual(result.model.buffer);
    const parts = await loadParts(model.config, reference, 'forward');
    expect(evaluate(parts, model, small.test).predicted).toEqual(evaluate(result.parts, result.model, small.test).predicted);

    const mlp = await train({ ...quick, epochs: 1, sizes: [784, 8, 10] }, { train: firstImages(mnist.train, 64) }, reference);
    const v2 = JSON.parse(serializeModel(mlp.model)) as { version: number; config: Record<string, unknown> };
    expect(v2.version).toBe(3);
    v2.version = 2;
    delete v2.config.arch;
    const loaded = deserializeModel(JSON.stringify(v2)).model;
    expect(loaded.config).toEqual({ sizes: [784, 8, 10], activation: 'relu', norm: 'none' });
    expect(loaded.buffer).toEqual(mlp.model.buffer);
  });

  test('with --use katas, the conv block comes from the learner\'s conv2d-backward', async () => {
    const solutions = join(import.meta.dirname, '..');
    /** A katas folder with the references for the other blocks and `conv` as conv2d-backward's file (a new folder each: modules are cached by path). */
    const folder = (conv: string): { root: string; convFile: string } => {
      const root = tempDir();
      writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
      for (const [slug, file] of [['dense-backward', 'dense.ts'], ['activations', 'activations.ts'], ['lr-schedules', 'schedules.ts'], ['adam', 'adam.ts']]) {
        mkdirSync(join(root, slug));
        writeFileSync(join(root, slug, file), `export * from ${JSON.stringify(join(solutions, slug, file))};`);
      }
      mkdirSync(join(root, 'conv2d-backward'));
      writeFileSync(join(root, 'conv2d-backward', 'conv.ts'), conv);
      return { root, convFile: join(root, 'conv2d-backward', 'conv.ts') };
    };
    const stub = folder(`export function conv2dForward() { throw new Error('not implemented: conv2dForward(x, w, b, options)'); }\nexport function conv2dBackward() {}\nexport function maxPool2dForward() {}\nexport function maxPool2dBackward() {}\n`);
    const error = (await loadParts(cnn, { source: 'katas', root: stub.root }).catch((e: unknown) => e)) as PartsError;
    expect(error).toBeInstanceOf(PartsError);
    expect(error.message).toContain('conv2d-backward is not solved yet');
    expect(error.message).toContain('npm run grade -- conv2d-backward');

    const { root, convFile } = folder(
      `import * as conv from ${JSON.stringify(join(solutions, 'conv2d-backward', 'conv.ts'))};\n` +
        'export let calls = 0;\n' +
        'export function conv2dForward(...args) { calls++; return conv.conv2dForward(...args); }\n' +
        'export const { conv2dBackward, maxPool2dForward, maxPool2dBackward } = conv;\n',
    );
    const fromKatas = await train(cnn, { train: firstImages(mnist.train, 64) }, { source: 'katas', root });
    const fromReference = await train(cnn, { train: firstImages(mnist.train, 64) }, reference);
    const { calls } = (await import(pathToFileURL(convFile).href)) as { calls: number };
    expect(calls).toBe(1 + 2 * 2); // the probe, then 2 blocks × 2 batches
    expect(fromKatas.model.buffer).toEqual(fromReference.model.buffer);
  });
});

describe('the batch split over two threads (--threads 2)', () => {
  test('trains the same model as one thread, up to the order of the gradient sums', async () => {
    const config: TrainConfig = { ...quick, arch: 'cnn', channels: [4, 8], sizes: [cnnFeatures([4, 8]), 16, 10], epochs: 1, dropout: 0 };
    const data = { train: firstImages(mnist.train, 330), test: small.test }; // the last batch of 10 splits too
    const one = await train(config, data, reference);
    const two = await train({ ...config, threads: 2 }, data, reference);
    expect(two.batchLosses).toHaveLength(one.batchLosses.length);
    two.batchLosses.forEach((loss, k) => expect(loss).toBeCloseTo(one.batchLosses[k], 9));
    const worst = one.model.buffer.reduce((m, v, k) => Math.max(m, Math.abs(v - two.model.buffer[k])), 0);
    expect(worst).toBeLessThan(1e-9);
    expect(two.epochs[0].testAccuracy).toBe(one.epochs[0].testAccuracy);
  });

  test('1 or 2 threads, and not with BatchNorm', () => {
    expect(() => checkConfig({ ...quick, threads: 3 })).toThrow('--threads must be 1 or 2, got 3');
    expect(() => checkConfig({ ...quick, threads: 2, norm: 'batchnorm' })).toThrow('--threads 2 does not work with --norm batchnorm');
  });
});

describe('the LSTM (--arch lstm)', () => {
  const lstm: TrainConfig = { ...quick, arch: 'lstm', sizes: [16, 10], epochs: 1 };

  test('its shapes: 28 rows of 28 pixels → H → 10, the LSTM first in the parameters, the forget gate biased to 1', () => {
    const model = initialize(createModel(lstm), createRng(1));
    expect(model.names).toEqual(['lstm-wx', 'lstm-wh', 'lstm-b', 'w1', 'b1']);
    expect([model.lstm?.wx.rows, model.lstm?.wx.cols, model.lstm?.wh.rows, model.lstm?.wh.cols]).toEqual([28, 64, 16, 64]);
    expect(model.buffer.length).toBe(28 * 64 + 16 * 64 + 64 + 16 * 10 + 10);
    expect(Array.from(model.lstm?.b ?? [])).toEqual([...new Array(16).fill(0), ...new Array(16).fill(1), ...new Array(32).fill(0)]);
    expect(model.lstm?.wh.data.every((w) => Math.abs(w) <= 1 / 4)).toBe(true);
    expect(rolesFor(lstm)).toEqual(['dense', 'lstm', 'adam', 'schedules']);
    expect(rolesFor({ ...lstm, clipNorm: 1 }, 'forward')).toEqual(['dense', 'lstm']);
    const x = matrix(2, 784, Float64Array.from({ length: 2 * 784 }, (_, k) => k));
    const xs = rowsAsSequence(x);
    expect(xs).toHaveLength(28);
    expect([xs[3].rows, xs[3].cols, xs[3].data[0], xs[3].data[27], xs[3].data[28]]).toEqual([2, 28, 3 * 28, 3 * 28 + 27, 784 + 3 * 28]);
    expect(() => checkConfig({ ...lstm, sizes: [16, 8, 10] })).toThrow('--hidden is the LSTM\'s hidden size H');
    expect(() => checkConfig({ ...lstm, norm: 'layernorm' })).toThrow('--norm does not apply to --arch lstm');
    expect(() => checkConfig({ ...lstm, dropout: 0.5 })).toThrow('--dropout does not apply to --arch lstm');
  });

  test('learns on 1,000 images, and its gradients match finite differences', async () => {
    const result = await train({ ...lstm, epochs: 2, lr: 1e-2 }, { train: firstImages(mnist.train, 1000), test: small.test }, reference);
    expect(result.epochs[1].loss).toBeLessThan(result.epochs[0].loss);
    expect(result.epochs[1].testAccuracy).toBeGreaterThan(0.4); // chance is 0.10

    // A few entries of every parameter against central differences of the loss on 3 images.
    const parts = await loadParts(lstm, reference);
    const model = initialize(createModel({ ...lstm, sizes: [4, 10] }), createRng(3));
    // wx's first rows meet only the blank top rows of the images: its last entries see ink.
    const grads = expectParameterGradientsMatch(createNetwork(parts, model), model, 6);
    expect(grads[model.names.indexOf('lstm-wx')].some((g) => g !== 0)).toBe(true);
  });

  test('a saved LSTM loads as an LSTM and predicts the same', async () => {
    const result = await train(lstm, { train: firstImages(mnist.train, 200) }, reference);
    const path = join(tempDir(), 'lstm.json');
    saveModel(path, result.model, { epochs: 1 });
    const { model } = loadModel(path);
    expect(model.config).toEqual({ arch: 'lstm', sizes: [16, 10], activation: 'relu', norm: 'none' });
    expect(model.buffer).toEqual(result.model.buffer);
    const parts = await loadParts(model.config, reference, 'forward');
    expect(parts.lstm).not.toBeNull();
    expect(evaluate(parts, model, small.test).predicted).toEqual(evaluate(result.parts, result.model, small.test).predicted);
  });

  test('with --use katas, the LSTM comes from the learner\'s lstm-backward', async () => {
    const solutions = join(import.meta.dirname, '..');
    /** A katas folder with the references for the other blocks and `code` as lstm-backward's file (a new folder each: modules are cached by path). */
    const folder = (code: string): { root: string; file: string } => {
      const root = tempDir();
      writeFileSync(join(root, 'package.json'), '{ "type": "module" }');
      for (const [slug, file] of [['dense-backward', 'dense.ts'], ['lr-schedules', 'schedules.ts'], ['adam', 'adam.ts']]) {
        mkdirSync(join(root, slug));
        writeFileSync(join(root, slug, file), `export * from ${JSON.stringify(join(solutions, slug, file))};`);
      }
      mkdirSync(join(root, 'lstm-backward'));
      writeFileSync(join(root, 'lstm-backward', 'lstm.ts'), code);
      return { root, file: join(root, 'lstm-backward', 'lstm.ts') };
    };
    const stub = folder(`export function lstmForward() { throw new Error('not implemented: lstmForward(xs, h0, c0, wx, wh, b)'); }\nexport function lstmBackward() {}\n`);
    const error = (await loadParts(lstm, { source: 'katas', root: stub.root }).catch((e: unknown) => e)) as PartsError;
    expect(error).toBeInstanceOf(PartsError);
    expect(error.message).toContain('lstm-backward is not solved yet');
    expect(error.message).toContain('npm run grade -- lstm-backward');

    const { root, file } = folder(
      `import * as lstm from ${JSON.stringify(join(solutions, 'lstm-backward', 'lstm.ts'))};\n` +
        'export let calls = 0;\n' +
        'export function lstmBackward(...args) { calls++; return lstm.lstmBackward(...args); }\n' +
        'export const { lstmForward } = lstm;\n',
    );
    const fromKatas = await train(lstm, { train: firstImages(mnist.train, 64) }, { source: 'katas', root });
    const fromReference = await train(lstm, { train: firstImages(mnist.train, 64) }, reference);
    const { calls } = (await import(pathToFileURL(file).href)) as { calls: number };
    expect(calls).toBe(1 + 2); // the probe, then 2 batches
    expect(fromKatas.model.buffer).toEqual(fromReference.model.buffer);
  });
});
