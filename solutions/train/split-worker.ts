/** The worker side of split.ts: the network over the shared parameters, one half-batch at a time. */
import { workerData, parentPort } from 'node:worker_threads';
import { matrix, paramData } from '../../katas/lib/matrix.ts';
import { createRng } from '../../katas/lib/random.ts';
import { createModel } from './model.ts';
import { createNetwork, softmaxCrossEntropy } from './network.ts';
import { loadParts } from './parts.ts';
import { inputRows, type SplitWorkerData } from './split.ts';

const data = workerData as SplitWorkerData;
const control = new Int32Array(data.control);
const input = new Float64Array(data.input);
const labels = new Uint8Array(data.labels);
const out = new Float64Array(data.grads);
const result = new Float64Array(data.result);
const { config } = data;

const parts = await loadParts(config, data.location);
const model = createModel(config, new Float64Array(data.params));
// Dropout draws from a stream of its own here too, other than the main thread's.
const network = createNetwork(parts, model, config.dropout > 0 ? { p: config.dropout, rng: createRng(config.seed + 0x5eed + 1) } : null);
parentPort?.postMessage('ready');

let done = 0;
for (;;) {
  Atomics.wait(control, 0, done);
  const batch = Atomics.load(control, 0);
  if (batch < 0) break;
  try {
    const rows = control[2];
    const dlogits = matrix(rows, config.sizes[config.sizes.length - 1]);
    const r = softmaxCrossEntropy(network.forward(inputRows(input, rows), 'train'), labels.subarray(0, rows), 1 / control[3], dlogits);
    let offset = 0;
    for (const g of network.backward(dlogits)) {
      const d = paramData(g);
      out.set(d, offset);
      offset += d.length;
    }
    result[0] = r.lossSum;
    result[1] = r.correct;
  } catch (error) {
    control[4] = 1;
    throw error;
  }
  done = batch;
  Atomics.store(control, 1, batch);
  Atomics.notify(control, 1);
}
