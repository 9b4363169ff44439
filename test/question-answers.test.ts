/**
 * The exact answers of the question banks, recomputed: each number a bank states is
 * checked against the reference solutions (or plain arithmetic), within the question's own
 * tolerance. The course lint checks that a bank is well formed; this checks that it is right.
 */
import { describe, expect, test } from 'vitest';
import { loadKatas } from '../grader/core/manifest.ts';
import { loadQuestions, type NumberQuestion } from '../grader/core/questions.ts';
import { createRng, fromRows, matrix, paramData, zerosTensor } from '../katas/lib/index.ts';
import { geluBackward, geluForward, leakyReluBackward, leakyReluForward, tanhBackward, tanhForward } from '../solutions/activations/activations.ts';
import { Adam } from '../solutions/adam/adam.ts';
import { Adagrad, AdamW, RMSprop } from '../solutions/adaptive-optimizers/optimizers.ts';
import { batchnormBackward, batchnormForward, createBatchNorm } from '../solutions/batchnorm-backward/batchnorm.ts';
import { conv2dForward } from '../solutions/conv2d-backward/conv.ts';
import { denseBackward, denseForward } from '../solutions/dense-backward/dense.ts';
import { dropoutForward } from '../solutions/dropout/dropout.ts';
import { layerNormBackward, layerNormForward, rmsNormBackward, rmsNormForward } from '../solutions/layernorm-backward/layernorm.ts';
import { numericalGradient, relativeError } from '../solutions/gradient-check/gradcheck.ts';
import { createMLP } from '../solutions/mlp-trainer/mlp.ts';
import { cosineAnnealingLR, exponentialLR, stepLR, warmupCosine } from '../solutions/lr-schedules/schedules.ts';
import { clipGradNorm, rnnBackward, rnnForward } from '../solutions/rnn-backward/rnn.ts';
import { SGDMomentum } from '../solutions/momentum/momentum.ts';
import { sigmoid, sigmoidDerivative } from '../solutions/sigmoid-derivative/sigmoid.ts';
import { bceWithLogits, crossEntropy } from '../solutions/softmax-cross-entropy/softmax.ts';

const parameterCount = (sizes: number[]): number => {
  const net = createMLP(sizes, 'relu', 'cross-entropy', createRng(1));
  return [...net.weights, ...net.biases].reduce((n, p) => n + paramData(p).length, 0);
};

/** One step of an optimizer on a scalar parameter p (at position 0) with gradient g: how far p moves. */
const stepSize = (optimizer: { step(params: Float64Array[], grads: Float64Array[]): void }, g: number, p = 0): number => {
  const param = Float64Array.of(p);
  optimizer.step([param], [Float64Array.of(g)]);
  return p - param[0];
};

/** Momentum on ½·h·p² from p = 1: whether |p| is still below 1 after many steps. */
const momentumConverges = (lr: number, h: number, momentum: number): boolean => {
  const optimizer = new SGDMomentum({ lr, momentum });
  const p = Float64Array.of(1);
  for (let i = 0; i < 20_000; i++) optimizer.step([p], [Float64Array.of(h * p[0])]);
  return Math.abs(p[0]) < 1;
};

/** The rank of a matrix, by Gaussian elimination with partial pivoting. */
const rank = (m: { rows: number; cols: number; data: Float64Array }): number => {
  const a = Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  let r = 0;
  for (let c = 0; c < m.cols && r < m.rows; c++) {
    const pivot = a.slice(r).reduce((best, row, i) => (Math.abs(row[c]) > Math.abs(a[best][c]) ? r + i : best), r);
    if (Math.abs(a[pivot][c]) < 1e-9) continue;
    [a[r], a[pivot]] = [a[pivot], a[r]];
    for (let i = r + 1; i < m.rows; i++) {
      const f = a[i][c] / a[r][c];
      for (let j = c; j < m.cols; j++) a[i][j] -= f * a[r][j];
    }
    r++;
  }
  return r;
};

/** slug → question id → the value recomputed. */
const recomputed: Record<string, Record<string, () => number>> = {
  'sigmoid-derivative': {
    'sigmoid-prime-max': () => sigmoidDerivative(0),
    'sigmoid-prime-at-40': () => sigmoidDerivative(40),
    'depth-factor': () => sigmoidDerivative(0) ** 10,
    'bce-cancels': () => {
      // ∂L/∂z by central differences of the BCE of σ(z), at the z where σ(z) = 0.2 and y = 1.
      const z = Math.log(0.2 / 0.8);
      const loss = (t: number): number => -Math.log(sigmoid(t));
      return (loss(z + 1e-6) - loss(z - 1e-6)) / 2e-6;
    },
  },
  activations: {
    'leaky-prime-at-zero': () => leakyReluBackward(fromRows([[1]]), leakyReluForward(fromRows([[0]]), 0.2).cache).data[0],
    'tanh-prime-max': () => tanhBackward(fromRows([[1]]), tanhForward(fromRows([[0]])).cache).data[0],
    'tanh-prime-at-output': () => tanhBackward(fromRows([[1]]), tanhForward(fromRows([[Math.atanh(0.8)]])).cache).data[0],
    'gelu-prime-at-zero': () => geluBackward(fromRows([[1]]), geluForward(fromRows([[0]])).cache).data[0],
    // The smallest GELU value on a grid of step 1e-4 over [−3, 0].
    'gelu-minimum': () => Math.min(...geluForward(fromRows([Array.from({ length: 30_001 }, (_, i) => -3 + i * 1e-4)])).out.data),
  },
  'dense-backward': {
    'db-worked': () => {
      const { cache } = denseForward(fromRows([[1, 2, 3], [4, 5, 6]]), fromRows([[1, -1], [0, 2], [1, 0]]), Float64Array.of(10, 20));
      return denseBackward(fromRows([[1, 0], [2, -1]]), cache).db[0];
    },
    'single-example-rank': () => {
      const { cache } = denseForward(fromRows([[1, -2, 3, 0.5]]), fromRows([[1, 0, 2], [0, 1, -1], [2, 1, 0], [1, 1, 1]]), new Float64Array(3));
      return rank(denseBackward(fromRows([[0.3, -1, 2]]), cache).dw);
    },
    // Multiply-adds of the MNIST layer 784→128 on a batch of 32: dX and dW, plus db's additions, over out = X·W + b.
    'backward-cost': () => ((n, d, m) => (2 * n * d * m + n * m) / (n * d * m + n * m))(32, 784, 128),
  },
  'gradient-check': {
    'central-difference-cubic': () => numericalGradient((x) => x[0] ** 3, Float64Array.of(1), 0.1)[0],
    'forward-difference-cubic': () => (1.1 ** 3 - 1) / 0.1,
    'floor-relative-error': () => relativeError(Float64Array.of(1e-9), Float64Array.of(-1e-9)),
    evaluations: () => 2 * parameterCount([784, 128, 10]),
  },
  'softmax-cross-entropy': {
    'uniform-loss': () => crossEntropy(matrix(1, 10), [3]).loss,
    'ce-gradient-entry': () => crossEntropy(matrix(4, 2), [0, 0, 0, 0]).dlogits.data[0],
    'bce-at-800': () => bceWithLogits(Float64Array.of(800), Float64Array.of(0)).loss,
    'exp-overflow': () => {
      let x = 0;
      while (Number.isFinite(Math.exp(x))) x++;
      return x;
    },
  },
  'mlp-trainer': {
    'xor-params': () => parameterCount([2, 4, 1]),
    'mse-gradient': () => (2 * (0.8 - 1)) / (4 * 1),
  },
  'batchnorm-backward': {
    'running-var': () => {
      const state = { runningMean: new Float64Array(1), runningVar: Float64Array.of(1) };
      batchnormForward(fromRows([[1], [3]]), Float64Array.of(1), Float64Array.of(0), state, { mode: 'train', momentum: 0.1 });
      return state.runningVar[0];
    },
    'dx-sums-to-zero': () => {
      const rng = createRng(3);
      const x = matrix(6, 1, Float64Array.from({ length: 6 }, () => rng() * 4 - 2));
      const dout = matrix(6, 1, Float64Array.from({ length: 6 }, () => rng() * 4 - 2));
      const state = { runningMean: new Float64Array(1), runningVar: Float64Array.of(1) };
      const { cache } = batchnormForward(x, Float64Array.of(1.5), Float64Array.of(0.3), state, { mode: 'train' });
      return batchnormBackward(dout, cache).dx.data.reduce((s, v) => s + v, 0);
    },
    'keras-momentum': () => {
      // Keras: moving ← k·moving + (1 − k)·batch. The k that gives PyTorch's update, solved from it.
      const state = { runningMean: new Float64Array(1), runningVar: Float64Array.of(1) };
      batchnormForward(fromRows([[1], [3]]), Float64Array.of(1), Float64Array.of(0), state, { mode: 'train', momentum: 0.1 });
      const [old, batch] = [0, 2];
      return (batch - state.runningMean[0]) / (batch - old);
    },
    'param-count': () => 2 * 128,
    'running-var-from-zero': () => {
      const { gamma, beta, state } = createBatchNorm(1);
      state.runningVar.fill(0);
      return batchnormForward(fromRows([[0.01]]), gamma, beta, state, { mode: 'eval' }).out.data[0];
    },
  },
  'layernorm-backward': {
    'dx-two-features': () => {
      const { cache } = layerNormForward(fromRows([[1, 3]]), Float64Array.of(1, 1), Float64Array.of(0, 0), 0);
      return layerNormBackward(fromRows([[1, 2]]), cache).dx.data[0];
    },
    'rms-dx-dot-x': () => {
      const rng = createRng(5);
      const x = matrix(1, 5, Float64Array.from({ length: 5 }, () => rng() * 4 - 2));
      const dout = matrix(1, 5, Float64Array.from({ length: 5 }, () => rng() * 4 - 2));
      const { cache } = rmsNormForward(x, Float64Array.from({ length: 5 }, () => 0.5 + rng()), 0);
      const { dx } = rmsNormBackward(dout, cache);
      return dx.data.reduce((s, g, j) => s + g * x.data[j], 0);
    },
    'param-count': () => 2 * 768,
    'constant-row': () => layerNormForward(fromRows([[3, 3, 3, 3]]), new Float64Array(4).fill(2), new Float64Array(4).fill(0.5)).out.data[0],
  },
  dropout: {
    // One entry, kept (the number drawn is 0 < 1 − p): out/x is the scale.
    'keep-scale': () => dropoutForward(fromRows([[1]]), 0.2, 'train', () => 0).out.data[0],
    'variance': () => {
      // x = 3, p = 0.5: out when kept (u = 0) and when dropped (u = 0.99), each with probability 1/2.
      const outs = [0, 0.99].map((u) => dropoutForward(fromRows([[3]]), 0.5, 'train', () => u).out.data[0]);
      const mean = (outs[0] + outs[1]) / 2;
      return (outs[0] ** 2 + outs[1] ** 2) / 2 - mean ** 2;
    },
    // Non-inverted dropout: the expected training-time output of a unit, in units of x, is the keep probability.
    'non-inverted-eval': () => 1 - 0.3,
  },
  momentum: {
    'terminal-velocity': () => {
      const optimizer = new SGDMomentum({ lr: 1, momentum: 0.9 });
      let last = 0;
      for (let i = 0; i < 1000; i++) last = stepSize(optimizer, 1, 0); // the step after 1000 constant gradients, in units of lr·g
      return last;
    },
    'nesterov-first-step': () => stepSize(new SGDMomentum({ lr: 0.1, momentum: 0.9, nesterov: true }), 1),
    'weight-decay-step': () => 2 - stepSize(new SGDMomentum({ lr: 0.1, momentum: 0.9, weightDecay: 0.01 }), 0, 2),
    'stability-limit': () => {
      // Bisect the largest lr for which momentum 0.9 still converges on ½·p².
      let stable = 1;
      let unstable = 10;
      for (let i = 0; i < 20; i++) {
        const mid = (stable + unstable) / 2;
        if (momentumConverges(mid, 1, 0.9)) stable = mid;
        else unstable = mid;
      }
      return stable;
    },
  },
  adam: {
    'first-step': () => stepSize(new Adam({ lr: 1e-3 }), 5),
    'no-bias-correction': () => (1 - 0.9) / Math.sqrt(1 - 0.999),
    'eps-placement': () => stepSize(new Adam({ lr: 1e-3 }), 1e-8),
    'state-memory': () => 2 * parameterCount([784, 128, 128, 10]),
  },
  'adaptive-optimizers': {
    'rmsprop-first-step': () => stepSize(new RMSprop({ lr: 0.01, alpha: 0.99, eps: 1e-8 }), 3),
    'adagrad-fourth-step': () => {
      const adagrad = new Adagrad({ lr: 0.1 });
      for (let s = 0; s < 3; s++) stepSize(adagrad, 2);
      return stepSize(adagrad, 2);
    },
    'adagrad-eps-placement': () => stepSize(new Adagrad({ lr: 0.1 }), 1e-8),
    'adamw-pure-decay': () => {
      const adamw = new AdamW();
      const p = Float64Array.of(1);
      for (let s = 0; s < 10_000; s++) adamw.step([p], [Float64Array.of(0)]);
      return p[0];
    },
    'state-memory': () => 2 * parameterCount([784, 128, 128, 10]),
  },
  'lr-schedules': {
    'step-lr-epoch-30': () => stepLR(30, { lr: 0.1, stepSize: 30, gamma: 0.1 }),
    'cosine-past-tmax': () => cosineAnnealingLR(15, { lr: 1, tMax: 10 }),
    'warmup-cosine-midpoint': () => warmupCosine(550, { lr: 1e-3, warmupSteps: 100, totalSteps: 1000 }),
    'linear-scaling': () => (0.1 * 2048) / 256,
    // The gamma whose exponentialLR is lr/2 at epoch 10: bisect, rather than trust 0.5^(1/10).
    'half-life-gamma': () => {
      let [lo, hi] = [0, 1];
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (exponentialLR(10, { lr: 1, gamma: mid }) < 0.5) lo = mid;
        else hi = mid;
      }
      return lo;
    },
  },
  'mnist-classifier': {
    'param-count': () => parameterCount([784, 128, 128, 10]),
    'initial-loss': () => Math.log(10),
    'steps-per-epoch': () => 60_000 / 32,
    'dropout-scale': () => 1 / (1 - 0.2),
  },
  'rnn-backward': {
    'worked-dh0': () => {
      const { cache } = rnnForward([fromRows([[1]]), fromRows([[-1]])], fromRows([[0.5]]), fromRows([[1]]), fromRows([[2]]), Float64Array.of(0));
      return rnnBackward([fromRows([[0]]), fromRows([[1]])], cache).dh0.data[0];
    },
    // 20 steps back, each through whᵀ (norm 0.5) and tanh′ (at most 1).
    'vanishing-bound': () => 0.5 ** 20,
    'clip-return': () => clipGradNorm([Float64Array.of(3, 4), Float64Array.of(12)], 6.5),
    'clip-boundary': () => {
      const g = Float64Array.of(3, 4);
      clipGradNorm([g], 5);
      return g[0] / 3;
    },
  },
  'conv2d-backward': {
    // The output height the reference gives for a 28×28 input, a 5×5 kernel, stride 2, padding 1.
    'output-size': () => conv2dForward(zerosTensor([1, 1, 28, 28]), zerosTensor([1, 1, 5, 5]), new Float64Array(1), { stride: 2, padding: 1 }).out.shape[2],
    'param-count': () => zerosTensor([8, 3, 3, 3]).data.length + 8,
  },
};

for (const kata of loadKatas()) {
  describe(`${kata.slug} question bank: the stated numbers`, () => {
    const numbers = loadQuestions(kata).questions.filter((q): q is NumberQuestion => q.kind === 'number');
    const checks = recomputed[kata.slug] ?? {};

    test('every number question is recomputed here', () => {
      expect(numbers.map((q) => q.id).sort()).toEqual(Object.keys(checks).sort());
    });

    for (const question of numbers) {
      test.runIf(question.id in checks)(`${question.id}: ${question.expected}`, () => {
        const value = checks[question.id]();
        expect(Math.abs(value - question.expected), `${question.id}: recomputed ${value}, the bank says ${question.expected}`).toBeLessThanOrEqual(
          Math.max(question.tolerance, 1e-12 * Math.abs(question.expected)),
        );
      });
    }
  });
}

// lstm-backward: its numbers, recomputed from the reference (self-contained, so that other katas' blocks merge cleanly).
{
  const { lstmBackward, lstmForward } = await import('../solutions/lstm-backward/lstm.ts');
  const lstmParameters = (d: number, h: number): number => {
    // The shapes lstmForward accepts for D inputs and H units, counted entry by entry.
    const wx = matrix(d, 4 * h);
    const wh = matrix(h, 4 * h);
    const b = new Float64Array(4 * h);
    lstmForward([matrix(1, d)], matrix(1, h), matrix(1, h), wx, wh, b);
    return wx.data.length + wh.data.length + b.length;
  };
  recomputed['lstm-backward'] = {
    // The cell path alone, 20 steps back, each through f = σ(1).
    'forget-decay': () => sigmoid(1) ** 20,
    'param-count': () => lstmParameters(100, 256),
    // torch.nn.LSTM's second bias, bias_hh_l0: 4H more.
    'torch-param-count': () => lstmParameters(100, 256) + 4 * 256,
    'worked-dc0': () => {
      const { cache } = lstmForward(
        [fromRows([[1]]), fromRows([[-1]])], fromRows([[0]]), fromRows([[0.5]]),
        fromRows([[0.5, -0.5, 1, 0.25]]), fromRows([[1, 0.5, -1, 0.5]]), Float64Array.of(0, 1, 0, 0),
      );
      return lstmBackward([fromRows([[0]]), fromRows([[1]])], cache).dc0.data[0];
    },
  };
}
// attention-backward: its numbers, recomputed (a self-contained block: vitest runs the describe
// bodies above after this module has finished loading, so they see this entry).
import { attentionBackward, attentionForward } from '../solutions/attention-backward/attention.ts';

recomputed['attention-backward'] = {
  // Var(q·k) = Σ_c Var(q_c)·Var(k_c) = d for unit-variance entries: the standard deviation is √d.
  'sqrt-d': () => Math.sqrt(64),
  // 8192 × 8192 float32 entries, in MiB.
  'score-memory': () => (8192 * 8192 * 4) / 2 ** 20,
  'worked-dq': () => {
    const { cache } = attentionForward(fromRows([[1, 1, 1, 1], [1, 1, 1, 1]]), fromRows([[0, 0, 0, 0], [1, 1, 1, 1]]), fromRows([[1, 0], [0, 1]]), { causal: true });
    return attentionBackward(fromRows([[1, 0], [0, 1]]), cache).dq.data[4];
  },
};

describe('attention-backward question bank: the worked example', () => {
  test('dq[0] is exactly 0 (query 0 sees one key) and dq[1][0] rounds to the stated 0.0524968', () => {
    const { cache } = attentionForward(fromRows([[1, 1, 1, 1], [1, 1, 1, 1]]), fromRows([[0, 0, 0, 0], [1, 1, 1, 1]]), fromRows([[1, 0], [0, 1]]), { causal: true });
    const { dq } = attentionBackward(fromRows([[1, 0], [0, 1]]), cache);
    expect(Array.from(dq.data.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(dq.data[4].toFixed(7)).toBe('0.0524968');
  });
});
