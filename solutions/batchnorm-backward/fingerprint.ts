/**
 * Probes that tell the catalogued BatchNorm mistakes apart (see grader/core/mistakes.ts).
 * Each runs the implementation on fixed inputs and returns a few numbers; a learner who
 * differs from the reference exactly where a mistake does is told about that mistake.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { createRng, fromRows, normalMatrix, type Matrix } from '../lib/index.ts';

type Impl = typeof import('../../katas/batchnorm-backward/batchnorm.ts');
type State = Parameters<Impl['batchnormForward']>[3];
type Options = Parameters<Impl['batchnormForward']>[4];

/** Fixed inputs: a 4×3 batch with its own column offsets, γ of both signs, an upstream gradient. */
const rng = createRng(4242);
const N = 4;
const D = 3;
const x: Matrix = normalMatrix(N, D, rng, 0.5, 2);
const secondBatch: Matrix = normalMatrix(N, D, rng, -1, 1.5);
const gamma = Float64Array.from([1.5, -0.8, 2.2]);
const beta = Float64Array.from([0.3, -1.1, 0.6]);
const dout: Matrix = normalMatrix(N, D, rng);

const freshState = (): State => ({ runningMean: new Float64Array(D), runningVar: new Float64Array(D).fill(1) });
/** A trained-looking state for eval mode, far from the batch's own statistics. */
const evalState = (): State => ({ runningMean: Float64Array.from([0.2, -0.4, 1.0]), runningVar: Float64Array.from([0.6, 2.5, 1.7]) });

function forward(k: Impl, options: Options, state: State = freshState()) {
  return k.batchnormForward(x, gamma, beta, state, options);
}

function backward(k: Impl, options: Options, state: State) {
  return k.batchnormBackward(dout, forward(k, options, state).cache);
}

function afterTwoTrainCalls(k: Impl): State {
  const state = freshState();
  k.batchnormForward(x, gamma, beta, state, { mode: 'train' });
  k.batchnormForward(secondBatch, gamma, beta, state, { mode: 'train' });
  return state;
}

/** Two features around 1e4 that differ by about 1e-2 (decimals, so their squares are not exact in float64). */
const offsetBatch: Matrix = fromRows([
  [10000.013, 9999.977],
  [9999.991, 10000.004],
  [10000.012, 10000.016],
  [9999.984, 9999.998],
]);

export const probes: Probes<Impl> = {
  // E[x²] − E[x]² loses four digits here; two passes keep them all.
  'train-mode out at features around 1e4': (k) =>
    k.batchnormForward(offsetBatch, Float64Array.from([1, 1]), Float64Array.from([0, 0]), { runningMean: new Float64Array(2), runningVar: Float64Array.from([1, 1]) }, { mode: 'train' }).out.data,
  'train-mode out': (k) => forward(k, { mode: 'train' }).out.data,
  'train-mode out with eps = 0.5': (k) => forward(k, { mode: 'train', eps: 0.5 }).out.data,
  'running mean after two train calls': (k) => afterTwoTrainCalls(k).runningMean,
  'running variance after two train calls': (k) => afterTwoTrainCalls(k).runningVar,
  // backward must leave the running statistics as the train-mode forward left them.
  'running statistics after a train-mode forward and backward': (k) => {
    const state = freshState();
    backward(k, { mode: 'train' }, state);
    return [...state.runningMean, ...state.runningVar];
  },
  'running statistics after an eval call': (k) => {
    const state = evalState();
    forward(k, { mode: 'eval' }, state);
    return [...state.runningMean, ...state.runningVar];
  },
  'eval-mode out': (k) => forward(k, { mode: 'eval' }, evalState()).out.data,
  'train-mode dx': (k) => backward(k, { mode: 'train' }, freshState()).dx.data,
  'train-mode dgamma': (k) => backward(k, { mode: 'train' }, freshState()).dgamma,
  'train-mode dbeta': (k) => backward(k, { mode: 'train' }, freshState()).dbeta,
  'eval-mode dx': (k) => backward(k, { mode: 'eval' }, evalState()).dx.data,
  'eval-mode dgamma': (k) => backward(k, { mode: 'eval' }, evalState()).dgamma,
  // createBatchNorm: counts and fixed writes, not raw values, so that γ drawn at random by the
  // learner and by the catalogue look alike.
  'createBatchNorm(64): entries with γ = 1, entries with β = 0': (k) => {
    const { gamma, beta } = k.createBatchNorm(64);
    return [count(gamma, 1), count(beta, 0)];
  },
  'createBatchNorm(64): entries with running mean 0, entries with running variance 1': (k) => {
    const { state } = k.createBatchNorm(64);
    return [count(state.runningMean, 0), count(state.runningVar, 1)];
  },
  'eval-mode out with a fresh createBatchNorm(3) state': (k) =>
    k.batchnormForward(x, Float64Array.of(1, 1, 1), Float64Array.of(0, 0, 0), k.createBatchNorm(3).state, { mode: 'eval' }).out.data,
  'running statistics after writing 5 into γ and 7 into β': (k) => {
    const { gamma, beta, state } = k.createBatchNorm(3);
    gamma.fill(5);
    beta.fill(7);
    return [...state.runningMean, ...state.runningVar];
  },
  'a second createBatchNorm(3) after writing into the first': (k) => {
    const first = k.createBatchNorm(3);
    first.gamma.fill(2);
    first.beta.fill(3);
    first.state.runningMean.fill(4);
    first.state.runningVar.fill(5);
    const second = k.createBatchNorm(3);
    return [...second.gamma, ...second.beta, ...second.state.runningMean, ...second.state.runningVar];
  },
  'createBatchNorm throws for 0, −1 and 2.5': (k) => [0, -1, 2.5].map((features) => (throws(() => k.createBatchNorm(features)) ? 1 : 0)),
};

function count(values: Float64Array, value: number): number {
  let n = 0;
  for (const v of values) if (v === value) n++;
  return n;
}

function throws(run: () => unknown): boolean {
  try {
    run();
    return false;
  } catch {
    return true;
  }
}
