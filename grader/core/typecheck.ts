/**
 * Type errors in the graded file, as `tsc` reports them, found on a worker thread while the
 * grading child runs: the parent's main thread only posts a path and receives a few lines, so
 * a check adds no time to a grade that takes longer than it.
 *
 * The worker (typecheck-worker.mjs) keeps TypeScript's language service warm: in `npm run
 * watch` one checker serves every save, and a re-check re-parses only the changed file.
 * Only the graded file's own errors are reported; its imports (the toolkit, earlier katas)
 * are read for their types, not judged.
 */
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { language } from '../i18n/language.ts';
import { grading as m } from '../messages/grading.ts';
import { repoRoot } from './paths.ts';

/** One type (or syntax) error in the graded file, as an editor shows it. */
export interface TypeProblem {
  /** The file, relative to the root when inside it. */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** TypeScript's message on one line, e.g. `Type 'number' is not assignable to type 'string'.` */
  message: string;
  /** TypeScript's error code, e.g. 2322 (shown as TS2322). */
  code: number;
}

export type TypeCheckResult =
  /** The file was checked: its first problems by position (at most 5), and how many in all. */
  | { ok: true; problems: TypeProblem[]; total: number }
  /** The check could not be done (missing file, TypeScript failed, too slow): one line why. */
  | { ok: false; error: string };

export interface TypeChecker {
  /**
   * Type-check one file (absolute, or relative to the root). Never rejects. `timeoutMs`
   * overrides the checker's budget for this check.
   */
  check(file: string, options?: { timeoutMs?: number }): Promise<TypeCheckResult>;
  /** Stop the worker; checks still waiting answer `ok: false`. */
  close(): void;
}

export interface TypeCheckerOptions {
  /** Where tsconfig.json is, and what paths are shown relative to. Default: the repository. */
  root?: string;
  /** A check that takes longer answers `type check did not finish` and the worker is restarted. */
  timeoutMs?: number;
  /** Start the worker now (loading TypeScript) rather than on the first check. Default: true. */
  eager?: boolean;
}

export const DEFAULT_TYPECHECK_TIMEOUT_MS = 20_000;

const WORKER_FILE = new URL('./typecheck-worker.mjs', import.meta.url);

type Reply = { id: number } & TypeCheckResult;

interface Pending {
  finish: (result: TypeCheckResult) => void;
}

/**
 * A type checker with its own worker thread. The worker is started at once (unless `eager` is
 * false) so TypeScript loads while nothing is asked of it; it keeps the process alive only
 * while a check is waiting.
 */
export function createTypeChecker(options: TypeCheckerOptions = {}): TypeChecker {
  const root = resolve(options.root ?? repoRoot);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TYPECHECK_TIMEOUT_MS;
  const pending = new Map<number, Pending>();
  let worker: Worker | undefined;
  let nextId = 1;
  let closed = false;

  /** Answer every waiting check with `error`, and forget the worker (the next check starts one). */
  function failAll(error: string): void {
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) p.finish({ ok: false, error });
  }

  function stopWorker(): void {
    const w = worker;
    worker = undefined;
    if (w) {
      w.removeAllListeners();
      w.on('error', () => {}); // an error while terminating is of no interest now
      void w.terminate();
    }
  }

  function startWorker(): Worker {
    const w = new Worker(WORKER_FILE, { workerData: { root, locale: typescriptLocale() }, execArgv: [] });
    w.unref();
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      const { id: _id, ...result } = reply;
      p.finish(result as TypeCheckResult);
    });
    w.on('error', (error) => {
      if (worker !== w) return;
      stopWorker();
      failAll(m.typescriptFailed(firstLine(error)));
    });
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = undefined;
      failAll(m.checkerStopped(String(code)));
    });
    return w;
  }

  if (options.eager !== false) worker = startWorker();

  return {
    check(file: string, checkOptions: { timeoutMs?: number } = {}): Promise<TypeCheckResult> {
      const budgetMs = checkOptions.timeoutMs ?? timeoutMs;
      if (closed) return Promise.resolve({ ok: false, error: m.checkerClosed });
      return new Promise((resolvePromise) => {
        let w: Worker;
        try {
          w = worker ??= startWorker();
        } catch (error) {
          resolvePromise({ ok: false, error: m.checkerCouldNotStart(firstLine(error)) });
          return;
        }
        const id = nextId++;
        const timer = setTimeout(() => {
          if (!pending.has(id)) return;
          pending.delete(id);
          finish({ ok: false, error: m.typeCheckTimedOut(duration(budgetMs)) });
          // The worker may be stuck in this check: stop it, and fail whatever queued behind it.
          if (worker === w) {
            stopWorker();
            failAll(m.typeCheckRestarted);
          }
        }, budgetMs);
        const finish = (result: TypeCheckResult): void => {
          clearTimeout(timer);
          if (pending.size === 0) worker?.unref();
          resolvePromise(result);
        };
        pending.set(id, { finish });
        // While a check waits, the worker keeps the process alive (as any pending I/O would).
        w.ref();
        w.postMessage({ id, file: resolve(root, file) });
      });
    },
    close(): void {
      closed = true;
      stopWorker();
      failAll(m.checkerClosed);
    },
  };
}

/** TypeScript's own locale for its messages in the learner's language (it ships zh-cn), or undefined for English. */
export function typescriptLocale(): string | undefined {
  return language() === 'zh-CN' ? 'zh-cn' : undefined;
}

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}
