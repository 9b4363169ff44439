/**
 * Probes that tell the catalogued mlp-trainer mistakes apart (see grader/core/mistakes.ts).
 * Each builds its network as a plain object (not with createMLP, so a createMLP problem does
 * not blur the rest), runs one function, and returns a few numbers: the loss and every
 * gradient, or every parameter after training.
 */
import type { Probes } from '../../grader/core/mistakes.ts';
import { fromRows, type Matrix } from '../lib/matrix.ts';
import { createRng, normalMatrix, normalVector, uniformMatrix } from '../lib/random.ts';
import type { Activation, Gradients, Loss, MLP } from '../../katas/mlp-trainer/mlp.ts';

type Impl = typeof import('../../katas/mlp-trainer/mlp.ts');

interface Problem {
  net: MLP;
  x: Matrix;
  y: Matrix;
}

/** A fixed network and batch; `scale` multiplies the last layer's weights (1000 for huge logits). */
function problem(sizes: number[], activation: Activation, loss: Loss, n: number, seed: number, scale = 1): Problem {
  const rng = createRng(seed);
  const layers = sizes.length - 1;
  const weights = sizes.slice(1).map((fanOut, l) => normalMatrix(sizes[l], fanOut, rng, 0, l === layers - 1 ? scale : 0.8));
  const biases = sizes.slice(1).map((fanOut) => normalVector(fanOut, rng, 0, 0.3));
  const x = normalMatrix(n, sizes[0], rng);
  const k = sizes[layers];
  const y = uniformMatrix(n, k, rng);
  if (loss === 'cross-entropy') {
    // one-hot targets, spread over the classes
    y.data.fill(0);
    for (let i = 0; i < n; i++) y.data[i * k + ((i * 7 + 1) % k)] = 1;
  }
  return { net: { sizes, activation, loss, weights, biases }, x, y };
}

function flatGradients(g: Gradients): number[] {
  return [g.loss, ...g.dWeights.flatMap((w) => Array.from(w.data)), ...g.dBiases.flatMap((b) => Array.from(b))];
}

function flatParameters(net: MLP): number[] {
  return [...net.weights.flatMap((w) => Array.from(w.data)), ...net.biases.flatMap((b) => Array.from(b))];
}

function gradientsOf(impl: Impl, p: Problem): number[] {
  return flatGradients(impl.lossAndGradients(p.net, p.x, p.y));
}

function trained(impl: Impl, p: Problem, batchSize: number, learningRate: number): number[] {
  const losses = impl.train(p.net, p.x, p.y, { epochs: 2, learningRate, batchSize, rng: createRng(3) });
  return [...losses, ...flatParameters(p.net)];
}

/**
 * A 2-3-2 ReLU net whose hidden pre-activations Z[0][0] and Z[1][2] are exactly 0 (short binary
 * fractions and zero biases: nothing is rounded), where ReLU′(0) = 0 decides the gradients.
 */
function atTheKink(): Problem {
  const net: MLP = {
    sizes: [2, 3, 2],
    activation: 'relu',
    loss: 'cross-entropy',
    weights: [fromRows([[1, 1, -0.5], [1, -0.5, 0.5]]), fromRows([[0.5, -1], [-0.75, 0.25], [1, 0.5]])],
    biases: [new Float64Array(3), new Float64Array(2)],
  };
  return { net, x: fromRows([[1, -1], [0.5, 0.5]]), y: fromRows([[1, 0], [0, 1]]) };
}

export const probes: Probes<Impl> = {
  'mse loss and gradients (sigmoid, 3-4-2)': (k) => gradientsOf(k, problem([3, 4, 2], 'sigmoid', 'mse', 5, 1)),
  // One layer: only the output layer's δ, however the hidden layers are written.
  'mse loss and gradients of one layer (3-2)': (k) => gradientsOf(k, problem([3, 2], 'sigmoid', 'mse', 5, 6)),
  'cross-entropy loss and gradients (relu, 3-4-3)': (k) => gradientsOf(k, problem([3, 4, 3], 'relu', 'cross-entropy', 5, 2)),
  'gradients at hidden pre-activations exactly 0 (relu, 2-3-2)': (k) => gradientsOf(k, atTheKink()),
  'cross-entropy at logits ≈ ±1000': (k) => gradientsOf(k, problem([3, 4, 3], 'sigmoid', 'cross-entropy', 3, 3, 1000)),
  // N = D = H = K: the only shapes where A·δ and Aᵀ ⊙ δ (for Aᵀ·δ) run at all.
  'gradients of a square batch (sigmoid, 3-3-3, N = 3, cross-entropy)': (k) =>
    gradientsOf(k, problem([3, 3, 3], 'sigmoid', 'cross-entropy', 3, 7)),
  'softmax output at logits ≈ ±1000': (k) => {
    const p = problem([3, 4, 3], 'sigmoid', 'cross-entropy', 3, 3, 1000);
    return k.forward(p.net, p.x).data;
  },
  'two whole-batch epochs (relu, 3-5-4-3, cross-entropy)': (k) => trained(k, problem([3, 5, 4, 3], 'relu', 'cross-entropy', 6, 4), 10, 0.5),
  'two epochs of mini-batches of 2 (sigmoid, 3-4-2, mse)': (k) => trained(k, problem([3, 4, 2], 'sigmoid', 'mse', 5, 5), 2, 2),
};
