/**
 * No dead names in the grader, the reference solutions and the toolkit: tsc's noUnusedLocals
 * and noUnusedParameters, applied to those folders only. (Not to the stubs, whose parameters
 * are unused until the learner writes the bodies; nor to the project's tests.)
 */
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { expect, test } from 'vitest';
import { repoRoot } from '../grader/core/paths.ts';

const CHECKED = ['grader/', 'solutions/', 'katas/lib/', 'scripts/'];

test('no unused locals, imports or parameters in grader/, solutions/, katas/lib/ and scripts/', () => {
  const configPath = join(repoRoot, 'tsconfig.json');
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, repoRoot);
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noUnusedLocals: true, noUnusedParameters: true });
  const found: string[] = [];
  for (const file of program.getSourceFiles()) {
    const path = relative(repoRoot, file.fileName).split(sep).join('/');
    if (!CHECKED.some((dir) => path.startsWith(dir)) || path.endsWith('.test.ts')) continue;
    for (const d of program.getSemanticDiagnostics(file)) {
      if (d.reportsUnnecessary === undefined || d.start === undefined) continue;
      const { line, character } = file.getLineAndCharacterOfPosition(d.start);
      found.push(`${path}:${line + 1}:${character + 1} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
    }
  }
  expect(found).toEqual([]);
});
