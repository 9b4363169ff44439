import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { katasDir, repoRoot } from './paths.ts';
import { createTypeChecker, type TypeCheckResult, type TypeChecker } from './typecheck.ts';

// A scratch folder beside the katas, so the relative imports a kata uses (`../lib/matrix.ts`)
// resolve exactly as they do from katas/<slug>/. It has no kata.json: the grader ignores it.
let dir: string;
let checker: TypeChecker;

beforeAll(() => {
  dir = mkdtempSync(join(katasDir, '.typecheck-test-'));
  checker = createTypeChecker();
});
afterAll(() => {
  checker.close();
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function problems(result: TypeCheckResult) {
  if (!result.ok) throw new Error(`expected a checked result, got: ${result.error}`);
  return result.problems;
}

const labelFromRows = [
  "import type { Matrix } from '../lib/matrix.ts';",
  '',
  'export function label(x: Matrix): string {',
  '  const label: string = x.rows;',
  '  return label;',
  '}',
];

test('a number assigned to a string is one error, at its line and column, in tsc words', async () => {
  const file = write('label.ts', labelFromRows);
  const result = await checker.check(file);
  expect(result).toEqual({
    ok: true,
    total: 1,
    problems: [
      {
        file: relative(repoRoot, file),
        line: 4,
        column: 9,
        code: 2322,
        message: "Type 'number' is not assignable to type 'string'.",
      },
    ],
  });
});

test('a clean reference solution and an untouched stub have no type errors', async () => {
  expect(await checker.check(join(repoRoot, 'solutions/dense-backward/dense.ts'))).toEqual({ ok: true, problems: [], total: 0 });
  expect(await checker.check('katas/dense-backward/dense.ts')).toEqual({ ok: true, problems: [], total: 0 });
});

test('a kata that imports earlier katas is checked against their types', async () => {
  expect(await checker.check('solutions/mnist-classifier/mnist.ts')).toEqual({ ok: true, problems: [], total: 0 });
  const file = write('uses-dense.ts', [
    "import { denseForward } from '../dense-backward/dense.ts';",
    "import { matrix } from '../lib/matrix.ts';",
    'const m = matrix(1, 1);',
    'export const wrong: number = denseForward(m, m, new Float64Array(1));',
  ]);
  const [problem] = problems(await checker.check(file));
  expect(problem).toMatchObject({ line: 4, code: 2322 });
  expect(problem?.message).toContain('DenseForwardResult');
});

test('errors inside an imported file are not reported, only the graded file’s own', async () => {
  const helper = write('helper.ts', ["export const broken: string = 42;", 'export const fine = 1;']);
  const user = write('user.ts', ["import { fine } from './helper.ts';", 'export const twice: number = fine * 2;']);
  expect(problems(await checker.check(user))).toEqual([]);
  expect(problems(await checker.check(helper))).toHaveLength(1);
});

test('a re-check sees the saved change, also a same-length edit within the same millisecond', async () => {
  const file = write('edited.ts', ['export const a: number = 1;']);
  expect(problems(await checker.check(file))).toEqual([]);
  write('edited.ts', ['export const a: string = 1;']);
  expect(problems(await checker.check(file))).toMatchObject([{ line: 1, column: 14, code: 2322 }]);
  write('edited.ts', ['export const a: number = 1;']);
  expect(problems(await checker.check(file))).toEqual([]);
});

test('a change in an imported file is seen when the graded file is checked again', async () => {
  write('dep.ts', ['export const value = 1;']);
  const file = write('needs-dep.ts', ["import { value } from './dep.ts';", 'export const n: number = value;']);
  expect(problems(await checker.check(file))).toEqual([]);
  write('dep.ts', ["export const value = 'one';"]);
  expect(problems(await checker.check(file))).toMatchObject([{ line: 2, code: 2322 }]);
});

test('a syntax error is reported as tsc does, without the type errors it causes', async () => {
  const file = write('syntax.ts', ['export const a: number = 1;', 'export const b = ;', "export const c: string = 3;"]);
  const found = problems(await checker.check(file));
  expect(found).toHaveLength(1);
  expect(found[0]).toMatchObject({ line: 2, column: 18, message: 'Expression expected.' });
});

test('at most the first five problems, in file order, with the full count', async () => {
  const lines = Array.from({ length: 8 }, (_, i) => `export const v${i}: string = ${i};`).reverse();
  const file = write('many.ts', lines);
  const result = await checker.check(file);
  expect(result.ok && result.total).toBe(8);
  expect(problems(result).map((p) => p.line)).toEqual([1, 2, 3, 4, 5]);
});

test('a missing file is a one-line error, not an exception', async () => {
  const result = await checker.check(join(dir, 'no-such-file.ts'));
  expect(result.ok).toBe(false);
  expect(!result.ok && result.error).toMatch(/^cannot read .*no-such-file\.ts$/);
});

test('a project the checker cannot set up is a one-line error on each check', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'typecheck-no-project-'));
  const lost = createTypeChecker({ root: empty });
  try {
    writeFileSync(join(empty, 'a.ts'), 'export const a = 1;\n');
    expect(await lost.check('a.ts')).toEqual({ ok: false, error: `no tsconfig.json found from ${empty}` });
  } finally {
    lost.close();
    rmSync(empty, { recursive: true, force: true });
  }
});

test('a check that takes too long answers "did not finish"; the checker then starts afresh', async () => {
  const impatient = createTypeChecker();
  try {
    expect(await impatient.check('solutions/mnist-classifier/mnist.ts', { timeoutMs: 1 })).toEqual({
      ok: false,
      error: 'type check did not finish in 1 ms',
    });
    expect(await impatient.check('katas/dense-backward/dense.ts')).toEqual({ ok: true, problems: [], total: 0 });
  } finally {
    impatient.close();
  }
});

test('a closed checker answers at once, without starting a worker', async () => {
  const lazy = createTypeChecker({ eager: false });
  lazy.close();
  expect(await lazy.check('katas/dense-backward/dense.ts')).toEqual({ ok: false, error: 'the type checker is closed' });
});

test('close() answers a waiting check and stops the worker; an idle checker does not keep node running', async () => {
  const closing = createTypeChecker();
  const waiting = closing.check('solutions/mnist-classifier/mnist.ts');
  closing.close();
  expect(await waiting).toEqual({ ok: false, error: 'the type checker is closed' });

  // In a separate node: check once, never close. The process must still end on its own.
  const script = [
    `import { createTypeChecker } from ${JSON.stringify(join(repoRoot, 'grader/core/typecheck.ts'))};`,
    'const checker = createTypeChecker();',
    "const result = await checker.check('katas/dense-backward/dense.ts');",
    'console.log(JSON.stringify(result));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(child.error).toBeUndefined();
  expect(child.status).toBe(0);
  expect(JSON.parse(child.stdout)).toEqual({ ok: true, problems: [], total: 0 });
});
