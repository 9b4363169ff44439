/** `npm run train`: options, a quick run that saves its model, and evaluating that model again. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { setLanguage } from '../i18n/language.ts';
import { main } from '../main.ts';
import { fakeIo } from '../../test/fake-io.ts';
import { checkConfig, DEFAULT_CNN_CONFIG, DEFAULT_CONFIG, DEFAULT_LSTM_CONFIG } from '../../solutions/train/config.ts';
import { parseTrainArgs, trainCommand } from './train.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-command-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('options', () => {
  test('no options: the default recipe', () => {
    expect(parseTrainArgs([]).config).toEqual(DEFAULT_CONFIG);
    expect(parseTrainArgs([]).source).toBe('reference');
  });

  test('every option reaches the configuration', () => {
    const { config, source, limit, save } = parseTrainArgs(
      '--epochs 3 --batch-size 64 --hidden 256,64,32 --activation sigmoid --batchnorm --optimizer momentum --momentum 0.8 --seed 9 --limit 500 --use katas --save m.json'.split(' '),
    );
    expect(config).toMatchObject({ epochs: 3, batchSize: 64, sizes: [784, 256, 64, 32, 10], activation: 'sigmoid', norm: 'batchnorm' });
    expect(config).toMatchObject({ optimizer: 'momentum', momentum: 0.8, lr: 0.01, seed: 9 });
    expect([source, limit, save]).toEqual(['katas', 500, 'm.json']);
    expect(parseTrainArgs(['--hidden', '']).config.sizes).toEqual([784, 10]);
    const more = parseTrainArgs('--activation gelu --norm rmsnorm --dropout 0.2 --optimizer adamw --lr-schedule warmup-cosine --warmup-epochs 2 --step-size 3 --gamma 0.5 --clip-norm 1'.split(' ')).config;
    expect(more).toMatchObject({ activation: 'gelu', norm: 'rmsnorm', dropout: 0.2, optimizer: 'adamw', lr: 1e-3, schedule: 'warmup-cosine', warmupEpochs: 2, stepSize: 3, gamma: 0.5, clipNorm: 1 });
  });

  test('--arch cnn: the default CNN, with --channels and --hidden for its layers', () => {
    expect(parseTrainArgs(['--arch', 'cnn']).config).toEqual(DEFAULT_CNN_CONFIG);
    const config = parseTrainArgs('--arch cnn --channels 4,8,8 --hidden 32 --epochs 2 --threads 2'.split(' ')).config;
    expect(config).toMatchObject({ arch: 'cnn', channels: [4, 8, 8], sizes: [72, 32, 10], epochs: 2, stepSize: DEFAULT_CNN_CONFIG.stepSize, threads: 2 });
    expect(parseTrainArgs(['--arch', 'mlp']).config).toEqual(DEFAULT_CONFIG);
    expect(() => parseTrainArgs(['--arch', 'rnn'])).toThrow('--arch must be one of mlp, cnn, lstm, got "rnn"');
    expect(() => parseTrainArgs(['--channels', '8'])).toThrow('--channels only applies to --arch cnn');
    expect(() => checkConfig(parseTrainArgs('--arch cnn --channels 8,0'.split(' ')).config)).toThrow('--channels must be 1 to 4 whole numbers ≥ 1');
    setLanguage('zh-CN');
    try {
      expect(() => parseTrainArgs(['--channels', '8'])).toThrow('--channels 只适用于 --arch cnn');
    } finally {
      setLanguage('en');
    }
  });

  test('--arch lstm: the default LSTM, --hidden its hidden size, the options it has no use for refused', () => {
    expect(parseTrainArgs(['--arch', 'lstm']).config).toEqual(DEFAULT_LSTM_CONFIG);
    expect(DEFAULT_LSTM_CONFIG).toMatchObject({ arch: 'lstm', sizes: [128, 10], optimizer: 'adam', lr: 1e-3, batchSize: 32 });
    const config = parseTrainArgs('--arch lstm --hidden 64 --epochs 2 --threads 1 --clip-norm 5'.split(' ')).config;
    expect(config).toMatchObject({ arch: 'lstm', sizes: [64, 10], epochs: 2, threads: 1, clipNorm: 5 });
    expect(checkConfig(config)).toBe(config);
    expect(() => parseTrainArgs('--arch lstm --hidden 64,64'.split(' '))).toThrow('with --arch lstm, --hidden is the LSTM\'s hidden size H, one whole number ≥ 1, got "64,64"');
    for (const option of ['--activation tanh', '--norm layernorm', '--dropout 0.2', '--batchnorm']) {
      expect(() => parseTrainArgs(`--arch lstm ${option}`.split(' '))).toThrow(`${option.split(' ')[0]} does not apply to --arch lstm`);
    }
    expect(() => parseTrainArgs('--arch lstm --channels 8'.split(' '))).toThrow('--channels only applies to --arch cnn (the LSTM has no convolutions)');
    setLanguage('zh-CN');
    try {
      expect(() => parseTrainArgs('--arch lstm --dropout 0.2'.split(' '))).toThrow('--dropout 不适用于 --arch lstm');
    } finally {
      setLanguage('en');
    }
  });

  test('a bad value names the option', () => {
    expect(() => parseTrainArgs(['--epochs', 'ten'])).toThrow('--epochs must be a number, got "ten"');
    expect(() => parseTrainArgs(['--optimizer', 'lion'])).toThrow('--optimizer must be one of sgd, momentum, adagrad, rmsprop, adam, adamw, got "lion"');
    expect(() => parseTrainArgs(['--norm', 'groupnorm'])).toThrow('--norm must be one of none, batchnorm, layernorm, rmsnorm, got "groupnorm"');
    expect(() => parseTrainArgs(['--lr-schedule', 'cyclic'])).toThrow('--lr-schedule must be one of constant, step, exponential, cosine, warmup-cosine, got "cyclic"');
    expect(() => parseTrainArgs(['--use', 'mine'])).toThrow('--use must be one of reference, katas');
    expect(() => parseTrainArgs(['--limit', '0'])).toThrow('--limit must be a whole number ≥ 1');
  });

  test('an unknown option, a missing value or a stray word prints the usage, not Node\'s message', async () => {
    const said = async (...argv: string[]): Promise<string> => {
      const io = fakeIo();
      expect(await main(['train', ...argv], io)).toBe(2);
      expect(io.stderr()).toContain('\n\nUsage: npm run train [-- options]');
      expect(io.stderr()).not.toMatch(/positional argument/);
      return io.stderr().split('\n')[0];
    };
    expect(await said('--workers', '2')).toBe('Unknown option --workers.');
    expect(await said('--epochs')).toBe('--epochs needs a value.');
    expect(await said('--batchnorm=yes')).toBe('--batchnorm takes no value.');
    expect(await said('ten')).toBe('Unexpected argument "ten".');
  });
});

describe('a run', () => {
  const model = join(dir, 'models', 'quick.json');

  test('trains, reports the test accuracy and its pictures, and saves the model', async () => {
    const io = fakeIo();
    const code = await trainCommand(['--limit', '1000', '--epochs', '1', '--save', model], io, null);
    const out = io.stdout();
    expect(code, io.stderr()).toBe(0);
    expect(out).toContain('Training 784-128-128-10, relu, softmax cross-entropy, adam lr 0.001 (×0.1 every 8 epochs), batch 32, 1 epoch, seed 1');
    expect(out).toContain('with the reference solutions, 1,000 training and 10,000 test images');
    expect(out).toMatch(/Epoch 1\/1 .* loss \d\.\d{4}  acc \d+\.\d\d%  test \d+\.\d\d%/);
    expect(out).toMatch(/Test accuracy: \d+\.\d\d% \(\d+ of 10000 test images\) after 1 epoch/);
    expect(out).toContain('Confusion matrix (rows: true digit, columns: predicted)');
    expect(out).toContain('Training loss per batch:');
    expect(out).toContain('Some misclassified test digits (true → predicted)');
    expect(out).toContain(`Saved the model to ${model}`);
  });

  test('--load evaluates the saved model without training', async () => {
    const io = fakeIo();
    expect(await trainCommand(['--load', model], io, null)).toBe(0);
    expect(io.stdout()).toContain(`Evaluating ${model}: 784-128-128-10 relu`);
    expect(io.stdout()).toMatch(/Test accuracy: \d+\.\d\d%/);
    expect(io.stdout()).not.toContain('Epoch');
  });

  test('--help and -h list the options, in the words a user knows', async () => {
    for (const flag of ['--help', '-h']) {
      const io = fakeIo();
      expect(await trainCommand([flag], io, null)).toBe(0);
      expect(io.stdout()).toContain('--use katas');
      expect(io.stdout()).toContain('The default recipe');
      expect(io.stdout()).not.toMatch(/seed's/);
    }
  });
});

describe('in Chinese', () => {
  test('the usage and an option error are Chinese, with the option names as they are', async () => {
    setLanguage('zh-CN');
    try {
      const io = fakeIo();
      expect(await trainCommand(['--help'], io, null)).toBe(0);
      expect(io.stdout()).toMatch(/^用法：npm run train \[-- 选项\]/);
      expect(io.stdout()).toContain('--use katas             用你自己在各题中写的代码搭建网络');
      expect(() => parseTrainArgs(['--epochs', 'ten'])).toThrow('--epochs 必须是数字，收到的是“ten”');
    } finally {
      setLanguage('en');
    }
  });
});
