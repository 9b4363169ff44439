/** The toolkit katas and solutions import: `import { matmul, createRng } from '../lib/index.ts'`. */
export * from './matrix.ts';
export * from './random.ts';
