/**
 * The pieces of the course's language lint (test/languages.test.ts): finding English prose
 * in a Chinese text, and finding the texts a source file would show a learner.
 */
import ts from 'typescript';

const CJK = /[\u3400-\u9fff]/;

/** Code, commands, paths and placeholders: what stays as it is in a Chinese text. */
function withoutCode(text: string): string {
  return text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^( {4}|\t).*$/gm, ' ') // indented code blocks
    .replace(/`[^`]*`/g, ' ')
    .replace(/\$\{[^}]*\}/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\bnpm (?:run )?[\w-]+(?: -s)?(?: --?[\w-]+(?:[ =][\w./-]+)?)*/g, ' ')
    .replace(/\b[\w.-]*[/\\][\w./\\-]*/g, ' ') // paths
    .replace(/\[[^\]]*\]\([^)]*\)/g, ' ');
}

// A word of prose: letters only, lower case after an optional capital (identifiers like
// denseBackward, Float64Array, BatchNorm1d or x_hat are not prose).
const WORD = /^[A-Za-z][a-z]*[,.;:!?]?$/;

/**
 * The first run of `minWords` or more English prose words, or undefined: "the learning rate is
 * wrong" is prose; "Adam", "ReLU′(0)", "torch.optim.SGD", "N×D" and code are not.
 */
export function englishProse(text: string, minWords = 4): string | undefined {
  for (const line of withoutCode(text).split(/\n/)) {
    const tokens = line.split(/[\s（）()，。：；、“”"'「」]+/);
    let run: string[] = [];
    for (const token of tokens) {
      if (WORD.test(token)) {
        run.push(token);
        if (run.length >= minWords && run.some((w) => w.length > 3 && w === w.toLowerCase())) return run.join(' ');
      } else if (token !== '') {
        run = [];
      }
    }
  }
  return undefined;
}

export function hasChinese(text: string): boolean {
  return CJK.test(text);
}

/** Placeholders of a template: `${a}`, `${fmt(b)}`, as written, sorted (duplicates kept once). */
export function placeholders(node: ts.Expression, source: ts.SourceFile): string[] {
  if (!ts.isTemplateExpression(node)) return [];
  return [...new Set(node.templateSpans.map((span) => span.expression.getText(source)))].sort();
}

/** The text of a string or template literal, placeholders as `${…}`; undefined for other expressions. */
export function literalText(node: ts.Node, source: ts.SourceFile): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => `\${${s.expression.getText(source)}}${s.literal.text}`).join('');
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalText(node.left, source);
    const right = literalText(node.right, source);
    if (left !== undefined || right !== undefined) return `${left ?? '${…}'}${right ?? '${…}'}`;
  }
  return undefined;
}

export interface SayCall {
  line: number;
  en: string;
  zh: string;
  enPlaceholders: string[];
  zhPlaceholders: string[];
}

export interface Literal {
  line: number;
  text: string;
}

/** A literal's concatenated template placeholders, for `a + b` chains as well as templates. */
function allPlaceholders(node: ts.Expression, source: ts.SourceFile): string[] {
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [...new Set([...allPlaceholders(node.left, source), ...allPlaceholders(node.right, source)])].sort();
  }
  if (ts.isTemplateExpression(node)) return placeholders(node, source);
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [];
  return [node.getText(source)];
}

/**
 * The `say(en, zh)` calls of a source file, and every other string it holds that reads as
 * English prose (an untranslated text), except on a line marked `// i18n-exempt: <why>`
 * (developer-facing texts: errors in the course's own files) or inside a catalogue's `en` side.
 */
export function scanSource(text: string, file: string): { says: SayCall[]; untranslated: Literal[] } {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const exempt = (line: number): boolean => /i18n-exempt/.test(lines[line] ?? '') || /i18n-exempt/.test(lines[line - 1] ?? '');
  const says: SayCall[] = [];
  const untranslated: Literal[] = [];
  const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const visit = (node: ts.Node, inside: 'say-en' | 'catalogue-en' | 'import' | undefined): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'say') {
      const [en, zh] = node.arguments;
      says.push({
        line: lineOf(node) + 1,
        en: (en && literalText(en, source)) ?? '',
        zh: (zh && literalText(zh, source)) ?? '',
        enPlaceholders: en ? allPlaceholders(en, source) : [],
        zhPlaceholders: zh ? allPlaceholders(zh, source) : [],
      });
      // Placeholders may hold say() calls of their own.
      for (const arg of node.arguments) ts.forEachChild(arg, (child) => visit(child, 'say-en'));
      return;
    }
    if (ts.isPropertyAssignment(node) && /^(en|'en')$/.test(node.name.getText(source))) {
      ts.forEachChild(node, (child) => visit(child, 'catalogue-en'));
      return;
    }
    const isLiteral = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
    if (isLiteral && inside === undefined) {
      const literal = literalText(node, source) ?? '';
      const line = lineOf(node);
      if (!exempt(line) && englishProse(literal, 3)) untranslated.push({ line: line + 1, text: literal });
    }
    if (ts.isTemplateExpression(node)) {
      for (const span of node.templateSpans) visit(span.expression, undefined);
      return;
    }
    ts.forEachChild(node, (child) => visit(child, inside));
  };
  visit(source, undefined);
  return { says, untranslated };
}
