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
  DEFAULT_CONFIG,
  DEFAULT_LR,
  describeConfig,
  OPTIMIZERS,
  type Activation,
  type OptimizerName,
  type TrainConfig,
} from '../../solutions/train/config.ts';
import { loadModel, saveModel } from '../../solutions/train/model.ts';
import { defaultLocation, loadParts, PartsError, type Source } from '../../solutions/train/parts.ts';
import { evaluate, train, type BatchProgress } from '../../solutions/train/trainer.ts';
import { confusionTable, epochLine, lossCurve, misclassified, progressLine } from '../core/train-view.ts';
import type { Io } from '../io.ts';
import { parseArgs } from 'node:util';

export const TRAIN_USAGE = `Usage: npm run train [-- options]
Trains an MNIST classifier built from the reference solutions (or your katas) and reports its
accuracy on the 10,000 official test images. The default recipe: 784-128-128-10, ReLU, softmax
cross-entropy, Adam lr 1e-3, batch 32, ${DEFAULT_CONFIG.epochs} epochs, with the learning rate divided by 10
from epoch ${DEFAULT_CONFIG.lrDropEpoch} on.

  --epochs N              passes over the training images (default ${DEFAULT_CONFIG.epochs})
  --batch-size N          images per step (default ${DEFAULT_CONFIG.batchSize})
  --lr X                  learning rate (default ${OPTIMIZERS.map((o) => `${o} ${DEFAULT_LR[o]}`).join(', ')})
  --lr-drop-at N          divide the learning rate by 10 from epoch N on (default ${DEFAULT_CONFIG.lrDropEpoch}; 0: never)
  --hidden 128,128        hidden layer widths, comma-separated ("" for none)
  --activation A          ${ACTIVATIONS.join(' or ')} for the hidden layers (default ${DEFAULT_CONFIG.activation})
  --batchnorm             BatchNorm before each hidden activation
  --optimizer O           ${OPTIMIZERS.join(', ')} (default ${DEFAULT_CONFIG.optimizer}; sgd is momentum 0)
  --momentum X            μ for --optimizer momentum (default ${DEFAULT_CONFIG.momentum})
  --seed N                fixes the initial weights and the shuffling (default ${DEFAULT_CONFIG.seed})
  --limit N               train on the first N training images only, for a quick try
  --use katas             build the network from your own kata files instead of the reference
  --save FILE             save the trained model, e.g. models/mnist.json
  --load FILE             evaluate a saved model instead of training
  -h, --help              this text`;

/** A terminal that can redraw a line in place; commands given one only when stdout is a TTY. */
export interface LiveLine {
  write(text: string): void;
  columns: number;
}

function number(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
}

function oneOf<T extends string>(name: string, text: string | undefined, allowed: readonly T[], fallback: T): T {
  if (text === undefined) return fallback;
  if (!allowed.includes(text as T)) throw new Error(`--${name} must be one of ${allowed.join(', ')}, got "${text}"`);
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
      'lr-drop-at': { type: 'string' },
      hidden: { type: 'string' },
      activation: { type: 'string' },
      batchnorm: { type: 'boolean', default: false },
      optimizer: { type: 'string' },
      momentum: { type: 'string' },
      seed: { type: 'string' },
      limit: { type: 'string' },
      use: { type: 'string' },
      save: { type: 'string' },
      load: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      },
    },
  );
  const optimizer = oneOf<OptimizerName>('optimizer', values.optimizer, OPTIMIZERS, DEFAULT_CONFIG.optimizer);
  const hidden =
    values.hidden === undefined
      ? DEFAULT_CONFIG.sizes.slice(1, -1)
      : values.hidden.trim() === ''
        ? []
        : values.hidden.split(',').map((s) => number('hidden', s, NaN));
  const [input, output] = [DEFAULT_CONFIG.sizes[0], DEFAULT_CONFIG.sizes[DEFAULT_CONFIG.sizes.length - 1]];
  const config: TrainConfig = {
    ...DEFAULT_CONFIG,
    sizes: [input, ...hidden, output],
    activation: oneOf<Activation>('activation', values.activation, ACTIVATIONS, DEFAULT_CONFIG.activation),
    batchnorm: values.batchnorm,
    optimizer,
    lr: number('lr', values.lr, DEFAULT_LR[optimizer]),
    momentum: number('momentum', values.momentum, DEFAULT_CONFIG.momentum),
    epochs: number('epochs', values.epochs, DEFAULT_CONFIG.epochs),
    lrDropEpoch: number('lr-drop-at', values['lr-drop-at'], DEFAULT_CONFIG.lrDropEpoch),
    batchSize: number('batch-size', values['batch-size'], DEFAULT_CONFIG.batchSize),
    seed: number('seed', values.seed, DEFAULT_CONFIG.seed),
  };
  const source = oneOf<Source>('use', values.use, ['reference', 'katas'], 'reference');
  const limit = values.limit === undefined ? undefined : number('limit', values.limit, 0);
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1)) throw new Error(`--limit must be a whole number ≥ 1, got ${values.limit}`);
  return { config, source, save: values.save, load: values.load, limit, help: values.help };
}

/** Seconds between progress lines inside an epoch when the output cannot be redrawn. */
const PLAIN_PROGRESS_SECONDS = 10;

function liveLineFor(io: Io): LiveLine | null {
  if (!io.interactive || !process.stdout.isTTY) return null;
  return { write: (text) => process.stdout.write(text), columns: process.stdout.columns ?? 80 };
}

export async function trainCommand(argv: string[], io: Io, live: LiveLine | null = liveLineFor(io)): Promise<number> {
  const options = parseTrainArgs(argv);
  if (options.help) {
    io.out(TRAIN_USAGE);
    return 0;
  }
  const { style } = io;
  const width = live?.columns ?? 80;
  const data = loadMnist();
  const test = data.test;

  if (options.load !== undefined) {
    const { model, notes } = loadModel(options.load);
    const parts = await loadParts({ ...model.config, optimizer: 'adam' }, defaultLocation(options.source), 'forward');
    io.out(`Evaluating ${options.load}: ${model.config.sizes.join('-')} ${model.config.activation}${model.config.batchnorm ? ' + batchnorm' : ''}`);
    const described = Object.entries(notes).map(([k, v]) => `${k} ${v}`).join(', ');
    if (described) io.out(style.dim(`(saved with ${described})`));
    const evaluation = evaluate(parts, model, test);
    io.out(`\n${style.bold(`Test accuracy: ${(100 * evaluation.accuracy).toFixed(2)}%`)} (${Math.round(evaluation.accuracy * test.count)} of ${test.count} test images)`);
    io.out(`\n${confusionTable(evaluation, style)}`);
    io.out(`\nSome misclassified test digits (true → predicted):\n${misclassified(test, evaluation, style, 8, width)}`);
    return 0;
  }

  const { config, source } = options;
  const trainSet = options.limit === undefined ? data.train : firstImages(data.train, options.limit);
  const location = defaultLocation(source);
  io.out(style.bold(`Training ${describeConfig(config)}`));
  const what = source === 'katas' ? 'your kata files' : 'the reference solutions';
  io.out(style.dim(`with ${what}, ${trainSet.count.toLocaleString('en-US')} training and ${test.count.toLocaleString('en-US')} test images`));

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
    `\n${style.bold(`Test accuracy: ${accuracy}`)} (${Math.round(evaluation.accuracy * test.count)} of ${test.count} test images) ` +
      `after ${config.epochs} epoch${config.epochs === 1 ? '' : 's'}, ${result.trainSeconds.toFixed(1)} s of training`,
  );
  if (!result.schedulable && config.lrDropEpoch > 0 && config.lrDropEpoch <= config.epochs) {
    io.out(
      style.yellow(
        `Your ${config.optimizer === 'adam' ? 'Adam' : 'SGDMomentum'} has no public lr field, so the learning rate stayed at ${config.lr} ` +
          `instead of dropping to ${config.lr / 10} from epoch ${config.lrDropEpoch} (the kata's contract: a public, writable lr).`,
      ),
    );
  }
  io.out(`\nConfusion matrix (rows: true digit, columns: predicted):\n${confusionTable(evaluation, style)}`);
  io.out(`\nTraining loss per batch:\n${lossCurve(result.batchLosses, style, Math.min(60, width - 12), 10, Math.ceil(trainSet.count / config.batchSize))}`);
  io.out(`\nSome misclassified test digits (true → predicted):\n${misclassified(test, evaluation, style, 8, width)}`);
  if (options.save !== undefined) {
    saveModel(options.save, result.model, {
      testAccuracy: Number(evaluation.accuracy.toFixed(4)),
      epochs: config.epochs,
      optimizer: config.optimizer,
      lr: config.lr,
      batchSize: config.batchSize,
      seed: config.seed,
      trainedWith: source,
    });
    io.out(`\nSaved the model to ${options.save}; evaluate it again with npm run train -- --load ${options.save}`);
  } else {
    io.out(style.dim(`\nKeep a model with --save models/mnist.json; see every option: npm run train -- --help`));
  }
  return 0;
}
