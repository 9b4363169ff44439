/**
 * Bug hunts (`npm run hunt`): "what's wrong with this code?". A drill is working-looking code
 * with one planted bug, taken from a catalogued mistake of a kata (solutions/<slug>/mistakes/).
 *
 * A catalogue file is not readable on its own: it imports the reference and replaces one
 * function (or, for the optimizers, one method of a subclass), and it says what the mistake is.
 * So a drill is built by splicing: the reference file, complete and documented, with the
 * mistake's declarations put in place of the reference's own (a function for a function, a
 * method for a method of the same class). The mistake's title, explanation and its own comments
 * above declarations are left out. Where the mistake calls the reference's version of what it
 * replaces, that version stays in the drill under a neutral name (`baseDenseBackward`), as a
 * colleague's code would keep a helper.
 *
 * A mistake built from a shared `_helper.ts`, a `super` call or a computed export cannot be
 * spliced faithfully. Such a mistake writes its drill out instead, at the end of its file:
 *
 *     export const drill = { replace: [['<exact text of the reference>', '<planted text>'], …] };
 *
 * applied in order to the reference's text (each text must occur exactly once in the text as
 * patched so far). test/hunt-drills.test.ts proves every drill is its mistake: the patched
 * file fails the kata's checks and the grader names that mistake first. A mistake with neither
 * is not offered (its `UnsupportedDrill` reason says why); the tests allow none.
 *
 * The planted lines are the drill's lines that differ from the reference (imports aside).
 * Everything here is pure but for reading the two files.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { diffLines } from 'diff';
import ts from 'typescript';
import type { Kata } from './manifest.ts';
import { mistakeFiles } from './mistakes.ts';
import { repoRoot } from './paths.ts';
import type { HuntRecord, Progress } from './progress.ts';

export type { HuntRecord };

export interface DrillSource {
  kata: Kata;
  /** The mistake's id: its file name without `.ts`. */
  id: string;
  /** The mistake file. */
  path: string;
}

export interface Drill extends DrillSource {
  /** The drill as the learner gets it, with imports that resolve from `dir`. */
  text: string;
  /** 1-based line numbers of `text` that differ from the reference: where the bug was planted. */
  planted: number[];
  /** The reference as it would read from `dir` (the drill fixed). */
  reference: string;
}

/** Every catalogued mistake of the given katas, in course order. */
export function listDrills(katas: readonly Kata[]): DrillSource[] {
  return katas.flatMap((kata) => mistakeFiles(kata).map((file) => ({ kata, id: file.id, path: file.path })));
}

/** Where a kata's drill is written: beside the learner's file, so imports read the same; git ignores it. */
export const huntPath = (kata: Kata): string => join(kata.dir, 'hunt.ts');

// ---------------------------------------------------------------------------------------------
// Choosing a drill


/**
 * One drill, chosen with `rng`: among the drills of solved katas when there are any (a hunt is
 * review), never the drill of the last hunt when there is another.
 */
export function chooseDrill(drills: readonly DrillSource[], progress: Progress, rng: () => number): DrillSource | undefined {
  const last = progress.hunts?.at(-1);
  const fresh = drills.filter((d) => !(last && d.kata.slug === last.slug && d.id === last.drill));
  const pool0 = fresh.length > 0 ? fresh : drills;
  const solved = pool0.filter((d) => progress.katas[d.kata.slug]?.state === 'solved');
  const pool = solved.length > 0 ? solved : pool0;
  if (pool.length === 0) return undefined;
  return pool[Math.min(pool.length - 1, Math.floor(rng() * pool.length))];
}

// ---------------------------------------------------------------------------------------------
// Building a drill

/** Thrown when a mistake cannot be spliced into a readable drill. */
export class UnsupportedDrill extends Error {
  override name = 'UnsupportedDrill';
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

const parse = (path: string, text: string): ts.SourceFile => ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/** An import's target as seen from `toDir`; the solutions' toolkit forwarders read as katas/lib. */
function rewriteSpecifier(specifier: string, fromDir: string, toDir: string): string {
  if (!specifier.startsWith('.')) return specifier;
  let target = resolve(fromDir, specifier);
  const solutionsLib = join(repoRoot, 'solutions', 'lib') + sep;
  if (target.startsWith(solutionsLib)) target = join(repoRoot, 'katas', 'lib', target.slice(solutionsLib.length));
  const rel = relative(toDir, target).split(sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}

function rewriteImports(text: string, path: string, toDir: string): string {
  const file = parse(path, text);
  const edits: Edit[] = [];
  for (const st of file.statements) {
    const spec = (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) ? st.moduleSpecifier : undefined;
    if (spec && ts.isStringLiteral(spec)) {
      edits.push({ start: spec.getStart(), end: spec.end, text: `'${rewriteSpecifier(spec.text, dirname(path), toDir)}'` });
    }
  }
  return applyEdits(text, edits);
}

const declName = (st: ts.Statement): string | undefined =>
  (ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name
    ? st.name.text
    : ts.isVariableStatement(st) && st.declarationList.declarations.length === 1 && ts.isIdentifier(st.declarationList.declarations[0].name)
      ? st.declarationList.declarations[0].name.text
      : undefined;

const isExported = (st: ts.Statement): boolean =>
  ts.canHaveModifiers(st) && (ts.getModifiers(st) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

const memberName = (m: ts.ClassElement): string | undefined =>
  m.name && (ts.isIdentifier(m.name) || ts.isPrivateIdentifier(m.name)) ? m.name.text : ts.isConstructorDeclaration(m) ? 'constructor' : undefined;

/** A declaration's own text, without the comments above it (they may name the mistake). */
const ownText = (node: ts.Node, file: ts.SourceFile): string => file.text.slice(node.getStart(file), node.end);

/** Without the line comments that point at the mistake (`// the mistake: …`): they would give the answer away. */
const withoutTelltales = (text: string): string => text.replace(/[ \t]*\/\/[^\n]*\bmistake\b[^\n]*/gi, '');

/** Drop `override` (the spliced method now belongs to the class itself). */
const withoutOverride = (text: string): string => text.replace(/^((?:(?:public|protected|private|static|readonly)\s+)*)override\s+/, '$1');

/**
 * The drill of one mistake, written to be read from `dir` (the folder of the scratch file).
 * Throws UnsupportedDrill when the mistake cannot be spliced into the reference faithfully.
 */
export function buildDrill(source: DrillSource, dir: string = source.kata.dir): Drill {
  const referencePath = source.kata.solutionPath;
  const refText = readFileSync(referencePath, 'utf8');
  const mistakeText = readFileSync(source.path, 'utf8');
  const mis = parse(source.path, mistakeText);
  const patch = drillPatch(mis);
  const spliced = patch ? applyPatch(refText, patch) : splice(source, referencePath, refText, mis, dir);
  const text = rewriteImports(spliced, referencePath, dir);
  const reference = rewriteImports(refText, referencePath, dir);
  return { ...source, text, reference, planted: plantedLines(reference, text) };
}

/** A mistake's own drill: `export const drill = { replace: [[from, to], …] }`. */
export interface DrillPatch {
  replace: [from: string, to: string][];
}

/** The value of a string written as literals joined by `+`, else undefined. */
function literalString(node: ts.Expression): string | undefined {
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = literalString(node.left);
    const right = literalString(node.right);
    return left === undefined || right === undefined ? undefined : left + right;
  }
  return undefined;
}

/** The `drill` a mistake file exports, read from its text (the file is not run). */
export function drillPatch(mis: ts.SourceFile): DrillPatch | undefined {
  for (const st of mis.statements) {
    if (!ts.isVariableStatement(st) || declName(st) !== 'drill' || !isExported(st)) continue;
    let init = st.declarationList.declarations[0].initializer;
    while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
    const bad = (): never => {
      throw new UnsupportedDrill('its drill is not { replace: [[text, text], …] } written with string literals'); // i18n-exempt: course authors' error
    };
    if (!init || !ts.isObjectLiteralExpression(init)) return bad();
    const prop = init.properties.find((p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'replace');
    if (!prop || !ts.isPropertyAssignment(prop) || !ts.isArrayLiteralExpression(prop.initializer)) return bad();
    const replace: [string, string][] = [];
    for (const pair of prop.initializer.elements) {
      if (!ts.isArrayLiteralExpression(pair) || pair.elements.length !== 2) return bad();
      const from = literalString(pair.elements[0]);
      const to = literalString(pair.elements[1]);
      if (from === undefined || to === undefined || from === '') return bad();
      replace.push([from, to]);
    }
    if (replace.length === 0) return bad();
    return { replace };
  }
  return undefined;
}

/** The reference with the patch applied: each text must occur exactly once in the text patched so far. */
export function applyPatch(refText: string, patch: DrillPatch): string {
  let text = refText;
  for (const [from, to] of patch.replace) {
    const at = text.indexOf(from);
    const short = JSON.stringify(from.length > 60 ? `${from.slice(0, 60)}…` : from);
    if (at < 0) throw new UnsupportedDrill(`its drill's text ${short} is not in the reference`); // i18n-exempt: course authors' error
    if (text.indexOf(from, at + 1) >= 0) throw new UnsupportedDrill(`its drill's text ${short} occurs more than once in the reference`); // i18n-exempt: course authors' error
    text = text.slice(0, at) + to + text.slice(at + from.length);
  }
  return text;
}

/** The reference with the mistake's declarations put in place of its own: the drill's text before imports are rewritten. */
function splice(source: DrillSource, referencePath: string, refText: string, mis: ts.SourceFile, dir: string): string {
  const ref = parse(referencePath, refText);
  const mistakeDir = dirname(source.path);
  const isReference = (spec: string): boolean => resolve(mistakeDir, spec) === referencePath;

  /** Local names the mistake gives to the reference's declarations: alias → the reference's name. */
  const aliases = new Map<string, string>();
  const extraImports: string[] = [];
  const refImported = new Set<string>();
  for (const st of ref.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings && ts.isNamedImports(st.importClause.namedBindings)) {
      for (const el of st.importClause.namedBindings.elements) refImported.add(el.name.text);
    }
  }
  const refDecls = new Map<string, ts.Statement>();
  for (const st of ref.statements) {
    const name = declName(st);
    if (name) refDecls.set(name, st);
  }

  const helpers: string[] = [];
  const edits: Edit[] = [];
  const keptAs = new Map<string, string>(); // reference name → neutral name it is kept under
  for (const st of mis.statements) {
    if (ts.isImportDeclaration(st)) {
      const spec = (st.moduleSpecifier as ts.StringLiteral).text;
      if (spec.endsWith('grader/core/mistakes.ts')) continue;
      if (/(^|\/)_[^/]*$/.test(spec)) throw new UnsupportedDrill(`it is built from the shared helper ${spec}`); // i18n-exempt: why a mistake is no drill, for course authors
      const bindings = st.importClause?.namedBindings;
      if (!bindings || !ts.isNamedImports(bindings) || st.importClause?.name) throw new UnsupportedDrill(`its import from ${spec} is not a list of names`); // i18n-exempt: why a mistake is no drill, for course authors
      if (isReference(spec)) {
        for (const el of bindings.elements) {
          const original = (el.propertyName ?? el.name).text;
          if (el.name.text !== original) aliases.set(el.name.text, original);
        }
        continue;
      }
      const names = bindings.elements.filter((el) => !refImported.has(el.name.text)).map((el) => el.getText(mis));
      if (names.length > 0) {
        const typeOnly = st.importClause?.isTypeOnly ? 'type ' : '';
        extraImports.push(`import ${typeOnly}{ ${names.join(', ')} } from '${rewriteSpecifier(spec, mistakeDir, dir)}';`);
      }
      continue;
    }
    if (ts.isExportDeclaration(st)) {
      const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      if (spec && isReference(spec)) continue; // the reference exports them already
      throw new UnsupportedDrill('it re-exports from somewhere other than the reference'); // i18n-exempt: why a mistake is no drill, for course authors
    }
    const name = declName(st);
    if (name === 'mistake' || name === 'drill') continue;
    if (!name) throw new UnsupportedDrill('it has a top-level statement that is not a declaration'); // i18n-exempt: why a mistake is no drill, for course authors
    const text = ownText(st, mis);
    if (/\bsuper\b/.test(text) && !ts.isClassDeclaration(st)) throw new UnsupportedDrill(`${name} calls super`);
    const target = refDecls.get(name);
    if (!isExported(st) || !target) {
      if (target) throw new UnsupportedDrill(`${name} shadows a declaration of the reference`); // i18n-exempt: why a mistake is no drill, for course authors
      helpers.push(text);
      continue;
    }
    if (ts.isClassDeclaration(st) && ts.isClassDeclaration(target)) {
      // A subclass of the reference that overrides members: the members go into the reference's class.
      const base = st.heritageClauses?.[0]?.types[0]?.expression.getText(mis);
      if (!base || aliases.get(base) !== name) throw new UnsupportedDrill(`class ${name} does not extend the reference's ${name}`); // i18n-exempt: why a mistake is no drill, for course authors
      for (const member of st.members) {
        const mName = memberName(member);
        const mText = ownText(member, mis);
        if (!mName || /\bsuper\b/.test(mText)) throw new UnsupportedDrill(`${name}.${mName ?? '?'} calls super or has no plain name`); // i18n-exempt: why a mistake is no drill, for course authors
        const same = target.members.find((m) => memberName(m) === mName && m.kind === member.kind);
        if (same) edits.push({ start: same.getStart(ref), end: same.end, text: withoutOverride(mText) });
        else {
          const close = target.end - 1; // the class's closing brace
          edits.push({ start: close, end: close, text: `  ${withoutOverride(mText)}\n` });
        }
      }
      aliases.delete(base);
      continue;
    }
    if (!ts.isFunctionDeclaration(st) || !ts.isFunctionDeclaration(target)) throw new UnsupportedDrill(`${name} is not a function replacing a function`); // i18n-exempt: why a mistake is no drill, for course authors
    let replacement = text;
    for (const [alias, original] of aliases) {
      if (original === name && new RegExp(`\\b${alias}\\b`).test(text)) {
        const neutral = `base${name[0].toUpperCase()}${name.slice(1)}`;
        keptAs.set(name, neutral);
        replacement = replacement.replace(new RegExp(`\\b${alias}\\b`, 'g'), neutral);
      }
    }
    const kept = keptAs.get(name);
    const original = ownText(target, ref);
    // The reference's documentation stays above the function it documents; the kept version follows it.
    const keptText = kept ? `\n\n${original.replace(/^export\s+/, '').replace(new RegExp(`\\bfunction\\s+${name}\\b`), `function ${kept}`)}` : '';
    edits.push({ start: target.getStart(ref), end: target.end, text: replacement + keptText });
  }
  // Any other use of the reference under an alias would need the reference itself: not a standalone file.
  for (const [alias, original] of aliases) {
    if (keptAs.has(original)) continue;
    const used = mis.statements.some((st) => !ts.isImportDeclaration(st) && new RegExp(`\\b${alias}\\b`).test(ownText(st, mis)));
    if (used) throw new UnsupportedDrill(`it uses the reference's ${original} as ${alias}`); // i18n-exempt: why a mistake is no drill, for course authors
  }
  if (edits.length === 0) throw new UnsupportedDrill('it replaces nothing of the reference'); // i18n-exempt: why a mistake is no drill, for course authors
  if (helpers.length > 0) {
    // Helpers go before the first declaration the mistake replaces.
    const first = Math.min(...edits.map((e) => e.start));
    edits.push({ start: first, end: first, text: `${helpers.join('\n\n')}\n\n` });
  }
  let spliced = applyEdits(refText, edits.map((e) => ({ ...e, text: withoutTelltales(e.text) })));
  if (extraImports.length > 0) {
    const lastImport = [...ref.statements].reverse().find(ts.isImportDeclaration);
    const at = lastImport ? lastImport.end : 0;
    spliced = `${spliced.slice(0, at)}\n${extraImports.join('\n')}${spliced.slice(at)}`;
  }
  return spliced;
}

/** The drills of `sources` that can be built, and why the others cannot. */
export function buildableDrills(sources: readonly DrillSource[]): { drills: DrillSource[]; skipped: { source: DrillSource; reason: string }[] } {
  const drills: DrillSource[] = [];
  const skipped: { source: DrillSource; reason: string }[] = [];
  for (const source of sources) {
    try {
      buildDrill(source);
      drills.push(source);
    } catch (error) {
      if (!(error instanceof UnsupportedDrill)) throw error;
      skipped.push({ source, reason: error.message });
    }
  }
  return { drills, skipped };
}

// ---------------------------------------------------------------------------------------------
// Lines

const isImportLine = (line: string): boolean => /^\s*import\s/.test(line);

/** 1-based lines of `after` that are new or changed against `before` (blank lines and imports aside). */
export function changedLines(before: string, after: string): number[] {
  const lines: number[] = [];
  let line = 1;
  for (const part of diffLines(before, after)) {
    const count = part.count ?? part.value.split('\n').length - (part.value.endsWith('\n') ? 1 : 0);
    if (part.added) {
      const texts = part.value.split('\n');
      for (let i = 0; i < count; i++) if (texts[i].trim() !== '' && !isImportLine(texts[i])) lines.push(line + i);
    }
    if (!part.removed) line += count;
  }
  return lines;
}

/**
 * Where the bug was planted: the drill's lines that are new or changed against the reference.
 * A drill that only removes lines has none: then the line after each removal (where the
 * missing code belonged) is the planted line, as `touchedLines` counts an insertion.
 */
export function plantedLines(reference: string, drill: string): number[] {
  const changed = changedLines(reference, drill);
  if (changed.length > 0) return changed;
  const lines: number[] = [];
  let line = 1;
  const total = drill.split('\n').length;
  for (const part of diffLines(reference, drill)) {
    if (part.removed) lines.push(Math.min(line, total));
    else line += part.count ?? 0;
  }
  return lines;
}

/**
 * The lines of `given` (the drill as handed out) that the learner's `final` file changed or
 * removed, by line number of `given`; a line inserted between two lines counts for the line after.
 */
export function touchedLines(given: string, final: string): number[] {
  const touched = new Set<number>();
  let line = 1;
  const total = given.split('\n').length;
  let afterRemoval = false;
  for (const part of diffLines(given, final)) {
    const count = part.count ?? 0;
    if (part.removed) {
      for (let i = 0; i < count; i++) touched.add(line + i);
      line += count;
    } else if (part.added) {
      // Lines that replace removed ones are already counted; pure insertions count for the line after.
      if (!afterRemoval) touched.add(Math.min(line, total));
    } else line += count;
    afterRemoval = Boolean(part.removed);
  }
  return [...touched].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// The verdict

export interface HuntVerdict {
  passed: boolean;
  namedLine?: number;
  /** The named line is a planted line. */
  foundLine: boolean;
  /** The learner's changes touched a planted line. */
  fixedPlanted: boolean;
  /** The learner changed lines other than the planted ones (by line of the drill as given). */
  changedElsewhere: number[];
}

export function huntVerdict(drill: Pick<Drill, 'text' | 'planted'>, final: string, passed: boolean, namedLine: number | undefined): HuntVerdict {
  const touched = touchedLines(drill.text, final);
  const planted = new Set(drill.planted);
  return {
    passed,
    namedLine,
    foundLine: namedLine !== undefined && planted.has(namedLine),
    fixedPlanted: touched.some((l) => planted.has(l)),
    changedElsewhere: touched.filter((l) => !planted.has(l)),
  };
}

/** "12", "12–14", "3, 12–14": line numbers as ranges. */
export function lineRanges(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j] + 1) j++;
    out.push(i === j ? `${lines[i]}` : `${lines[i]}–${lines[j]}`);
    i = j;
  }
  return out.join(', ');
}

/** A line number as typed: a whole number within the file, else undefined. */
export function parseLineNumber(text: string | undefined, lineCount: number): number | undefined {
  const t = (text ?? '').trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n >= 1 && n <= lineCount ? n : undefined;
}
