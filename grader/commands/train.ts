/**
 * `npm run train [-- options]`: train the MNIST classifier composed from the reference
 * solutions (or, with `--use katas`, from the learner's own katas), show its progress, and
 * report the test accuracy, a confusion matrix, the loss curve and some misclassified digits.
 * `--save <file>` keeps the model; `--load <file>` evaluates a saved one instead of training.
 * The work is done by solutions/train/; this module parses, calls and prints.
 */
import { firstImages, loadMnist } from '../../katas/lib/mnist.ts';
import {
  ACTIVATIONS,
  ARCHS,
  checkConfig,
  CNN_CHANNELS,
  CNN_DROPOUT,
  CNN_EPOCHS,
  CNN_HIDDEN,
  CNN_STEP_SIZE,
  CNN_THREADS,
  cnnFeatures,
  LSTM_EPOCHS,
  LSTM_HIDDEN,
  LSTM_STEP_SIZE,
  LSTM_THREADS,
  DEFAULT_CONFIG,
  DEFAULT_LR,
  describeConfig,
  describeNetwork,
  NORMS,
  OPTIMIZERS,
  SCHEDULES,
  type Activation,
  type Arch,
  type Norm,
  type OptimizerName,
  type ScheduleName,
  type TrainConfig,
} from '../../solutions/train/config.ts';
import { loadModel, saveModel } from '../../solutions/train/model.ts';
import { defaultLocation, loadParts, PartsError, type Source } from '../../solutions/train/parts.ts';
import { evaluate, train, type BatchProgress } from '../../solutions/train/trainer.ts';
import { confusionTable, epochLine, lossCurve, misclassified, progressLine } from '../core/train-view.ts';
import type { Io } from '../io.ts';
import { trainText as m } from '../messages/train.ts';
import { parseArgs } from 'node:util';

/** The usage in the current language. */
export function trainUsage(): string {
  return m.usage(
    DEFAULT_CONFIG.epochs,
    DEFAULT_CONFIG.stepSize,
    DEFAULT_CONFIG.batchSize,
    OPTIMIZERS.map((o) => `${o} ${DEFAULT_LR[o]}`).join(m.listSeparator),
    ACTIVATIONS.join(m.listSeparator),
    DEFAULT_CONFIG.activation,
    OPTIMIZERS.join(m.listSeparator),
    DEFAULT_CONFIG.optimizer,
    DEFAULT_CONFIG.momentum,
    DEFAULT_CONFIG.seed,
    NORMS.join(m.listSeparator),
    SCHEDULES.join(m.listSeparator),
    DEFAULT_CONFIG.schedule,
    DEFAULT_CONFIG.gamma,
    DEFAULT_CONFIG.warmupEpochs,
    CNN_CHANNELS.join(','),
    CNN_HIDDEN.join(','),
    CNN_DROPOUT,
    CNN_EPOCHS,
    CNN_STEP_SIZE,
    CNN_THREADS,
    LSTM_HIDDEN,
    LSTM_EPOCHS,
    LSTM_STEP_SIZE,
    LSTM_THREADS,
  );
}

/**
 * The usage in the language set when this module was first loaded: main.ts loads it after
 * choosing the language. Code that may change the language later calls trainUsage().
 */
export const TRAIN_USAGE = trainUsage();

/** A terminal that can redraw a line in place; commands given one only when stdout is a TTY. */
export interface LiveLine {
  write(text: string): void;
  columns: number;
}

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(m.mustBeNumber(name, text));
  return value;
}

function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!allowed.includes(text as T)) throw new Error(m.mustBeOneOfQuoted(name, allowed.join(m.listSeparator), text));
  return text as T;
}

/** Command-line words → a training configuration (throws an Error naming a bad option). */
export function parseTrainArgs(argv: string[]): {
  config: TrainConfig;
  source: Source;
  save?: string;
  load?: string;
  limit?: number;
  help: boolean;
} {
  const { values } = parseArgs(
    {
      args: argv,
      allowPositionals: false,
      options: {
      epochs: { type: 'string' },
      'batch-size': { type: 'string' },
      lr: { type: 'string' },
      'lr-schedule': { type: 'string' },
      'step-size': { type: 'string' },
      gamma: { type: 'string' },
      'warmup-epochs': { type: 'string' },
      arch: { type: 'string' },
      channels: { type: 'string' },
      hidden: { type: 'string' },
      activation: { type: 'string' },
      norm: { type: 'string' },
      batchnorm: { type: 'boolean', default: false },
      dropout: { type: 'string' },
      'clip-norm': { type: 'string' },
      optimizer: { type: 'string' },
      momentum: { type: 'string' },
      seed: { type: 'string' },
      threads: { type: 'string' },
      limit: { type: 'string' },
      use: { type: 'string' },
      save: { type: 'string' },
      load: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      },
    },
  );
  const optimizer = oneOf<OptimizerName>('optimizer', values.optimizer, OPTIMIZERS, DEFAULT_CONFIG.optimizer);
  const arch = oneOf<Arch>('arch', values.arch, ARCHS, 'mlp');
  const cnn = arch === 'cnn';
  const lstm = arch === 'lstm';
  if (!cnn && values.channels !== undefined) throw new Error(m.channelsNeedCnn(lstm ? 'LSTM' : 'MLP'));
  if (lstm) {
    // The LSTM's last hidden state goes straight to the output layer: these shape hidden dense layers it does not have.
    for (const option of ['activation', 'norm', 'dropout'] as const) if (values[option] !== undefined) throw new Error(m.lstmOptionNotApplicable(option));
    if (values.batchnorm) throw new Error(m.lstmOptionNotApplicable('batchnorm'));
  }
  const channels = values.channels === undefined ? [...CNN_CHANNELS] : values.channels.split(',').map((s) => number('channels', s, NaN));
  const hidden =
    values.hidden === undefined
      ? cnn
        ? [...CNN_HIDDEN]
        : lstm
          ? [LSTM_HIDDEN]
          : DEFAULT_CONFIG.sizes.slice(1, -1)
      : values.hidden.trim() === ''
        ? []
        : values.hidden.split(',').map((s) => number('hidden', s, NaN));
  // An LSTM's hidden size is the dense layer's input: sizes = [H, 10].
  if (lstm && hidden.length !== 1) throw new Error(m.lstmHiddenInvalid(values.hidden ?? ''));
  const output = DEFAULT_CONFIG.sizes[DEFAULT_CONFIG.sizes.length - 1];
  const sizes = lstm ? [hidden[0], output] : [cnn ? cnnFeatures(channels) : DEFAULT_CONFIG.sizes[0], ...hidden, output];
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    ...(cnn ? { arch, channels } : lstm ? { arch } : {}),
    sizes,
    activation: oneOf<Activation>('activation', values.activation, ACTIVATIONS, DEFAULT_CONFIG.activation),
    norm: oneOf<Norm>('norm', values.norm, NORMS, values.batchnorm ? 'batchnorm' : DEFAULT_CONFIG.norm),
    dropout: number('dropout', values.dropout, cnn ? CNN_DROPOUT : DEFAULT_CONFIG.dropout),
    clipNorm: number('clip-norm', values['clip-norm'], DEFAULT_CONFIG.clipNorm),
    optimizer,
    lr: number('lr', values.lr, DEFAULT_LR[optimizer]),
    momentum: number('momentum', values.momentum, DEFAULT_CONFIG.momentum),
    epochs: number('epochs', values.epochs, cnn ? CNN_EPOCHS : lstm ? LSTM_EPOCHS : DEFAULT_CONFIG.epochs),
    schedule: oneOf<ScheduleName>('lr-schedule', values['lr-schedule'], SCHEDULES, DEFAULT_CONFIG.schedule),
    stepSize: number('step-size', values['step-size'], cnn ? CNN_STEP_SIZE : lstm ? LSTM_STEP_SIZE : DEFAULT_CONFIG.stepSize),
    gamma: number('gamma', values.gamma, DEFAULT_CONFIG.gamma),
    warmupEpochs: number('warmup-epochs', values['warmup-epochs'], DEFAULT_CONFIG.warmupEpochs),
    batchSize: number('batch-size', values['batch-size'], DEFAULT_CONFIG.batchSize),
    seed: number('seed', values.seed, DEFAULT_CONFIG.seed),
    threads: number('threads', values.threads, cnn ? CNN_THREADS : lstm ? LSTM_THREADS : DEFAULT_CONFIG.threads),
  };
  const source = oneOf<Source>('use', values.use, ['reference', 'katas'], 'reference');
  const limit = values.limit === undefined ? undefined : number('limit', values.limit, 0);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new Error(m.mustBeWholeAtLeast('limit', 1, String(values.limit)));
  return { config, source, save: values.save, load: values.load, limit, help: values.help };
}

/** The class each optimizer's kata exports, as the learner wrote it. */
const OPTIMIZER_CLASSES: Record<OptimizerName, string> = {
  sgd: 'SGDMomentum',
  momentum: 'SGDMomentum',
  adagrad: 'Adagrad',
  rmsprop: 'RMSprop',
  adam: 'Adam',
  adamw: 'AdamW',
};

/** Seconds between progress lines inside an epoch when the output cannot be redrawn. */
const PLAIN_PROGRESS_SECONDS = 10;

function liveLineFor(io: Io): LiveLine | null {
  if (!io.interactive || !process.stdout.isTTY) return null;
  return { write: (text) => process.stdout.write(text), columns: process.stdout.columns ?? 80 };
}

export async function trainCommand(argv: string[], io: Io, live: LiveLine | null = liveLineFor(io)): Promise<number> {
  const options = parseTrainArgs(argv);
  if (options.help) {
    io.out(trainUsage());
    return 0;
  }
  const { style } = io;
  const width = live?.columns ?? 80;
  const data = loadMnist();
  const test = data.test;

  if (options.load !== undefined) {
    const { model, notes } = loadModel(options.load);
    const parts = await loadParts(model.config, defaultLocation(options.source), 'forward');
    io.out(m.evaluating(options.load, describeNetwork(model.config)));
    const described = Object.entries(notes).map(([k, v]) => `${k} ${v}`).join(m.configSeparator);
    if (described) io.out(style.dim(m.savedWith(described)));
    const evaluation = evaluate(parts, model, test);
    io.out(`\n${style.bold(m.testAccuracy(`${(100 * evaluation.accuracy).toFixed(2)}%`))}${m.rightOfTest(Math.round(evaluation.accuracy * test.count), test.count)}`);
    io.out(`\n${confusionTable(evaluation, style)}`);
    io.out(`\n${m.misclassifiedTitle}\n${misclassified(test, evaluation, style, 8, width)}`);
    return 0;
  }

  const { config, source } = options;
  checkConfig(config); // a value that cannot work is named before anything is printed or loaded
  const trainSet = options.limit === undefined ? data.train : firstImages(data.train, options.limit);
  const location = defaultLocation(source);
  io.out(style.bold(m.training(describeConfig(config))));
  const what = source === 'katas' ? m.yourKataFiles : m.theReferenceSolutions;
  io.out(style.dim(m.withData(what, trainSet.count.toLocaleString('en-US'), test.count.toLocaleString('en-US'))));

  const epochSeconds: number[] = [];
  let lastDraw = 0;
  let plainLines = 0;
  const onBatch = (p: BatchProgress): void => {
    if (live) {
      const now = performance.now();
      if (now - lastDraw < 100 && p.batch < p.batches) return;
      lastDraw = now;
      live.write(`\r\u001b[2K${progressLine(p, style, epochSeconds)}`);
    } else if (p.batch === 1) {
      plainLines = 0;
    } else if (p.seconds >= PLAIN_PROGRESS_SECONDS * (plainLines + 1) && p.batch < p.batches) {
      // No redrawing in a pipe or a log: within a slow epoch, a plain line now and then, so the
      // run is never silent for long; fast epochs print only their closing line.
      plainLines++;
      io.out(progressLine(p, style, epochSeconds));
    }
  };

  let result;
  try {
    result = await train(config, { train: trainSet, test }, location, {
      onBatch,
      onEpoch: (summary) => {
        epochSeconds.push(summary.seconds);
        if (live) live.write('\r\u001b[2K');
        io.out(epochLine(summary, config.epochs, style));
      },
    });
  } catch (error) {
    if (live) live.write('\r\u001b[2K');
    if (error instanceof PartsError) {
      io.err(style.red(error.message));
      return 1;
    }
    throw error;
  }

  const evaluation = result.evaluation ?? evaluate(result.parts, result.model, test);
  const accuracy = `${(100 * evaluation.accuracy).toFixed(2)}%`;
  io.out(
    `\n${style.bold(m.testAccuracy(accuracy))}${m.rightOfTest(Math.round(evaluation.accuracy * test.count), test.count)}` +
      m.afterTraining(config.epochs, result.trainSeconds.toFixed(1)),
  );
  if (!result.schedulable && config.schedule !== 'constant') {
    io.out(style.yellow(m.lrNotScheduled(OPTIMIZER_CLASSES[config.optimizer], String(config.lr), config.schedule)));
  }
  io.out(`\n${m.confusionTitle}\n${confusionTable(evaluation, style)}`);
  io.out(`\n${m.lossTitle}\n${lossCurve(result.batchLosses, style, Math.min(60, width - 12), 10, Math.ceil(trainSet.count / config.batchSize))}`);
  io.out(`\n${m.misclassifiedTitle}\n${misclassified(test, evaluation, style, 8, width)}`);
  if (options.save !== undefined) {
    saveModel(options.save, result.model, {
      testAccuracy: Number(evaluation.accuracy.toFixed(4)),
      epochs: config.epochs,
      optimizer: config.optimizer,
      lr: config.lr,
      lrSchedule: config.schedule,
      dropout: config.dropout,
      batchSize: config.batchSize,
      seed: config.seed,
      trainedWith: source,
    });
    io.out(`\n${m.savedModel(options.save)}`);
  } else {
    io.out(style.dim(`\n${m.keepHint}`));
  }
  return 0;
}
