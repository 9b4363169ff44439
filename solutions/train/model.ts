/**
 * The network's numbers: dense weights and biases, the normalisations' γ, β and BatchNorm's running statistics,
 * their initialisation, and saving to / loading from a file.
 *
 * All trainable numbers live in one contiguous Float64Array, each parameter a view into it, in
 * the order the optimizer sees them: w1, b1, (γ1, β1,) w2, b2, … One buffer is what a model
 * file stores, and what tests compare to tell two models apart.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { matrix, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import { normal, uniform, type Rng } from '../../katas/lib/random.ts';
import { tensor, type Tensor } from '../../katas/lib/tensor.ts';
import { trainText as m } from '../../grader/messages/train.ts';
import { ACTIVATIONS, ARCHS, CNN_KERNEL, cnnFeatures, describeLayers, LSTM_INPUTS, NORMS, type Arch, type Norm, type NetworkConfig } from './config.ts';

export interface DenseParams {
  /** fanIn×fanOut. */
  w: Matrix;
  b: Float64Array;
}

export interface NormParams {
  gamma: Float64Array;
  /** β; RMSNorm has none. */
  beta: Float64Array | null;
  /** BatchNorm1d's running statistics (BatchNorm only): not trained by the optimizer, but saved with the model. */
  state: { runningMean: Float64Array; runningVar: Float64Array } | null;
}

/** A convolution block's filters and bias (a CNN's). */
export interface ConvParams {
  /** F×C×KH×KW, a view of the same numbers as its parameter (F×(C·KH·KW) for the optimizer). */
  w: Tensor;
  b: Float64Array;
}

/** An LSTM's weights (the lstm-backward kata's wx, wh, b, gates side by side as [i | f | g | o]). */
export interface LstmParams {
  /** D×4H: D = 28 pixels of a row. */
  wx: Matrix;
  /** H×4H. */
  wh: Matrix;
  /** 4H entries. */
  b: Float64Array;
}

export interface Model {
  config: NetworkConfig;
  /** An LSTM network's recurrent layer (first in params, as lstm-wx, lstm-wh, lstm-b), else null. */
  lstm: LstmParams | null;
  /** One per convolution block of a CNN (first in params, as conv-w1, conv-b1, …), else empty. */
  convs: ConvParams[];
  /** One per layer: sizes.length − 1 of them. */
  dense: DenseParams[];
  /** One per hidden layer with a normalisation, else empty. */
  norms: NormParams[];
  /** Every trainable parameter, in the optimizer's order, with its name (w1, b1, gamma1, …). */
  params: Param[];
  names: string[];
  /** All trainable numbers, of which `params` are views. */
  buffer: Float64Array;
  /** All running statistics (running mean and variance of each BatchNorm), of which `norms[l].state` are views. */
  stats: Float64Array;
}

interface Slot {
  name: string;
  rows: number;
  cols: number | null; // null: a vector
}

/** The trainable parameters of a configuration, in order, with their shapes. */
function layout(config: NetworkConfig): Slot[] {
  const slots: Slot[] = [];
  // A CNN's filters first: F rows of C·KH·KW, the filters F×C×KH×KW flattened.
  let inChannels = 1;
  for (const [k, outChannels] of convChannels(config).entries()) {
    const fanIn = inChannels * CNN_KERNEL * CNN_KERNEL;
    slots.push({ name: `conv-w${k + 1}`, rows: outChannels, cols: fanIn }, { name: `conv-b${k + 1}`, rows: outChannels, cols: null });
    inChannels = outChannels;
  }
  if (config.arch === 'lstm') {
    // The LSTM's hidden size is the dense layers' input, sizes[0].
    const H = config.sizes[0];
    slots.push({ name: 'lstm-wx', rows: LSTM_INPUTS, cols: 4 * H }, { name: 'lstm-wh', rows: H, cols: 4 * H }, { name: 'lstm-b', rows: 4 * H, cols: null });
  }
  const layers = config.sizes.length - 1;
  for (let l = 0; l < layers; l++) {
    const [fanIn, fanOut] = [config.sizes[l], config.sizes[l + 1]];
    slots.push({ name: `w${l + 1}`, rows: fanIn, cols: fanOut }, { name: `b${l + 1}`, rows: fanOut, cols: null });
    if (config.norm !== 'none' && l < layers - 1) {
      slots.push({ name: `gamma${l + 1}`, rows: fanOut, cols: null });
      if (config.norm !== 'rmsnorm') slots.push({ name: `beta${l + 1}`, rows: fanOut, cols: null });
    }
  }
  return slots;
}

const slotSize = (s: Slot): number => s.rows * (s.cols ?? 1);

/** The convolution blocks' channels: none for an MLP. */
function convChannels(config: NetworkConfig): number[] {
  return config.arch === 'cnn' ? (config.channels ?? []) : [];
}

/** How many trainable numbers the network has (118,282 for 784-128-128-10). */
export function parameterCount(config: NetworkConfig): number {
  return layout(config).reduce((n, s) => n + slotSize(s), 0);
}

/** How many running-statistic numbers (2 per hidden unit with BatchNorm, else 0). */
export function statsCount(config: NetworkConfig): number {
  return config.norm === 'batchnorm' ? 2 * config.sizes.slice(1, -1).reduce((a, b) => a + b, 0) : 0;
}

/** A model whose numbers are views into `buffer` (and `stats`), zero unless those already hold numbers. */
export function createModel(
  config: NetworkConfig,
  buffer: Float64Array = new Float64Array(parameterCount(config)),
  stats: Float64Array = new Float64Array(statsCount(config)),
): Model {
  if (buffer.length !== parameterCount(config)) {
    // i18n-exempt: a developer assertion; deserializeModel checks a file's counts first.
    throw new Error(`createModel: ${config.sizes.join('-')} has ${parameterCount(config)} parameters, the buffer holds ${buffer.length}`);
  }
  const params: Param[] = [];
  const names: string[] = [];
  let offset = 0;
  for (const slot of layout(config)) {
    const data = buffer.subarray(offset, offset + slotSize(slot));
    offset += slotSize(slot);
    params.push(slot.cols === null ? data : matrix(slot.rows, slot.cols, data));
    names.push(slot.name);
  }
  const byName = (name: string): Param => params[names.indexOf(name)];
  const convs: ConvParams[] = [];
  let inChannels = 1;
  for (const [k, outChannels] of convChannels(config).entries()) {
    const w = byName(`conv-w${k + 1}`) as Matrix;
    convs.push({ w: tensor([outChannels, inChannels, CNN_KERNEL, CNN_KERNEL], w.data), b: byName(`conv-b${k + 1}`) as Float64Array });
    inChannels = outChannels;
  }
  const lstm = config.arch === 'lstm' ? { wx: byName('lstm-wx') as Matrix, wh: byName('lstm-wh') as Matrix, b: byName('lstm-b') as Float64Array } : null;
  const layers = config.sizes.length - 1;
  const dense: DenseParams[] = [];
  const norms: NormParams[] = [];
  let statsOffset = 0;
  for (let l = 1; l <= layers; l++) {
    dense.push({ w: byName(`w${l}`) as Matrix, b: byName(`b${l}`) as Float64Array });
    if (config.norm !== 'none' && l < layers) {
      let state: NormParams['state'] = null;
      if (config.norm === 'batchnorm') {
        const width = config.sizes[l];
        state = { runningMean: stats.subarray(statsOffset, statsOffset + width), runningVar: stats.subarray(statsOffset + width, statsOffset + 2 * width) };
        statsOffset += 2 * width;
      }
      const beta = names.includes(`beta${l}`) ? (byName(`beta${l}`) as Float64Array) : null;
      norms.push({ gamma: byName(`gamma${l}`) as Float64Array, beta, state });
    }
  }
  return { config, lstm, convs, dense, norms, params, names, buffer, stats };
}

/** A fresh BatchNorm layer's γ, β and running statistics (the batchnorm-backward kata's createBatchNorm). */
export type CreateNorm = (features: number) => { gamma: Float64Array; beta: Float64Array; state: { runningMean: Float64Array; runningVar: Float64Array } };

/**
 * Fresh starting values: He initialisation (normal, std √(2/fanIn)) for layers followed by a
 * ReLU, leaky ReLU or GELU, Glorot (std √(2/(fanIn+fanOut))) for sigmoid layers and the softmax output, so every
 * layer's activations start at a similar scale; an LSTM's weights uniform in ±1/√H (PyTorch's
 * nn.LSTM) and its biases 0 but the forget gate's, 1 (so the cell keeps its memory from the
 * start, Jozefowicz et al. 2015); biases and β 0, γ 1, running mean 0, variance 1
 * (PyTorch's BatchNorm1d), or what `createNorm` (the batchnorm role's createBatchNorm: the
 * reference's, or with `--use katas` the learner's) gives for a BatchNorm layer. Random numbers are
 * drawn in a fixed order, so a seed fixes them all.
 */
export function initialize(model: Model, rng: Rng, createNorm: CreateNorm | null = null): Model {
  const { sizes, activation } = model.config;
  const reluLike = activation === 'relu' || activation === 'leaky-relu' || activation === 'gelu';
  // Filters like dense layers: fanIn = C·KH·KW inputs per output, fanOut = F·KH·KW.
  for (const { w, b } of model.convs) {
    const [F, C, KH, KW] = w.shape;
    const std = reluLike ? Math.sqrt(2 / (C * KH * KW)) : Math.sqrt(2 / ((C + F) * KH * KW));
    for (let i = 0; i < w.data.length; i++) w.data[i] = normal(rng, 0, std);
    b.fill(0);
  }
  if (model.lstm) {
    const { wx, wh, b } = model.lstm;
    const H = wh.rows;
    const bound = 1 / Math.sqrt(H);
    for (const w of [wx, wh]) for (let i = 0; i < w.data.length; i++) w.data[i] = uniform(rng, -bound, bound);
    b.fill(0);
    b.fill(1, H, 2 * H); // [i | f | g | o]: the forget gate's block
  }
  model.dense.forEach(({ w, b }, l) => {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const hiddenRelu = reluLike && l < model.dense.length - 1;
    const std = hiddenRelu ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
    for (let i = 0; i < w.data.length; i++) w.data[i] = normal(rng, 0, std);
    b.fill(0);
  });
  for (const norm of model.norms) {
    if (createNorm && norm.state) {
      // Copied into the model's own views: the buffer stays one contiguous array.
      const fresh = createNorm(norm.gamma.length);
      norm.gamma.set(fresh.gamma);
      norm.beta?.set(fresh.beta);
      norm.state.runningMean.set(fresh.state.runningMean);
      norm.state.runningVar.set(fresh.state.runningVar);
      continue;
    }
    norm.gamma.fill(1);
    norm.beta?.fill(0);
    norm.state?.runningMean.fill(0);
    norm.state?.runningVar.fill(1);
  }
  return model;
}

// ---------------------------------------------------------------------------------------
// Saving and loading. A model file is JSON: the network's shape, what it was trained with,
// and its numbers as base64 of little-endian float64 (exact, and a third the size of decimal
// text: 1.3 MB for the default network).
// ---------------------------------------------------------------------------------------

const FORMAT = 'backprop-katas/mlp';
/**
 * Version 3 records the architecture (`arch`: mlp, cnn or lstm, and a CNN's `channels`); version 2 files (MLPs)
 * and version 1 files (`batchnorm: true | false` instead of `norm`) are still read.
 */
const VERSION = 3;

/** Anything worth remembering about how the model was trained (printed when it is loaded). */
export type ModelNotes = Record<string, string | number | boolean>;

interface ModelFile {
  format: typeof FORMAT;
  version: number;
  config: NetworkConfig;
  notes: ModelNotes;
  params: string;
  stats: string;
}

function toBase64(values: Float64Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

function fromBase64(text: string): Float64Array {
  const bytes = Buffer.from(text, 'base64');
  const values = new Float64Array(Math.floor(bytes.length / 8)); // a damaged tail shows as a wrong count
  new Uint8Array(values.buffer).set(bytes.subarray(0, values.length * 8));
  return values;
}

export function serializeModel(model: Model, notes: ModelNotes = {}): string {
  const file: ModelFile = {
    format: FORMAT,
    version: VERSION,
    config: {
      arch: model.config.arch ?? 'mlp',
      ...(model.config.arch === 'cnn' ? { channels: model.config.channels } : {}),
      sizes: model.config.sizes,
      activation: model.config.activation,
      norm: model.config.norm,
    },
    notes,
    params: toBase64(model.buffer),
    stats: toBase64(model.stats),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Reads what serializeModel wrote; throws an Error that says what is wrong with the text. */
export function deserializeModel(text: string, where = m.theModelFile): { model: Model; notes: ModelNotes } {
  let file: Partial<ModelFile>;
  try {
    file = JSON.parse(text) as Partial<ModelFile>;
  } catch (error) {
    throw new Error(m.notJson(where, (error as Error).message));
  }
  if (file?.format !== FORMAT) throw new Error(m.notOurFormat(where, FORMAT));
  if (file.version !== VERSION && file.version !== 2 && file.version !== 1) throw new Error(m.wrongVersion(where, String(file.version), VERSION));
  const saved = file.config as (Partial<NetworkConfig> & { batchnorm?: unknown }) | undefined;
  const norm: unknown = file.version === 1 ? (saved?.batchnorm === true ? 'batchnorm' : saved?.batchnorm === false ? 'none' : undefined) : saved?.norm;
  const sizesOk = Array.isArray(saved?.sizes) && saved.sizes.length >= 2 && saved.sizes.every((s) => Number.isInteger(s) && s >= 1);
  const arch: unknown = file.version === 3 ? saved?.arch : 'mlp';
  const channels = saved?.channels;
  const channelsOk = arch !== 'cnn' || (Array.isArray(channels) && channels.length >= 1 && channels.every((c) => Number.isInteger(c) && c >= 1));
  if (!saved || !sizesOk || !ARCHS.includes(arch as Arch) || !channelsOk || !ACTIVATIONS.includes(saved.activation as never) || !NORMS.includes(norm as Norm)) {
    throw new Error(m.noValidConfig(where));
  }
  if (arch === 'cnn' && (saved.sizes as number[])[0] !== cnnFeatures(channels as number[])) throw new Error(m.noValidConfig(where));
  const config: NetworkConfig = {
    ...(arch === 'cnn' ? { arch: 'cnn' as const, channels: channels as number[] } : arch === 'lstm' ? { arch: 'lstm' as const } : {}),
    sizes: saved.sizes as number[],
    activation: saved.activation as NetworkConfig['activation'],
    norm: norm as Norm,
  };
  const params = fromBase64(String(file.params ?? ''));
  const stats = fromBase64(String(file.stats ?? ''));
  if (params.length !== parameterCount(config) || stats.length !== statsCount(config)) {
    throw new Error(m.damaged(where, describeLayers(config), parameterCount(config), statsCount(config), params.length, stats.length));
  }
  return { model: createModel(config, params, stats), notes: file.notes ?? {} };
}

export function saveModel(path: string, model: Model, notes: ModelNotes = {}): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, serializeModel(model, notes));
}

export function loadModel(path: string): { model: Model; notes: ModelNotes } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(missing ? m.noModelFile(path) : m.cannotRead(path, (error as Error).message));
  }
  return deserializeModel(text, path);
}
