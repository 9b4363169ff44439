// @ts-check
/**
 * The type checker's worker thread (started by typecheck.ts). It loads `typescript` once and
 * keeps a warm `ts.LanguageService`, so a re-check after a save re-parses only the files whose
 * text changed and reuses everything else (the standard library, @types/node, the toolkit).
 *
 * Plain JavaScript on purpose: a worker thread cannot rely on the `tsx` loader (Node 20 does
 * not apply a worker's `--import tsx` hooks to the worker's own entry file), and plain
 * JavaScript starts without a transpiler on any supported Node.
 *
 * Protocol (see typecheck.ts):
 *   in  workerData: { root: string, locale?: string }   (TypeScript's locale, e.g. zh-cn)
 *   in  message:    { id: number, file: string }                  (absolute path)
 *   out message:    { id, ok: true, problems: TypeProblem[], total: number }
 *                 | { id, ok: false, error: string }
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';

// `require`, not `import`: importing CommonJS from ESM first scans the whole 9 MB file for its
// export names, which costs about 200 ms of CPU on every cold start.
/** @type {typeof import('typescript')} */
const ts = createRequire(import.meta.url)('typescript');

/** At most this many problems are sent back, the first by position. */
const MAX_PROBLEMS = 5;

/** @type {{ root: string, locale?: string }} */
const { root, locale } = workerData;
// TypeScript ships its messages in Chinese: a learner reading Chinese reads tsc's errors in Chinese too.
if (locale) ts.validateLocaleAndSetLanguage(locale, ts.sys);

/** The compiler options of the project's tsconfig.json, or why they could not be read. */
function loadOptions() {
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  if (!configPath) return { error: `no tsconfig.json found from ${root}` };
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) return { error: `tsconfig.json: ${oneLine(read.error.messageText)}` };
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, resolve(configPath, '..'), undefined, configPath);
  const fatal = parsed.errors.find((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
  if (fatal) return { error: `tsconfig.json: ${oneLine(fatal.messageText)}` };
  return { options: parsed.options };
}

/** @param {string | ts.DiagnosticMessageChain} text */
function oneLine(text) {
  return ts.flattenDiagnosticMessageText(text, ' ').replace(/\s+/g, ' ').trim();
}

/** Paths inside the root are shown relative to it, others in full (as paths.ts does). */
/** @param {string} file */
function display(file) {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}

/**
 * What the language service knows of each file: its text and a version that changes when the
 * text does. Files are re-read once per check (`generation`), except under node_modules
 * (the standard library, @types/node), which are read once: they do not change while the
 * grader runs. Keying the version on content, not mtime, cannot miss two saves within the
 * file system's mtime resolution.
 *
 * @typedef {{ text: string | undefined, snapshot: ts.IScriptSnapshot | undefined, version: number, seen: number, fixed: boolean }} Entry
 */
/** @type {Map<string, Entry>} */
const files = new Map();
let generation = 0;

/** @param {string} fileName */
function readText(fileName) {
  try {
    return readFileSync(fileName, 'utf8');
  } catch {
    return undefined;
  }
}

/** @param {string} fileName @returns {Entry} */
function entry(fileName) {
  let e = files.get(fileName);
  if (e && (e.fixed || e.seen === generation)) return e;
  const text = readText(fileName);
  if (!e) {
    const fixed = fileName.includes('/node_modules/');
    e = { text, snapshot: undefined, version: 0, seen: generation, fixed };
    files.set(fileName, e);
  } else {
    e.seen = generation;
    if (e.text === text) return e;
    e.text = text;
    e.snapshot = undefined;
    e.version++;
  }
  if (text !== undefined) e.snapshot = ts.ScriptSnapshot.fromString(text);
  return e;
}

const loaded = loadOptions();
/** The one root file of the program: the file being checked. Its imports are followed. */
/** @type {string[]} */
let rootFiles = [];

/** @type {ts.LanguageServiceHost} */
const host = {
  getCompilationSettings: () => loaded.options ?? {},
  getScriptFileNames: () => rootFiles,
  getScriptVersion: (fileName) => String(entry(fileName).version),
  getScriptSnapshot: (fileName) => entry(fileName).snapshot,
  getCurrentDirectory: () => root,
  getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
  fileExists: (fileName) => (files.has(fileName) ? entry(fileName).text !== undefined : ts.sys.fileExists(fileName)),
  readFile: (fileName) => (files.has(fileName) ? entry(fileName).text : ts.sys.readFile(fileName)),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
  realpath: ts.sys.realpath,
  useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry(ts.sys.useCaseSensitiveFileNames, root));

/**
 * The diagnostics located in `file` itself, as tsc reports them: its syntax errors if it has
 * any, else its type errors (which need its imports, resolved and checked for their types,
 * but whose own errors are not reported).
 *
 * @param {string} file absolute path
 */
function check(file) {
  if (loaded.error) return { ok: false, error: loaded.error };
  if (readText(file) === undefined) return { ok: false, error: `cannot read ${display(file)}` };
  generation++;
  rootFiles = [file];
  const errorsIn = (/** @type {readonly ts.Diagnostic[]} */ list) =>
    list.filter(
      (d) => d.category === ts.DiagnosticCategory.Error && d.file !== undefined && d.start !== undefined && resolve(d.file.fileName) === file,
    );
  let found = errorsIn(service.getSyntacticDiagnostics(file));
  if (found.length === 0) found = errorsIn(service.getSemanticDiagnostics(file));
  found.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
  const problems = found.slice(0, MAX_PROBLEMS).map((d) => {
    const position = /** @type {ts.SourceFile} */ (d.file).getLineAndCharacterOfPosition(/** @type {number} */ (d.start));
    return { file: display(file), line: position.line + 1, column: position.character + 1, message: oneLine(d.messageText), code: d.code };
  });
  return { ok: true, problems, total: found.length };
}

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);
port.on('message', (/** @type {{ id: number, file: string }} */ { id, file }) => {
  let reply;
  try {
    reply = { id, ...check(resolve(root, file)) };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    reply = { id, ok: false, error: `TypeScript failed: ${text.split('\n')[0]}` };
  }
  port.postMessage(reply);
});
