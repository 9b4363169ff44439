/**
 * The toolkit katas and solutions import: `import { matmul, createRng } from '../lib/index.ts'`.
 *
 * 中文：题目和参考答案导入的工具库：`import { matmul, createRng } from '../lib/index.ts'`。
 */
export * from './matrix.ts';
export * from './random.ts';
export * from './tensor.ts';
