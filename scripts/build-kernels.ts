/**
 * `npm install` runs this (postinstall): compiles katas/lib/kernels.wat into kernels.wasm beside
 * it with the `wabt` package, so no binary is committed and no toolchain is needed. It never
 * fails the install: without kernels.wasm the toolkit uses its TypeScript loops, which give
 * the same numbers, only slower.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const lib = join(dirname(fileURLToPath(import.meta.url)), '..', 'katas', 'lib');

try {
  const { default: initWabt } = await import('wabt');
  const wabt = await initWabt();
  const source = wabt.parseWat('kernels.wat', readFileSync(join(lib, 'kernels.wat'), 'utf8'), { simd: true });
  source.validate();
  writeFileSync(join(lib, 'kernels.wasm'), source.toBinary({}).buffer);
  source.destroy();
} catch (error) {
  console.warn(`katas/lib/kernels.wasm not built (${(error as Error).message.split('\n')[0]}); the matrix products use their TypeScript loops.`);
}
