/**
 * What a training run is: the network, the optimizer and the learning-rate schedule, with the
 * classic Keras MNIST recipe as the default (784-128-128-10, ReLU, softmax cross-entropy, Adam
 * lr 1e-3, batch 32), and every choice built from the kata that teaches it (parts.ts).
 */
import { trainText as m } from '../../grader/messages/train.ts';
import { CLASS_COUNT, IMAGE_SIZE } from '../../katas/lib/mnist.ts';

export const ACTIVATIONS = ['relu', 'leaky-relu', 'tanh', 'gelu', 'sigmoid'] as const;
export type Activation = (typeof ACTIVATIONS)[number];
export const NORMS = ['none', 'batchnorm', 'layernorm', 'rmsnorm'] as const;
export type Norm = (typeof NORMS)[number];
export const OPTIMIZERS = ['sgd', 'momentum', 'adagrad', 'rmsprop', 'adam', 'adamw'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];
export const SCHEDULES = ['constant', 'step', 'exponential', 'cosine', 'warmup-cosine'] as const;
export type ScheduleName = (typeof SCHEDULES)[number];

/** The shape of the network: what a saved model records so it can be rebuilt. */
export interface NetworkConfig {
  /** Layer widths from the input to the output: [784, 128, 128, 10] by default. */
  sizes: number[];
  /** The hidden layers' activation; the output layer is always a softmax. */
  activation: Activation;
  /** A normalisation between each hidden dense layer and its activation (PyTorch's BatchNorm1d, LayerNorm, RMSNorm). */
  norm: Norm;
}

export interface TrainConfig extends NetworkConfig {
  optimizer: OptimizerName;
  /** The base learning rate; the schedule scales it. */
  lr: number;
  /** μ for `momentum` (plain `sgd` is momentum 0). */
  momentum: number;
  /** Inverted dropout after each hidden activation, the probability of dropping (0: none). */
  dropout: number;
  /** Gradient clipping by the total L2 norm before each step (the rnn-backward kata's clipGradNorm; 0: none). */
  clipNorm: number;
  /**
   * The learning-rate schedule (the lr-schedules kata): `step` multiplies by `gamma` every
   * `stepSize` epochs, `exponential` by `gamma` every epoch, `cosine` anneals to 0 over the run,
   * `warmup-cosine` warms up linearly over `warmupEpochs` and then anneals, per batch.
   */
  schedule: ScheduleName;
  stepSize: number;
  gamma: number;
  warmupEpochs: number;
  epochs: number;
  batchSize: number;
  /** Seeds the weight initialisation, the shuffling and dropout: the same seed gives the same run. */
  seed: number;
}

/**
 * The default recipe: 8 epochs at lr, 2 at lr/10 (a step schedule of 8 epochs), for ≥ 98.0% test
 * accuracy (measured, see README). Fixed-lr Adam hovers around 97.9% from epoch 10 on; the drop
 * settles it at 98.2–98.4% (seeds 1–4).
 */
export const DEFAULT_EPOCHS = 10;
export const DEFAULT_STEP_SIZE = 8;

export const DEFAULT_CONFIG: Readonly<TrainConfig> = {
  sizes: [IMAGE_SIZE, 128, 128, CLASS_COUNT],
  activation: 'relu',
  norm: 'none',
  optimizer: 'adam',
  lr: 1e-3,
  momentum: 0.9,
  dropout: 0,
  clipNorm: 0,
  schedule: 'step',
  stepSize: DEFAULT_STEP_SIZE,
  gamma: 0.1,
  warmupEpochs: 1,
  epochs: DEFAULT_EPOCHS,
  batchSize: 32,
  seed: 1,
};

/** The learning rate each optimizer starts from when none is given (Adam's, AdamW's and Adagrad's are PyTorch's defaults; RMSprop's is Keras's). */
export const DEFAULT_LR: Readonly<Record<OptimizerName, number>> = { sgd: 0.1, momentum: 0.01, adagrad: 1e-2, rmsprop: 1e-3, adam: 1e-3, adamw: 1e-3 };

/** Throws an Error naming the option when a value cannot work (in the learner's language). */
export function checkConfig(config: TrainConfig): TrainConfig {
  const positiveInteger = (name: string, value: number): void => {
    if (!(Number.isInteger(value) && value >= 1)) throw new Error(m.mustBeWholeAtLeast(name, 1, String(value)));
  };
  positiveInteger('epochs', config.epochs);
  positiveInteger('batch-size', config.batchSize);
  positiveInteger('step-size', config.stepSize);
  if (!(Number.isInteger(config.warmupEpochs) && config.warmupEpochs >= 0 && config.warmupEpochs <= config.epochs)) {
    throw new Error(m.warmupRange(config.warmupEpochs, config.epochs));
  }
  if (!(config.gamma > 0 && config.gamma <= 1)) throw new Error(m.gammaRange(config.gamma));
  if (!Number.isInteger(config.seed)) throw new Error(m.seedMustBeWhole(config.seed));
  if (!(config.lr > 0 && Number.isFinite(config.lr))) throw new Error(m.lrMustBePositive(config.lr));
  if (!(config.momentum >= 0 && config.momentum < 1)) throw new Error(m.momentumRange(config.momentum));
  if (!(config.dropout >= 0 && config.dropout < 1)) throw new Error(m.dropoutRange(config.dropout));
  if (!(config.clipNorm >= 0 && Number.isFinite(config.clipNorm))) throw new Error(m.clipNormRange(config.clipNorm));
  const choices: [string, readonly string[], string][] = [
    ['activation', ACTIVATIONS, config.activation],
    ['norm', NORMS, config.norm],
    ['optimizer', OPTIMIZERS, config.optimizer],
    ['lr-schedule', SCHEDULES, config.schedule],
  ];
  for (const [name, allowed, value] of choices) {
    if (!allowed.includes(value)) throw new Error(m.mustBeOneOf(name, allowed.join(m.listSeparator), value));
  }
  if (config.sizes.length < 2 || config.sizes.some((s) => !(Number.isInteger(s) && s >= 1))) {
    throw new Error(m.layerSizes(config.sizes.join('-')));
  }
  if (config.norm === 'batchnorm' && config.batchSize < 2) throw new Error(m.batchnormNeedsBatch);
  return config;
}

/** "784-128-128-10 relu" and so on: one line that says what is being trained (in the learner's language). */
export function describeConfig(config: TrainConfig): string {
  const schedule: Record<ScheduleName, string> = {
    constant: '',
    step: m.scheduleStep(config.gamma, config.stepSize),
    exponential: m.scheduleExponential(config.gamma),
    cosine: m.scheduleCosine,
    'warmup-cosine': m.scheduleWarmupCosine(config.warmupEpochs),
  };
  const parts = [
    config.sizes.join('-'),
    config.activation + (config.norm === 'none' ? '' : ` + ${config.norm}`) + (config.dropout > 0 ? ` + dropout ${config.dropout}` : ''),
    m.softmaxCrossEntropy,
    (config.optimizer === 'momentum' ? `momentum ${config.momentum} lr ${config.lr}` : `${config.optimizer} lr ${config.lr}`) + schedule[config.schedule],
    ...(config.clipNorm > 0 ? [m.clippedAt(config.clipNorm)] : []),
    m.batchOf(config.batchSize),
    m.epochCount(config.epochs),
    m.seedOf(config.seed),
  ];
  return parts.join(m.configSeparator);
}

/** The network part of a configuration, as a model file records it. */
export function describeNetwork(config: NetworkConfig): string {
  return `${config.sizes.join('-')} ${config.activation}${config.norm === 'none' ? '' : ` + ${config.norm}`}`;
}
