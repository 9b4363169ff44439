/**
 * Syntax errors, found before anything runs, reported as file, line and message. Uses the
 * TypeScript compiler's own parser, so the wording is the one an editor shows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';
import type { CompileError } from './report.ts';
import { typescriptLocale } from './typecheck.ts';

let localeSet: string | undefined;

/** The first syntax error in `source`, the text of the file at `path`. */
function syntaxErrorIn(source: string, path: string, displayName: string): CompileError | undefined {
  // The parser's messages in the learner's language, as an editor set to that language shows them.
  const locale = typescriptLocale() ?? 'en';
  if (locale !== localeSet) {
    // Back to English: TypeScript's (untyped) reset of the messages validateLocaleAndSetLanguage loaded.
    if (locale === 'en') (ts as unknown as { setLocalizedDiagnosticMessages?: (messages: undefined) => void }).setLocalizedDiagnosticMessages?.(undefined);
    else ts.validateLocaleAndSetLanguage(locale, ts.sys);
    localeSet = locale;
  }
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

/** Relative `.ts` imports in `source` (the file at `path`), as absolute paths. */
function localImports(source: string, path: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+\.ts)['"]/g)) {
    found.push(resolve(dirname(path), match[1]));
  }
  return found;
}

/**
 * The first syntax error in `path` or in any file it imports (relatively, recursively):
 * a kata that builds on earlier katas breaks when one of those does not parse, and the
 * learner should be told which file, not just that the kata could not run.
 */
export function findSyntaxErrorInTree(path: string, display: (file: string) => string): CompileError | undefined {
  const seen = new Set<string>();
  const queue = [path];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    const error = syntaxErrorIn(source, file, display(file));
    if (error) return error;
    queue.push(...localImports(source, file));
  }
  return undefined;
}
