/**
 * Syntax errors, found before anything runs, reported as file, line and message. Uses the
 * TypeScript compiler's own parser, so the wording is the one an editor shows.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { CompileError } from './report.ts';

export function findSyntaxError(path: string, displayName: string = path): CompileError | undefined {
  const source = readFileSync(path, 'utf8');
  const result = ts.transpileModule(source, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  const first = (result.diagnostics ?? []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (!first) return undefined;
  const position = first.file && first.start !== undefined ? first.file.getLineAndCharacterOfPosition(first.start) : undefined;
  return {
    file: displayName,
    line: position ? position.line + 1 : 0,
    column: position ? position.character + 1 : 0,
    message: ts.flattenDiagnosticMessageText(first.messageText, '\n'),
  };
}
