/**
 * The building blocks of the trainer, taken from the reference solutions or, with
 * `--use katas`, from the learner's own kata files: the dense layer, the sigmoid, BatchNorm and
 * the optimizers. Each comes from `<root>/<slug>/<file>` under the kata contract of DESIGN.md.
 *
 * Before a run, `checkParts` tries every block it needs on a tiny input, so a kata that is
 * missing, unsolved ("not implemented"), crashing or returning the wrong shape is named up
 * front with the command that helps, instead of failing in the middle of an epoch.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fromRows, matrix, shapeOf, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import type * as AdamModule from '../adam/adam.ts';
import type * as BatchnormModule from '../batchnorm-backward/batchnorm.ts';
import type * as DenseModule from '../dense-backward/dense.ts';
import type * as MomentumModule from '../momentum/momentum.ts';
import type * as SigmoidModule from '../sigmoid-derivative/sigmoid.ts';
import type { NetworkConfig, OptimizerName, TrainConfig } from './config.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the blocks come from: the reference solutions, or the learner's katas. */
export type Source = 'reference' | 'katas';

/** Which folders hold the blocks: `solutions/` and `katas/` of this repository by default. */
export interface PartsLocation {
  source: Source;
  /** The folder holding `<slug>/<file>` for every kata. */
  root: string;
}

export function defaultLocation(source: Source): PartsLocation {
  return { source, root: join(repoRoot, source === 'reference' ? 'solutions' : 'katas') };
}

/** The katas a trainer can be built from, by the role they play. */
export const KATA_FILES = {
  dense: { slug: 'dense-backward', file: 'dense.ts', exports: ['denseForward', 'denseBackward'] },
  sigmoid: { slug: 'sigmoid-derivative', file: 'sigmoid.ts', exports: ['sigmoid', 'sigmoidDerivativeFromOutput'] },
  batchnorm: { slug: 'batchnorm-backward', file: 'batchnorm.ts', exports: ['batchnormForward', 'batchnormBackward'] },
  momentum: { slug: 'momentum', file: 'momentum.ts', exports: ['SGDMomentum'] },
  adam: { slug: 'adam', file: 'adam.ts', exports: ['Adam'] },
} as const;
export type Role = keyof typeof KATA_FILES;

/**
 * The roles a configuration needs: the dense layer always, the rest as chosen; the optimizer
 * only for training ('forward': evaluating a saved model).
 */
export function rolesFor(config: NetworkConfig & Pick<TrainConfig, 'optimizer'>, purpose: 'train' | 'forward' = 'train'): Role[] {
  const roles: Role[] = ['dense'];
  if (config.activation === 'sigmoid') roles.push('sigmoid');
  if (config.batchnorm) roles.push('batchnorm');
  if (purpose === 'train') roles.push(config.optimizer === 'adam' ? 'adam' : 'momentum'); // plain SGD is momentum 0
  return roles;
}

/**
 * Preallocated results for the dense layer, an optional extension of the kata contract: a
 * dense layer that supports it writes into these instead of allocating (and skips dx when it
 * is null, which the first layer never needs). One that ignores them returns fresh arrays, and
 * the trainer copies from those: both work.
 */
export interface DenseOutputs {
  dx: Matrix | null;
  dw: Matrix;
  db: Float64Array;
}

/** An optimizer as the trainer uses it. */
export interface Optimizer {
  step(params: readonly Param[], grads: readonly Param[]): void;
}

export interface OptimizerOptions {
  optimizer: OptimizerName;
  lr: number;
  momentum: number;
}

/** The blocks, typed by the kata contract. Missing roles are null. */
export interface Parts {
  location: PartsLocation;
  denseForward: (x: Matrix, w: Matrix, b: Float64Array, out?: Matrix) => { out: Matrix; cache: unknown };
  denseBackward: (
    dout: Matrix,
    cache: never,
    outputs?: DenseOutputs,
  ) => { dx: Matrix | null; dw: Matrix; db: Float64Array };
  sigmoid: typeof SigmoidModule.sigmoid | null;
  sigmoidDerivativeFromOutput: typeof SigmoidModule.sigmoidDerivativeFromOutput | null;
  batchnormForward: typeof BatchnormModule.batchnormForward | null;
  batchnormBackward: ((dout: Matrix, cache: never) => ReturnType<typeof BatchnormModule.batchnormBackward>) | null;
  createOptimizer: (options: OptimizerOptions) => Optimizer;
}

function modulePath(location: PartsLocation, role: Role): string {
  const { slug, file } = KATA_FILES[role];
  return join(location.root, slug, file);
}

/** A block that cannot be used, and why, in the learner's terms. */
export interface PartProblem {
  role: Role;
  slug: string;
  path: string;
  /** 'missing' | 'not solved' | 'broken': what the learner has to do differs. */
  kind: 'missing' | 'not solved' | 'broken';
  detail: string;
}

/** Thrown by `loadParts` when a block cannot be used; its message lists every problem. */
export class PartsError extends Error {
  constructor(
    readonly problems: PartProblem[],
    source: Source,
  ) {
    super(describeProblems(problems, source));
    this.name = 'PartsError';
  }
}

function describeProblems(problems: PartProblem[], source: Source): string {
  const lines = problems.map((p) => {
    const file = relative(process.cwd(), p.path) || p.path;
    if (p.kind === 'missing') return `  ✗ ${p.slug}: ${file} is missing`;
    if (p.kind === 'not solved') return `  ✗ ${p.slug} is not solved yet (${file}: ${p.detail})`;
    return `  ✗ ${p.slug} does not work yet (${file}: ${p.detail})`;
  });
  const slugs = problems.map((p) => p.slug);
  if (source === 'reference') {
    // Not the learner's doing: the repository itself is incomplete or damaged.
    return ['The reference solutions cannot be used:', ...lines, 'Restore them (git checkout solutions/) and try again.'].join('\n');
  }
  return [
    `Cannot train with your katas yet:`,
    ...lines,
    `Solve ${slugs.length === 1 ? 'it' : 'them'} first (npm run grade -- ${slugs.join(' ')}), or train with the reference solutions: npm run train`,
  ].join('\n');
}

const isNotImplemented = (error: unknown): boolean =>
  error instanceof Error && /^not implemented/i.test(error.message);

/**
 * Load the blocks a configuration needs. With `check` (the default), each is first tried on a
 * tiny input; every block that is missing, unsolved or broken is reported in one PartsError.
 * Workers load with check false: the main thread has checked already.
 */
export async function loadParts(
  config: NetworkConfig & Pick<TrainConfig, 'optimizer'>,
  location: PartsLocation,
  options: { check?: boolean; purpose?: 'train' | 'forward' } = {},
): Promise<Parts> {
  const problems: PartProblem[] = [];
  const modules = new Map<Role, Record<string, unknown>>();
  for (const role of rolesFor(config, options.purpose)) {
    const path = modulePath(location, role);
    const problem = (kind: PartProblem['kind'], detail: string): void => {
      problems.push({ role, slug: KATA_FILES[role].slug, path, kind, detail });
    };
    if (!existsSync(path)) {
      problem('missing', '');
      continue;
    }
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (error) {
      problem('broken', `cannot be loaded: ${firstLine(error)}`);
      continue;
    }
    const absent = KATA_FILES[role].exports.filter((name) => typeof module[name] !== 'function');
    if (absent.length > 0) problem('broken', `it does not export ${absent.join(' and ')}`);
    else modules.set(role, module);
  }

  const parts = assemble(location, modules);
  if (options.check ?? true) {
    for (const role of modules.keys()) {
      const path = modulePath(location, role);
      try {
        PROBES[role](parts);
      } catch (error) {
        const kind = isNotImplemented(error) ? 'not solved' : 'broken';
        const detail = isNotImplemented(error) ? `${firstLine(error)} is still the stub` : firstLine(error);
        problems.push({ role, slug: KATA_FILES[role].slug, path, kind, detail });
      }
    }
  }
  if (problems.length > 0) {
    // In the order the network uses them (layer, activation, BatchNorm, optimizer), whatever the reason.
    const order = rolesFor(config, options.purpose);
    throw new PartsError(problems.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role)), location.source);
  }
  return parts;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function assemble(location: PartsLocation, modules: Map<Role, Record<string, unknown>>): Parts {
  const get = <T>(role: Role, name: string): T | null => (modules.get(role)?.[name] ?? null) as T | null;
  const SGDMomentum = get<typeof MomentumModule.SGDMomentum>('momentum', 'SGDMomentum');
  const Adam = get<typeof AdamModule.Adam>('adam', 'Adam');
  return {
    location,
    denseForward: get('dense', 'denseForward') as Parts['denseForward'],
    denseBackward: get('dense', 'denseBackward') as Parts['denseBackward'],
    sigmoid: get('sigmoid', 'sigmoid'),
    sigmoidDerivativeFromOutput: get('sigmoid', 'sigmoidDerivativeFromOutput'),
    batchnormForward: get('batchnorm', 'batchnormForward'),
    batchnormBackward: get('batchnorm', 'batchnormBackward'),
    createOptimizer: ({ optimizer, lr, momentum }) => {
      if (optimizer === 'adam') return new (Adam as typeof AdamModule.Adam)({ lr });
      return new (SGDMomentum as typeof MomentumModule.SGDMomentum)({ lr, momentum: optimizer === 'sgd' ? 0 : momentum });
    },
  };
}

// ---------------------------------------------------------------------------------------
// Probes: each block on a tiny input, checked for the shape of what it returns. They prove
// the block runs, not that it is right: grading does that (npm run grade).
// ---------------------------------------------------------------------------------------

function expectShape(what: string, m: unknown, rows: number, cols: number): void {
  const ok = typeof m === 'object' && m !== null && (m as Matrix).rows === rows && (m as Matrix).cols === cols;
  if (!ok) {
    const got = typeof m === 'object' && m !== null && 'rows' in m ? shapeOf(m as Matrix) : String(m);
    throw new Error(`${what} should be ${rows}×${cols}, got ${got}`);
  }
}

function expectLength(what: string, v: unknown, length: number): void {
  if (!(v instanceof Float64Array) || v.length !== length) {
    throw new Error(`${what} should be a Float64Array of ${length} entries`);
  }
}

const PROBES: Record<Role, (parts: Parts) => void> = {
  dense(parts) {
    const x = fromRows([[1, -2, 0.5], [0, 3, -1]]);
    const w = fromRows([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]);
    const forward = parts.denseForward(x, w, Float64Array.of(0.01, -0.02));
    expectShape('denseForward(x 2×3, w 3×2, b).out', forward?.out, 2, 2);
    const grads = parts.denseBackward(fromRows([[1, 0], [0, 1]]), forward.cache as never);
    expectShape('denseBackward(...).dx', grads?.dx, 2, 3);
    expectShape('denseBackward(...).dw', grads.dw, 3, 2);
    expectLength('denseBackward(...).db', grads.db, 2);
  },
  sigmoid(parts) {
    const a = (parts.sigmoid as (z: number) => number)(0.5);
    const d = (parts.sigmoidDerivativeFromOutput as (a: number) => number)(a);
    if (!(a > 0.6 && a < 0.63 && d > 0.2 && d < 0.25)) throw new Error(`sigmoid(0.5) gave ${a} and its derivative ${d}`);
  },
  batchnorm(parts) {
    const x = fromRows([[1, 2], [3, -1], [0, 5]]);
    const state = { runningMean: new Float64Array(2), runningVar: Float64Array.of(1, 1) };
    const bnForward = parts.batchnormForward as typeof BatchnormModule.batchnormForward;
    const forward = bnForward(x, Float64Array.of(1, 1), Float64Array.of(0, 0), state, { mode: 'train' });
    expectShape('batchnormForward(x 3×2, ...).out', forward?.out, 3, 2);
    const grads = (parts.batchnormBackward as NonNullable<Parts['batchnormBackward']>)(matrix(3, 2), forward.cache as never);
    expectShape('batchnormBackward(...).dx', grads?.dx, 3, 2);
    expectLength('batchnormBackward(...).dgamma', grads.dgamma, 2);
  },
  momentum(parts) {
    probeOptimizer(parts, 'momentum');
  },
  adam(parts) {
    probeOptimizer(parts, 'adam');
  },
};

function probeOptimizer(parts: Parts, optimizer: OptimizerName): void {
  const p = Float64Array.of(1, -1);
  parts.createOptimizer({ optimizer, lr: 0.1, momentum: 0.9 }).step([p], [Float64Array.of(0.5, -0.5)]);
  if (!(p[0] < 1 && p[1] > -1)) throw new Error(`one step against the gradient should move [1, -1] toward 0, got [${p[0]}, ${p[1]}]`);
}
