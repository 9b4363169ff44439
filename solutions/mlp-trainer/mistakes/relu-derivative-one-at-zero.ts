/**
 * A complete wrong mlp.ts: the reference in every respect but ReLU′ at 0, written out in full
 * (it borrows only the kata's own createMLP and forward).
 */
import type { Mistake } from '../../../grader/core/mistakes.ts';
import { denseBackward, denseForward, type DenseCache } from '../../dense-backward/dense.ts';
import { map, shapeOf, sub, takeRows, zipWith, type Matrix } from '../../lib/matrix.ts';
import { permutation } from '../../lib/random.ts';
import { sigmoid, sigmoidDerivative } from '../../sigmoid-derivative/sigmoid.ts';
import type { Gradients, MLP, TrainOptions } from '../mlp.ts';
export { createMLP, forward } from '../mlp.ts';

export const mistake: Mistake = {
  title: {
    en: 'ReLU′ taken as 1 at 0 (z ≥ 0)',
    'zh-CN': '把 ReLU′ 在 0 处取成 1（z ≥ 0）',
  },
  explanation: {
    en:
      'ReLU has no derivative at 0; PyTorch (and the statement) take ReLU′(0) = 0, so a hidden unit whose pre-activation is ' +
      'exactly 0 passes no gradient back. Test z > 0, not z ≥ 0. Exact zeros do happen: biases start at 0, so a unit whose ' +
      'inputs are all 0 sits exactly at the kink, and there z ≥ 0 sends gradient through a unit that output nothing.',
    'zh-CN':
      'ReLU 在 0 处不可导；PyTorch（以及题面）取 ReLU′(0) = 0，所以预激活值恰好为 0 的隐藏单元不往回传梯度。条件应写 z > 0，而不是 z ≥ 0。' +
      '恰好为 0 的情况确实会出现：偏置初始为 0，所以输入全为 0 的单元正好落在折点上，这时 z ≥ 0 会让梯度穿过一个根本没有输出的单元。',
  },
};

export function lossAndGradients(net: MLP, x: Matrix, y: Matrix): Gradients {
  const layers = net.weights.length;
  const caches: DenseCache[] = [];
  const hidden: Matrix[] = [];
  let a = x;
  let logits: Matrix | undefined;
  for (let l = 0; l < layers; l++) {
    const { out, cache } = denseForward(a, net.weights[l], net.biases[l]);
    caches.push(cache);
    if (l === layers - 1) logits = out;
    else {
      hidden.push(out);
      a = map(out, net.activation === 'relu' ? (z) => (z > 0 ? z : 0) : sigmoid);
    }
  }
  if (!logits) throw new Error('lossAndGradients: a network needs at least one layer');
  if (y.rows !== logits.rows || y.cols !== logits.cols) {
    throw new Error(`lossAndGradients: y is ${shapeOf(y)} but the network's output is ${shapeOf(logits)}`);
  }
  const out = net.loss === 'mse' ? mse(logits, y) : crossEntropy(logits, y);
  const dWeights = new Array<Matrix>(layers);
  const dBiases = new Array<Float64Array>(layers);
  let delta = out.delta;
  for (let l = layers - 1; l >= 0; l--) {
    const { dx, dw, db } = denseBackward(delta, caches[l]);
    dWeights[l] = dw;
    dBiases[l] = db;
    if (l > 0) {
      delta = zipWith(dx, hidden[l - 1], net.activation === 'relu'
        ? (g, z) => (z >= 0 ? g : 0) // the mistake: 1 at z = 0
        : (g, z) => g * sigmoidDerivative(z));
    }
  }
  return { loss: out.loss, dWeights, dBiases };
}

function mse(logits: Matrix, y: Matrix): { loss: number; delta: Matrix } {
  const count = logits.rows * logits.cols;
  const diff = sub(map(logits, sigmoid), y);
  let total = 0;
  for (const d of diff.data) total += d * d;
  const delta = map(diff, (d, i, j) => ((2 * d) / count) * sigmoidDerivative(logits.data[i * logits.cols + j]));
  return { loss: total / count, delta };
}

function crossEntropy(logits: Matrix, y: Matrix): { loss: number; delta: Matrix } {
  const n = logits.rows;
  const k = logits.cols;
  const logP = map(logits, (v) => v);
  for (let i = 0; i < n; i++) {
    const row = logP.data.subarray(i * k, (i + 1) * k);
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    let sum = 0;
    for (const v of row) sum += Math.exp(v - max);
    const logSum = max + Math.log(sum);
    for (let j = 0; j < k; j++) row[j] -= logSum;
  }
  let total = 0;
  for (let q = 0; q < y.data.length; q++) if (y.data[q] !== 0) total -= y.data[q] * logP.data[q];
  const delta = map(logP, (lp, i, j) => (Math.exp(lp) - y.data[i * k + j]) / n);
  return { loss: total / n, delta };
}

export function train(net: MLP, x: Matrix, y: Matrix, options: TrainOptions): number[] {
  const { epochs, learningRate, batchSize, rng } = options;
  if (x.rows !== y.rows) {
    throw new Error(`train: x is ${shapeOf(x)} but y is ${shapeOf(y)}; they need one row per example each`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new Error(`train: batchSize must be a positive integer, got ${batchSize}`);
  }
  const n = x.rows;
  const losses: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = permutation(n, rng);
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const batch = order.subarray(start, Math.min(start + batchSize, n));
      const grads = lossAndGradients(net, takeRows(x, batch), takeRows(y, batch));
      for (let l = 0; l < net.weights.length; l++) {
        const w = net.weights[l].data;
        const dw = grads.dWeights[l].data;
        for (let q = 0; q < w.length; q++) w[q] -= learningRate * dw[q];
        const b = net.biases[l];
        const db = grads.dBiases[l];
        for (let q = 0; q < b.length; q++) b[q] -= learningRate * db[q];
      }
      total += grads.loss * batch.length;
    }
    losses.push(total / n);
  }
  return losses;
}
