/**
 * The building blocks of the trainer, taken from the reference solutions or, with
 * `--use katas`, from the learner's own kata files: the dense layer, the convolution and max
 * pool (a CNN's), the LSTM (an LSTM's), the sigmoid, BatchNorm and the optimizers. Which file holds a block and what it exports come from the course manifest
 * (grader/core/manifest.ts); this module only knows which kata plays which role.
 *
 * Before a run, `loadParts` tries every block it needs on a tiny input, so a kata that is
 * missing, unsolved ("not implemented"), crashing or returning the wrong shape is named up
 * front with the command that helps, instead of failing in the middle of an epoch.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findKata, loadKatas, type Kata } from '../../grader/core/manifest.ts';
import { trainText as text } from '../../grader/messages/train.ts';
import { fromRows, matrix, shapeOf, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import { createRng, type Rng } from '../../katas/lib/random.ts';
import { isTensor, tensor, tensorShape, type Tensor } from '../../katas/lib/tensor.ts';
import type { BatchNormOptions, BatchNormState } from '../batchnorm-backward/batchnorm.ts';
import type { Activation, NetworkConfig, OptimizerName, TrainConfig } from './config.ts';

/** Where the blocks come from: the reference solutions, or the learner's katas. */
export type Source = 'reference' | 'katas';

export interface PartsLocation {
  source: Source;
  /**
   * A folder holding `<slug>/<file>` for every kata, in place of the files the manifest names
   * (the learner's stubs or the references). For tests that build a katas folder of their own.
   */
  root?: string;
}

export function defaultLocation(source: Source): PartsLocation {
  return { source };
}

/** The kata that plays each role. Its file and exports are the manifest's. */
export const ROLE_KATAS = {
  dense: 'dense-backward',
  conv: 'conv2d-backward',
  lstm: 'lstm-backward',
  activations: 'activations',
  sigmoid: 'sigmoid-derivative',
  batchnorm: 'batchnorm-backward',
  layernorm: 'layernorm-backward',
  dropout: 'dropout',
  momentum: 'momentum',
  adam: 'adam',
  optimizers: 'adaptive-optimizers',
  schedules: 'lr-schedules',
  clipping: 'rnn-backward',
} as const;
export type Role = keyof typeof ROLE_KATAS;

/** What choosing the blocks needs to know of a run (a saved model's network, or a whole training configuration). */
export type PartsConfig = NetworkConfig & Partial<Pick<TrainConfig, 'optimizer' | 'dropout' | 'schedule' | 'clipNorm'>>;

/**
 * The roles a configuration needs, in the order the network uses them: the dense layer always,
 * a CNN's convolution and max pool, an LSTM's lstm-backward, the activation's kata (not for an
 * LSTM, which has no hidden dense layer), the normalisation's; for training ('train') also dropout, the optimizer
 * and the schedule; evaluating a saved model ('forward') needs none of those.
 */
export function rolesFor(config: PartsConfig, purpose: 'train' | 'forward' = 'train'): Role[] {
  const roles: Role[] =
    config.arch === 'lstm'
      ? ['dense', 'lstm']
      : ['dense', ...(config.arch === 'cnn' ? (['conv'] as const) : []), config.activation === 'sigmoid' ? 'sigmoid' : 'activations'];
  if (config.norm === 'batchnorm') roles.push('batchnorm');
  if (config.norm === 'layernorm' || config.norm === 'rmsnorm') roles.push('layernorm');
  if (purpose === 'forward') return roles;
  if ((config.dropout ?? 0) > 0) roles.push('dropout');
  const optimizer = config.optimizer ?? 'adam';
  roles.push(optimizer === 'adam' ? 'adam' : optimizer === 'sgd' || optimizer === 'momentum' ? 'momentum' : 'optimizers'); // plain SGD is momentum 0
  if ((config.schedule ?? 'constant') !== 'constant') roles.push('schedules');
  if ((config.clipNorm ?? 0) > 0) roles.push('clipping');
  return roles;
}

/** An optimizer as the trainer uses it (the optimizer katas' contract). */
export interface Optimizer {
  /**
   * The learning rate, public and writable like PyTorch's `param_groups[0]['lr']`: the trainer's
   * schedule sets it between steps. Optional because a learner's class may keep it under
   * another name; the run then says that its learning rate stays fixed.
   */
  lr?: number;
  step(params: readonly Param[], grads: readonly Param[]): void;
}

export interface OptimizerOptions {
  optimizer: OptimizerName;
  lr: number;
  momentum: number;
}

/** A layer's forward pass with its cache, and the backward pass that takes the cache back unopened. */
export interface ActivationBlock {
  forward(z: Matrix): { out: Matrix; cache: unknown };
  backward(dout: Matrix, cache: unknown): Matrix;
}

/** The conv2d-backward kata's four functions (DESIGN.md), a CNN's convolution blocks. */
export interface ConvBlock {
  conv2dForward(x: Tensor, w: Tensor, b: Float64Array, options: { stride?: number; padding?: number }): { out: Tensor; cache: unknown };
  conv2dBackward(dout: Tensor, cache: unknown): { dx: Tensor; dw: Tensor; db: Float64Array };
  maxPool2dForward(x: Tensor, options: { kernel: number; stride?: number }): { out: Tensor; cache: unknown };
  maxPool2dBackward(dout: Tensor, cache: unknown): Tensor;
}

/** The lstm-backward kata's two functions (DESIGN.md), an LSTM network's recurrent layer. */
export interface LstmBlock {
  lstmForward(xs: readonly Matrix[], h0: Matrix, c0: Matrix, wx: Matrix, wh: Matrix, b: Float64Array): { hs: Matrix[]; cs: Matrix[]; cache: unknown };
  lstmBackward(dhs: readonly Matrix[], cache: unknown): { dxs: Matrix[]; dh0: Matrix; dc0: Matrix; dwx: Matrix; dwh: Matrix; db: Float64Array };
}

/** γ, β (none for RMSNorm) and BatchNorm's running statistics of one hidden layer. */
export interface NormInputs {
  gamma: Float64Array;
  beta: Float64Array | null;
  state: BatchNormState | null;
}

export interface NormBlock {
  /** A fresh layer's γ, β and state (the batchnorm-backward kata's createBatchNorm); null where the kata has no constructor. */
  create: ((features: number) => { gamma: Float64Array; beta: Float64Array; state: BatchNormState }) | null;
  forward(x: Matrix, params: NormInputs, mode: 'train' | 'eval'): { out: Matrix; cache: unknown };
  /** dbeta is null for RMSNorm, which has no β. */
  backward(dout: Matrix, cache: unknown): { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array | null };
}

export interface DropoutBlock {
  forward(x: Matrix, p: number, mode: 'train' | 'eval', rng: Rng): { out: Matrix; cache: unknown };
  backward(dout: Matrix, cache: unknown): Matrix;
}

/** The lr-schedules kata's functions (DESIGN.md): each the learning rate of an epoch or a step counted from 0. */
export interface Schedules {
  stepLR(epoch: number, options: { lr: number; stepSize: number; gamma?: number }): number;
  exponentialLR(epoch: number, options: { lr: number; gamma: number }): number;
  cosineAnnealingLR(epoch: number, options: { lr: number; tMax: number; etaMin?: number }): number;
  warmupCosine(step: number, options: { lr: number; warmupSteps: number; totalSteps: number; minLr?: number }): number;
}

/**
 * The blocks, typed by the kata contract (DESIGN.md). A cache is whatever the block's own
 * forward pass returned, handed back unopened to its backward pass. Blocks the configuration
 * does not use are null.
 */
export interface Parts {
  denseForward(x: Matrix, w: Matrix, b: Float64Array): { out: Matrix; cache: unknown };
  denseBackward(dout: Matrix, cache: unknown): { dx: Matrix; dw: Matrix; db: Float64Array };
  activation: ActivationBlock;
  /** A CNN's convolution and max pool; null otherwise. */
  conv: ConvBlock | null;
  /** An LSTM network's recurrent layer; null otherwise. */
  lstm: LstmBlock | null;
  norm: NormBlock | null;
  dropout: DropoutBlock | null;
  createOptimizer(options: OptimizerOptions): Optimizer;
  schedules: Schedules | null;
  /** torch.nn.utils.clip_grad_norm_ (the rnn-backward kata): scales the arrays in place, returns the norm before. */
  clipGradNorm: ((grads: Float64Array[], maxNorm: number) => number) | null;
}

/** A block that cannot be used, and why, in the learner's terms. */
export interface PartProblem {
  role: Role;
  slug: string;
  path: string;
  /** 'missing' | 'not solved' | 'broken': what the learner has to do differs. */
  kind: 'missing' | 'not solved' | 'broken';
  detail: string;
}

/** Thrown by `loadParts` when a block cannot be used; its message lists every problem. */
export class PartsError extends Error {
  constructor(
    readonly problems: PartProblem[],
    source: Source,
  ) {
    super(describeProblems(problems, source));
    this.name = 'PartsError';
  }
}

function describeProblems(problems: PartProblem[], source: Source): string {
  const lines = problems.map((p) => {
    const file = relative(process.cwd(), p.path) || p.path;
    if (p.kind === 'missing') return text.partMissing(p.slug, file);
    if (p.kind === 'not solved') return text.partNotSolved(p.slug, file, p.detail);
    return text.partBroken(p.slug, file, p.detail);
  });
  const slugs = problems.map((p) => p.slug);
  if (source === 'reference') {
    // Not the learner's doing: the repository itself is incomplete or damaged.
    return [text.referenceUnusable, ...lines, text.restoreReference].join('\n');
  }
  return [text.katasNotReady, ...lines, text.solveFirst(slugs.length, slugs.join(' '))].join('\n');
}

const isNotImplemented = (error: unknown): boolean => error instanceof Error && /^not implemented/i.test(error.message);

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** The manifest's entry for a role's kata (a missing entry is the repository's fault). */
function kataFor(katas: readonly Kata[], role: Role): Kata {
  const found = findKata(katas, ROLE_KATAS[role]);
  if ('error' in found) throw new Error(text.noKataForRole(ROLE_KATAS[role], role));
  return found.kata;
}

/** The file a role's block is read from. */
function blockPath(kata: Kata, location: PartsLocation): string {
  if (location.root !== undefined) return join(location.root, kata.slug, kata.file);
  return location.source === 'katas' ? kata.stubPath : kata.solutionPath;
}

/**
 * Load the blocks a configuration needs, then try each on a tiny input. Every block that is
 * missing, unsolved or broken is reported in one PartsError, in the order the network uses them.
 */
export async function loadParts(
  config: PartsConfig,
  location: PartsLocation,
  purpose: 'train' | 'forward' = 'train',
): Promise<Parts> {
  const katas = loadKatas();
  const roles = rolesFor(config, purpose);
  const problems: PartProblem[] = [];
  const modules = new Map<Role, Record<string, unknown>>();
  for (const role of roles) {
    const kata = kataFor(katas, role);
    const path = blockPath(kata, location);
    const problem = (kind: PartProblem['kind'], detail: string): void => {
      problems.push({ role, slug: kata.slug, path, kind, detail });
    };
    if (!existsSync(path)) {
      problem('missing', '');
      continue;
    }
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (error) {
      problem('broken', text.cannotLoad(firstLine(error)));
      continue;
    }
    const absent = kata.exports.filter((name) => typeof module[name] !== 'function');
    if (absent.length > 0) problem('broken', text.doesNotExport(absent.join(text.andSeparator)));
    else modules.set(role, module);
  }

  const parts = assemble(modules, config);
  for (const role of modules.keys()) {
    try {
      PROBES[role](parts, config);
    } catch (error) {
      const kata = kataFor(katas, role);
      const notSolved = isNotImplemented(error);
      problems.push({
        role,
        slug: kata.slug,
        path: blockPath(kata, location),
        kind: notSolved ? 'not solved' : 'broken',
        detail: notSolved ? text.stillTheStub(firstLine(error)) : firstLine(error),
      });
    }
  }
  if (problems.length > 0) {
    throw new PartsError(problems.sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role)), location.source);
  }
  return parts;
}

type OptimizerClass = new (options: { lr: number; momentum?: number }) => Optimizer;
type Fn<A extends unknown[], R> = (...args: A) => R;

/** The activations kata's function names for each activation (the sigmoid comes from its own kata). */
const ACTIVATION_FUNCTIONS: Record<Exclude<Activation, 'sigmoid'>, [forward: string, backward: string]> = {
  relu: ['reluForward', 'reluBackward'],
  'leaky-relu': ['leakyReluForward', 'leakyReluBackward'],
  tanh: ['tanhForward', 'tanhBackward'],
  gelu: ['geluForward', 'geluBackward'],
};

/** The sigmoid kata's two scalar functions as a layer: σ on every entry, and dout ⊙ σ′ from the output. */
function sigmoidLayer(sigmoid: Fn<[number], number>, derivativeFromOutput: Fn<[number], number>): ActivationBlock {
  return {
    forward(z) {
      const out = matrix(z.rows, z.cols);
      for (let k = 0; k < z.data.length; k++) out.data[k] = sigmoid(z.data[k]);
      return { out, cache: out };
    },
    backward(dout, cache) {
      const a = cache as Matrix;
      const dz = matrix(dout.rows, dout.cols);
      for (let k = 0; k < dout.data.length; k++) dz.data[k] = dout.data[k] * derivativeFromOutput(a.data[k]);
      return dz;
    },
  };
}

type BatchNormForward = Fn<[Matrix, Float64Array, Float64Array, BatchNormState, BatchNormOptions], { out: Matrix; cache: unknown }>;
type NormBackward = Fn<[Matrix, unknown], { dx: Matrix; dgamma: Float64Array; dbeta?: Float64Array }>;

function unreachable(): never {
  // i18n-exempt: a developer assertion; an LSTM network never calls a hidden activation.
  throw new Error('an LSTM network has no hidden activation');
}

/** The loaded modules as typed blocks: the one place where an untyped module meets the contract. */
function assemble(modules: Map<Role, Record<string, unknown>>, config: PartsConfig): Parts {
  const get = <T>(role: Role, name: string): T => modules.get(role)?.[name] as T;
  // An LSTM network has no hidden dense layer, so no activation block (rolesFor loads none): never called.
  const activation: ActivationBlock =
    config.arch === 'lstm'
      ? { forward: () => unreachable(), backward: () => unreachable() }
      : config.activation === 'sigmoid'
      ? sigmoidLayer(get('sigmoid', 'sigmoid'), get('sigmoid', 'sigmoidDerivativeFromOutput'))
      : {
          forward: get<ActivationBlock['forward']>('activations', ACTIVATION_FUNCTIONS[config.activation][0]),
          backward: get<ActivationBlock['backward']>('activations', ACTIVATION_FUNCTIONS[config.activation][1]),
        };
  const withDbeta = (backward: NormBackward): NormBlock['backward'] => (dout, cache) => {
    const { dx, dgamma, dbeta } = backward(dout, cache);
    return { dx, dgamma, dbeta: dbeta ?? null };
  };
  let norm: NormBlock | null = null;
  if (config.norm === 'batchnorm') {
    const forward = get<BatchNormForward>('batchnorm', 'batchnormForward');
    norm = {
      create: get('batchnorm', 'createBatchNorm'),
      forward: (x, p, mode) => forward(x, p.gamma, p.beta as Float64Array, p.state as BatchNormState, { mode }),
      backward: withDbeta(get('batchnorm', 'batchnormBackward')),
    };
  } else if (config.norm === 'layernorm') {
    const forward = get<Fn<[Matrix, Float64Array, Float64Array], { out: Matrix; cache: unknown }>>('layernorm', 'layerNormForward');
    norm = { create: null, forward: (x, p) => forward(x, p.gamma, p.beta as Float64Array), backward: withDbeta(get('layernorm', 'layerNormBackward')) };
  } else if (config.norm === 'rmsnorm') {
    const forward = get<Fn<[Matrix, Float64Array], { out: Matrix; cache: unknown }>>('layernorm', 'rmsNormForward');
    norm = { create: null, forward: (x, p) => forward(x, p.gamma), backward: withDbeta(get('layernorm', 'rmsNormBackward')) };
  }
  const dropout = modules.has('dropout')
    ? { forward: get<DropoutBlock['forward']>('dropout', 'dropoutForward'), backward: get<DropoutBlock['backward']>('dropout', 'dropoutBackward') }
    : null;
  const schedules = modules.has('schedules')
    ? {
        stepLR: get<Schedules['stepLR']>('schedules', 'stepLR'),
        exponentialLR: get<Schedules['exponentialLR']>('schedules', 'exponentialLR'),
        cosineAnnealingLR: get<Schedules['cosineAnnealingLR']>('schedules', 'cosineAnnealingLR'),
        warmupCosine: get<Schedules['warmupCosine']>('schedules', 'warmupCosine'),
      }
    : null;
  const classes: Record<Exclude<OptimizerName, 'sgd' | 'momentum'>, () => OptimizerClass> = {
    adam: () => get('adam', 'Adam'),
    adagrad: () => get('optimizers', 'Adagrad'),
    rmsprop: () => get('optimizers', 'RMSprop'),
    adamw: () => get('optimizers', 'AdamW'),
  };
  return {
    // The dense layer is always loaded (rolesFor).
    denseForward: get('dense', 'denseForward'),
    denseBackward: get('dense', 'denseBackward'),
    activation,
    conv: modules.has('conv')
      ? {
          conv2dForward: get<ConvBlock['conv2dForward']>('conv', 'conv2dForward'),
          conv2dBackward: get<ConvBlock['conv2dBackward']>('conv', 'conv2dBackward'),
          maxPool2dForward: get<ConvBlock['maxPool2dForward']>('conv', 'maxPool2dForward'),
          maxPool2dBackward: get<ConvBlock['maxPool2dBackward']>('conv', 'maxPool2dBackward'),
        }
      : null,
    lstm: modules.has('lstm')
      ? { lstmForward: get<LstmBlock['lstmForward']>('lstm', 'lstmForward'), lstmBackward: get<LstmBlock['lstmBackward']>('lstm', 'lstmBackward') }
      : null,
    norm,
    dropout,
    schedules,
    clipGradNorm: modules.has('clipping') ? get('clipping', 'clipGradNorm') : null,
    createOptimizer: ({ optimizer, lr, momentum }) => {
      if (optimizer === 'sgd' || optimizer === 'momentum') {
        return new (get<OptimizerClass>('momentum', 'SGDMomentum'))({ lr, momentum: optimizer === 'sgd' ? 0 : momentum });
      }
      return new (classes[optimizer]())({ lr });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Probes: each block on a tiny input, checked for the shape of what it returns. They prove
// the block runs, not that it is right: grading does that (npm run grade).
// ---------------------------------------------------------------------------------------

function expectShape(what: string, m: unknown, rows: number, cols: number): void {
  const ok = typeof m === 'object' && m !== null && (m as Matrix).rows === rows && (m as Matrix).cols === cols;
  if (!ok) {
    const got = typeof m === 'object' && m !== null && 'rows' in m ? shapeOf(m as Matrix) : String(m);
    throw new Error(text.shouldBeShape(what, rows, cols, got));
  }
}

function expectLength(what: string, v: unknown, length: number): void {
  if (!(v instanceof Float64Array) || v.length !== length) {
    throw new Error(text.shouldBeFloat64Array(what, length));
  }
}

function expectTensor(what: string, t: unknown, shape: readonly number[]): void {
  if (!isTensor(t) || t.shape.length !== shape.length || t.shape.some((s, k) => s !== shape[k])) {
    throw new Error(text.tensorShouldBe(what, tensorShape(shape), isTensor(t) ? tensorShape(t) : String(t)));
  }
}

function probeOptimizer(parts: Parts, optimizer: OptimizerName): void {
  const p = Float64Array.of(1, -1);
  parts.createOptimizer({ optimizer, lr: 0.1, momentum: 0.9 }).step([p], [Float64Array.of(0.5, -0.5)]);
  if (!(p[0] < 1 && p[1] > -1)) throw new Error(text.stepShouldMove(p[0], p[1]));
}

/** The hidden-layer block on a 3×2 batch: forward, then backward with its cache. */
function probeLayer(what: string, forward: () => { out: Matrix; cache: unknown }, backward: (dout: Matrix, cache: unknown) => unknown): unknown {
  const result = forward();
  expectShape(`${what} forward(x 3×2).out`, result?.out, 3, 2);
  return backward(fromRows([[1, -1], [0.5, 2], [-2, 1]]), result.cache);
}

const probeX = (): Matrix => fromRows([[1, 2], [3, -1], [0, 5]]);

function probeNorm(parts: Parts, config: PartsConfig): void {
  const block = parts.norm as NormBlock;
  if (block.create) {
    const fresh = block.create(2);
    expectLength('createBatchNorm(2).gamma', fresh?.gamma, 2);
    expectLength('createBatchNorm(2).beta', fresh.beta, 2);
    expectLength('createBatchNorm(2).state.runningMean', fresh.state?.runningMean, 2);
    expectLength('createBatchNorm(2).state.runningVar', fresh.state.runningVar, 2);
  }
  const inputs: NormInputs = {
    gamma: Float64Array.of(1, 1),
    beta: config.norm === 'rmsnorm' ? null : Float64Array.of(0, 0),
    state: config.norm === 'batchnorm' ? { runningMean: new Float64Array(2), runningVar: Float64Array.of(1, 1) } : null,
  };
  const grads = probeLayer(config.norm, () => block.forward(probeX(), inputs, 'train'), block.backward) as ReturnType<NormBlock['backward']>;
  expectShape(`${config.norm} backward(...).dx`, grads?.dx, 3, 2);
  expectLength(`${config.norm} backward(...).dgamma`, grads.dgamma, 2);
}

const PROBES: Record<Role, (parts: Parts, config: PartsConfig) => void> = {
  dense(parts) {
    const x = fromRows([[1, -2, 0.5], [0, 3, -1]]);
    const w = fromRows([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]);
    const forward = parts.denseForward(x, w, Float64Array.of(0.01, -0.02));
    expectShape('denseForward(x 2×3, w 3×2, b).out', forward?.out, 2, 2);
    const grads = parts.denseBackward(fromRows([[1, 0], [0, 1]]), forward.cache);
    expectShape('denseBackward(...).dx', grads?.dx, 2, 3);
    expectShape('denseBackward(...).dw', grads.dw, 3, 2);
    expectLength('denseBackward(...).db', grads.db, 2);
  },
  conv(parts) {
    // The CNN's block on a 1×1×4×4 image: conv 3×3 × 2 with padding 1, then max pool 2.
    const conv = parts.conv as ConvBlock;
    const x = tensor([1, 1, 4, 4], Float64Array.from({ length: 16 }, (_, k) => (k % 5) - 2));
    const w = tensor([2, 1, 3, 3], Float64Array.from({ length: 18 }, (_, k) => ((k * 7) % 5) / 10 - 0.2));
    const forward = conv.conv2dForward(x, w, Float64Array.of(0.1, -0.1), { padding: 1 });
    expectTensor('conv2dForward(x 1×1×4×4, w 2×1×3×3, b, { padding: 1 }).out', forward?.out, [1, 2, 4, 4]);
    const pool = conv.maxPool2dForward(forward.out, { kernel: 2 });
    expectTensor('maxPool2dForward(1×2×4×4, { kernel: 2 }).out', pool?.out, [1, 2, 2, 2]);
    const dpool = conv.maxPool2dBackward(tensor([1, 2, 2, 2], Float64Array.from({ length: 8 }, (_, k) => k - 3)), pool.cache);
    expectTensor('maxPool2dBackward(...)', dpool, [1, 2, 4, 4]);
    const grads = conv.conv2dBackward(dpool, forward.cache);
    expectTensor('conv2dBackward(...).dx', grads?.dx, [1, 1, 4, 4]);
    expectTensor('conv2dBackward(...).dw', grads.dw, [2, 1, 3, 3]);
    expectLength('conv2dBackward(...).db', grads.db, 2);
  },
  lstm(parts) {
    // Two steps of a 2×3 sequence, H = 2: the shapes of the states and of every gradient.
    const lstm = parts.lstm as LstmBlock;
    const xs = [fromRows([[1, -2, 0.5], [0, 3, -1]]), fromRows([[0.5, 1, -1], [2, 0, 1]])];
    const weights = (rows: number): Matrix => matrix(rows, 8, Float64Array.from({ length: rows * 8 }, (_, k) => ((k * 7) % 5) / 10 - 0.2));
    const forward = lstm.lstmForward(xs, matrix(2, 2), matrix(2, 2), weights(3), weights(2), new Float64Array(8));
    if (!Array.isArray(forward?.hs) || forward.hs.length !== 2) throw new Error(text.lstmStates(String(forward?.hs?.length)));
    expectShape('lstmForward(xs 2×(2×3), h0 2×2, …).hs[1]', forward.hs[1], 2, 2);
    const grads = lstm.lstmBackward([matrix(2, 2), fromRows([[1, -1], [0.5, 2]])], forward.cache);
    expectShape('lstmBackward(...).dxs[0]', grads?.dxs?.[0], 2, 3);
    expectShape('lstmBackward(...).dwx', grads.dwx, 3, 8);
    expectShape('lstmBackward(...).dwh', grads.dwh, 2, 8);
    expectLength('lstmBackward(...).db', grads.db, 8);
  },
  activations(parts, config) {
    expectShape(`${config.activation} backward(...)`, probeLayer(config.activation, () => parts.activation.forward(probeX()), parts.activation.backward), 3, 2);
  },
  sigmoid(parts) {
    const { out, cache } = parts.activation.forward(fromRows([[0.5]]));
    const d = parts.activation.backward(fromRows([[1]]), cache).data[0];
    const a = out.data[0];
    if (!(a > 0.6 && a < 0.63 && d > 0.2 && d < 0.25)) throw new Error(text.sigmoidProbe(a, d));
  },
  batchnorm: probeNorm,
  layernorm: probeNorm,
  dropout(parts) {
    const block = parts.dropout as DropoutBlock;
    expectShape('dropoutBackward(...)', probeLayer('dropout', () => block.forward(probeX(), 0.5, 'train', createRng(1)), block.backward), 3, 2);
  },
  momentum(parts, config) {
    probeOptimizer(parts, config.optimizer === 'sgd' ? 'sgd' : 'momentum');
  },
  adam(parts) {
    probeOptimizer(parts, 'adam');
  },
  optimizers(parts, config) {
    probeOptimizer(parts, config.optimizer ?? 'adam');
  },
  clipping(parts) {
    const grads = [Float64Array.of(3, 0), Float64Array.of(4)];
    const norm = (parts.clipGradNorm as NonNullable<Parts['clipGradNorm']>)(grads, 1);
    if (!(Math.abs(norm - 5) < 1e-9 && Math.abs(grads[0][0] - 0.6) < 1e-6)) throw new Error(text.clipProbe(norm, grads[0][0]));
  },
  schedules(parts) {
    const s = parts.schedules as Schedules;
    const values = [
      s.stepLR(3, { lr: 0.1, stepSize: 2, gamma: 0.5 }),
      s.exponentialLR(2, { lr: 0.1, gamma: 0.5 }),
      s.cosineAnnealingLR(5, { lr: 0.1, tMax: 10 }),
      s.warmupCosine(5, { lr: 0.1, warmupSteps: 10, totalSteps: 20 }),
    ];
    if (values.some((v) => !(typeof v === 'number' && Number.isFinite(v) && v >= 0))) throw new Error(text.scheduleProbe(values.join(', ')));
  },
};
