/**
 * The composed network is differentiated correctly: its backward pass (the reference dense
 * layers, activations, normalisations and dropout, plus this folder's softmax cross-entropy)
 * against central finite differences of its loss, for every parameter, in every activation and
 * normalisation the trainer offers, and with dropout (the same mask on every pass: a fresh
 * stream of the same seed).
 */
import { describe, expect, test } from 'vitest';
import { matrix, paramData, type Matrix } from '../../katas/lib/matrix.ts';
import { createRng, normalMatrix } from '../../katas/lib/random.ts';
import type { Activation, Norm } from './config.ts';
import { createModel, initialize, type Model } from './model.ts';
import { Network, softmaxCrossEntropy } from './network.ts';
import { defaultLocation, loadParts, type Parts } from './parts.ts';

const ROWS = 6;
const LABELS = Uint8Array.of(0, 2, 1, 2, 0, 1);

const DROPOUT_SEED = 11;
const networkOf = (parts: Parts, model: Model, dropout: number): Network =>
  new Network(parts, model, dropout > 0 ? { p: dropout, rng: createRng(DROPOUT_SEED) } : null);

function lossOf(parts: Parts, model: Model, x: Matrix, dropout: number): number {
  const net = networkOf(parts, model, dropout);
  const logits = net.forward(x, 'train');
  return softmaxCrossEntropy(logits, LABELS, 1 / ROWS, matrix(ROWS, 3)).lossSum / ROWS;
}

describe('the network backward pass matches finite differences', () => {
  const cases: { activation: Activation; norm: Norm; dropout?: number }[] = [
    { activation: 'relu', norm: 'none' },
    { activation: 'leaky-relu', norm: 'none' },
    { activation: 'tanh', norm: 'none' },
    { activation: 'gelu', norm: 'none' },
    { activation: 'sigmoid', norm: 'none' },
    { activation: 'relu', norm: 'batchnorm' },
    { activation: 'sigmoid', norm: 'batchnorm' },
    { activation: 'tanh', norm: 'layernorm' },
    { activation: 'gelu', norm: 'rmsnorm' },
    { activation: 'tanh', norm: 'none', dropout: 0.3 },
  ];
  for (const { activation, norm, dropout = 0 } of cases) {
    test(`${activation}${norm === 'none' ? '' : ` + ${norm}`}${dropout ? ` + dropout ${dropout}` : ''}, sizes 5-4-4-3`, async () => {
      const config = { sizes: [5, 4, 4, 3], activation, norm, dropout, optimizer: 'adam' as const, schedule: 'constant' as const };
      const parts = await loadParts(config, defaultLocation('reference'));
      const rng = createRng(7);
      const model = initialize(createModel(config), rng);
      // Nonzero biases, γ and β, so no gradient is a special case. (With zero biases, a row whose
      // ReLUs are all off gives a next pre-activation of exactly 0: a kink, where differences lie.)
      for (const { b } of model.dense) b.forEach((_, j) => (b[j] = rng() - 0.5));
      for (const n of model.norms) {
        n.gamma.forEach((_, j) => (n.gamma[j] = 0.5 + rng()));
        n.beta?.forEach((_, j) => ((n.beta as Float64Array)[j] = rng() - 0.5));
      }
      const x = normalMatrix(ROWS, 5, rng);
      const net = networkOf(parts, model, dropout);
      const dlogits = matrix(ROWS, 3);
      softmaxCrossEntropy(net.forward(x, 'train'), LABELS, 1 / ROWS, dlogits);
      const grads = net.backward(dlogits).map((g) => Float64Array.from(paramData(g)));

      const h = 1e-6;
      let worst = 0;
      model.params.forEach((p, i) => {
        const values = paramData(p);
        for (let k = 0; k < values.length; k++) {
          const saved = values[k];
          values[k] = saved + h;
          const plus = lossOf(parts, model, x, dropout);
          values[k] = saved - h;
          const minus = lossOf(parts, model, x, dropout);
          values[k] = saved;
          const numeric = (plus - minus) / (2 * h);
          const error = Math.abs(numeric - grads[i][k]) / Math.max(1e-6, Math.abs(numeric) + Math.abs(grads[i][k]));
          if (error > worst) worst = error;
          if (error > 1e-5) expect.fail(`${model.names[i]}[${k}]: analytic ${grads[i][k]}, numeric ${numeric}`);
        }
      });
      expect(worst).toBeLessThan(1e-5);
    });
  }
});

describe('softmax cross-entropy', () => {
  test('is finite for huge logits and gives (p − onehot)·scale', () => {
    const logits = matrix(2, 3, Float64Array.of(1000, 0, -1000, 5, 5, 5));
    const d = matrix(2, 3);
    const { lossSum, correct } = softmaxCrossEntropy(logits, [1, 0], 0.5, d);
    expect(lossSum).toBeCloseTo(1000 + Math.log(3), 9);
    expect(correct).toBe(1); // row 2 ties; the first largest logit counts as the prediction
    expect(Array.from(d.data).map((v) => Number(v.toFixed(12)))).toEqual([0.5, -0.5, 0, 1 / 6 - 0.5, 1 / 6, 1 / 6].map((v) => Number(v.toFixed(12))));
  });
});
