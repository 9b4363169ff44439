import { Adam } from './solutions/adam/adam.ts';
import { denseBackward, denseForward } from './solutions/dense-backward/dense.ts';
import { argmaxRows, matrix, takeRows, type Matrix } from './katas/lib/matrix.ts';
import { createRng, normalMatrix, permutation } from './katas/lib/random.ts';
import { loadMnistSplit, toMatrixSet } from './katas/lib/mnist.ts';
const seed = Number(process.argv[2]); const decayAt = Number(process.argv[3]); const epochs = Number(process.argv[4]);
const train = toMatrixSet(loadMnistSplit('train')); const test = toMatrixSet(loadMnistSplit('test'));
const relu = (z: Matrix) => { for (let i = 0; i < z.data.length; i++) if (z.data[i] < 0) z.data[i] = 0; return z; };
const rng = createRng(seed); const S = [784, 128, 128, 10];
const w = S.slice(0, -1).map((f, l) => normalMatrix(f, S[l + 1], rng, 0, Math.sqrt(2 / f))); const b = S.slice(1).map((n) => new Float64Array(n));
const adam = new Adam({ lr: 1e-3 });
const fwd = (x: Matrix) => { const h1 = denseForward(x, w[0], b[0]); const a1 = relu(h1.out); const h2 = denseForward(a1, w[1], b[1]); const a2 = relu(h2.out); const h3 = denseForward(a2, w[2], b[2]); return { h1, h2, h3 }; };
const line: string[] = [];
for (let e = 1; e <= epochs; e++) {
  if (e === decayAt) (adam as unknown as { lr: number }).lr = 1e-4;
  const order = permutation(60000, rng);
  for (let s = 0; s < 60000; s += 32) {
    const idx = order.subarray(s, s + 32); const x = takeRows(train.images, idx); const { h1, h2, h3 } = fwd(x);
    const n = idx.length; const d = matrix(n, 10);
    for (let i = 0; i < n; i++) { const r = h3.out.data.subarray(i * 10, i * 10 + 10); const mx = Math.max(...r); let sum = 0; for (let j = 0; j < 10; j++) sum += (d.data[i * 10 + j] = Math.exp(r[j] - mx)); for (let j = 0; j < 10; j++) d.data[i * 10 + j] = (d.data[i * 10 + j] / sum - (j === train.labels[idx[i]] ? 1 : 0)) / n; }
    const g3 = denseBackward(d, h3.cache); for (let k = 0; k < g3.dx.data.length; k++) if (h2.out.data[k] <= 0) g3.dx.data[k] = 0;
    const g2 = denseBackward(g3.dx, h2.cache); for (let k = 0; k < g2.dx.data.length; k++) if (h1.out.data[k] <= 0) g2.dx.data[k] = 0;
    const g1 = denseBackward(g2.dx, h1.cache);
    adam.step([w[0], b[0], w[1], b[1], w[2], b[2]], [g1.dw, g1.db, g2.dw, g2.db, g3.dw, g3.db]);
  }
  const p = argmaxRows(fwd(test.images).h3.out); let ok = 0; for (let i = 0; i < 10000; i++) if (p[i] === test.labels[i]) ok++;
  line.push(`${e}:${(ok / 100).toFixed(2)}`);
}
console.log(`seed ${seed} decayAt ${decayAt}: ${line.join(' ')}`);
