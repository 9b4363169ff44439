/**
 * The building blocks of the trainer, taken from the reference solutions or, with
 * `--use katas`, from the learner's own kata files: the dense layer, the sigmoid, BatchNorm and
 * the optimizers. Which file holds a block and what it exports come from the course manifest
 * (grader/core/manifest.ts); this module only knows which kata plays which role.
 *
 * Before a run, `loadParts` tries every block it needs on a tiny input, so a kata that is
 * missing, unsolved ("not implemented"), crashing or returning the wrong shape is named up
 * front with the command that helps, instead of failing in the middle of an epoch.
 */
import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findKata, loadKatas, type Kata } from '../../grader/core/manifest.ts';
import { trainText as text } from '../../grader/messages/train.ts';
import { fromRows, matrix, shapeOf, type Matrix, type Param } from '../../katas/lib/matrix.ts';
import type { BatchNormOptions, BatchNormState } from '../batchnorm-backward/batchnorm.ts';
import type { NetworkConfig, OptimizerName, TrainConfig } from './config.ts';

/** Where the blocks come from: the reference solutions, or the learner's katas. */
export type Source = 'reference' | 'katas';

export interface PartsLocation {
  source: Source;
  /**
   * A folder holding `<slug>/<file>` for every kata, in place of the files the manifest names
   * (the learner's stubs or the references). For tests that build a katas folder of their own.
   */
  root?: string;
}

export function defaultLocation(source: Source): PartsLocation {
  return { source };
}

/** The kata that plays each role. Its file and exports are the manifest's. */
export const ROLE_KATAS = {
  dense: 'dense-backward',
  sigmoid: 'sigmoid-derivative',
  batchnorm: 'batchnorm-backward',
  momentum: 'momentum',
  adam: 'adam',
} as const;
export type Role = keyof typeof ROLE_KATAS;

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

/** An optimizer as the trainer uses it (the momentum and adam katas' contract). */
export interface Optimizer {
  /**
   * The learning rate, public and writable like PyTorch's `param_groups[0]['lr']`: the trainer's
   * schedule sets it between epochs. Optional because a learner's class may keep it under
   * another name; the run then says that its learning rate stays fixed.
   */
  lr?: number;
  step(params: readonly Param[], grads: readonly Param[]): void;
}

export interface OptimizerOptions {
  optimizer: OptimizerName;
  lr: number;
  momentum: number;
}

/**
 * The blocks, typed by the kata contract (DESIGN.md). A cache is whatever the block's own
 * forward pass returned, handed back unopened to its backward pass. Missing roles are null.
 */
export interface Parts {
  denseForward(x: Matrix, w: Matrix, b: Float64Array): { out: Matrix; cache: unknown };
  denseBackward(dout: Matrix, cache: unknown): { dx: Matrix; dw: Matrix; db: Float64Array };
  sigmoid: ((z: number) => number) | null;
  sigmoidDerivativeFromOutput: ((a: number) => number) | null;
  batchnormForward:
    | ((x: Matrix, gamma: Float64Array, beta: Float64Array, state: BatchNormState, options: BatchNormOptions) => { out: Matrix; cache: unknown })
    | null;
  batchnormBackward: ((dout: Matrix, cache: unknown) => { dx: Matrix; dgamma: Float64Array; dbeta: Float64Array }) | null;
  createOptimizer(options: OptimizerOptions): Optimizer;
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
    if (p.kind === 'missing') return text.partMissing(p.slug, file);
    if (p.kind === 'not solved') return text.partNotSolved(p.slug, file, p.detail);
    return text.partBroken(p.slug, file, p.detail);
  });
  const slugs = problems.map((p) => p.slug);
  if (source === 'reference') {
    // Not the learner's doing: the repository itself is incomplete or damaged.
    return [text.referenceUnusable, ...lines, text.restoreReference].join('\n');
  }
  return [text.katasNotReady, ...lines, text.solveFirst(slugs.length, slugs.join(' '))].join('\n');
}

const isNotImplemented = (error: unknown): boolean => error instanceof Error && /^not implemented/i.test(error.message);

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

/** The manifest's entry for a role's kata (a missing entry is the repository's fault). */
function kataFor(katas: readonly Kata[], role: Role): Kata {
  const found = findKata(katas, ROLE_KATAS[role]);
  if ('error' in found) throw new Error(text.noKataForRole(ROLE_KATAS[role], role));
  return found.kata;
}

/** The file a role's block is read from. */
function blockPath(kata: Kata, location: PartsLocation): string {
  if (location.root !== undefined) return join(location.root, kata.slug, kata.file);
  return location.source === 'katas' ? kata.stubPath : kata.solutionPath;
}

/**
 * Load the blocks a configuration needs, then try each on a tiny input. Every block that is
 * missing, unsolved or broken is reported in one PartsError, in the order the network uses them.
 */
export async function loadParts(
  config: NetworkConfig & Pick<TrainConfig, 'optimizer'>,
  location: PartsLocation,
  purpose: 'train' | 'forward' = 'train',
): Promise<Parts> {
  const katas = loadKatas();
  const roles = rolesFor(config, purpose);
  const problems: PartProblem[] = [];
  const modules = new Map<Role, Record<string, unknown>>();
  for (const role of roles) {
    const kata = kataFor(katas, role);
    const path = blockPath(kata, location);
    const problem = (kind: PartProblem['kind'], detail: string): void => {
      problems.push({ role, slug: kata.slug, path, kind, detail });
    };
    if (!existsSync(path)) {
      problem('missing', '');
      continue;
    }
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
    } catch (error) {
      problem('broken', text.cannotLoad(firstLine(error)));
      continue;
    }
    const absent = kata.exports.filter((name) => typeof module[name] !== 'function');
    if (absent.length > 0) problem('broken', text.doesNotExport(absent.join(text.andSeparator)));
    else modules.set(role, module);
  }

  const parts = assemble(modules);
  for (const role of modules.keys()) {
    try {
      PROBES[role](parts);
    } catch (error) {
      const kata = kataFor(katas, role);
      const notSolved = isNotImplemented(error);
      problems.push({
        role,
        slug: kata.slug,
        path: blockPath(kata, location),
        kind: notSolved ? 'not solved' : 'broken',
        detail: notSolved ? text.stillTheStub(firstLine(error)) : firstLine(error),
      });
    }
  }
  if (problems.length > 0) {
    throw new PartsError(problems.sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role)), location.source);
  }
  return parts;
}

type OptimizerClass = new (options: { lr: number; momentum?: number }) => Optimizer;

/** The loaded modules as typed blocks: the one place where an untyped module meets the contract. */
function assemble(modules: Map<Role, Record<string, unknown>>): Parts {
  const get = <T>(role: Role, name: string): T | null => (modules.get(role)?.[name] ?? null) as T | null;
  const SGDMomentum = get<OptimizerClass>('momentum', 'SGDMomentum');
  const Adam = get<OptimizerClass>('adam', 'Adam');
  return {
    // The dense layer is always loaded (rolesFor), so these are never null.
    denseForward: get('dense', 'denseForward') as Parts['denseForward'],
    denseBackward: get('dense', 'denseBackward') as Parts['denseBackward'],
    sigmoid: get('sigmoid', 'sigmoid'),
    sigmoidDerivativeFromOutput: get('sigmoid', 'sigmoidDerivativeFromOutput'),
    batchnormForward: get('batchnorm', 'batchnormForward'),
    batchnormBackward: get('batchnorm', 'batchnormBackward'),
    createOptimizer: ({ optimizer, lr, momentum }) => {
      if (optimizer === 'adam') return new (Adam as OptimizerClass)({ lr });
      return new (SGDMomentum as OptimizerClass)({ lr, momentum: optimizer === 'sgd' ? 0 : momentum });
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
    throw new Error(text.shouldBeShape(what, rows, cols, got));
  }
}

function expectLength(what: string, v: unknown, length: number): void {
  if (!(v instanceof Float64Array) || v.length !== length) {
    throw new Error(text.shouldBeFloat64Array(what, length));
  }
}

function probeOptimizer(parts: Parts, optimizer: OptimizerName): void {
  const p = Float64Array.of(1, -1);
  parts.createOptimizer({ optimizer, lr: 0.1, momentum: 0.9 }).step([p], [Float64Array.of(0.5, -0.5)]);
  if (!(p[0] < 1 && p[1] > -1)) throw new Error(text.stepShouldMove(p[0], p[1]));
}

const PROBES: Record<Role, (parts: Parts) => void> = {
  dense(parts) {
    const x = fromRows([[1, -2, 0.5], [0, 3, -1]]);
    const w = fromRows([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]]);
    const forward = parts.denseForward(x, w, Float64Array.of(0.01, -0.02));
    expectShape('denseForward(x 2×3, w 3×2, b).out', forward?.out, 2, 2);
    const grads = parts.denseBackward(fromRows([[1, 0], [0, 1]]), forward.cache);
    expectShape('denseBackward(...).dx', grads?.dx, 2, 3);
    expectShape('denseBackward(...).dw', grads.dw, 3, 2);
    expectLength('denseBackward(...).db', grads.db, 2);
  },
  sigmoid(parts) {
    const a = (parts.sigmoid as (z: number) => number)(0.5);
    const d = (parts.sigmoidDerivativeFromOutput as (a: number) => number)(a);
    if (!(a > 0.6 && a < 0.63 && d > 0.2 && d < 0.25)) throw new Error(text.sigmoidProbe(a, d));
  },
  batchnorm(parts) {
    const forwardBlock = parts.batchnormForward as NonNullable<Parts['batchnormForward']>;
    const backwardBlock = parts.batchnormBackward as NonNullable<Parts['batchnormBackward']>;
    const x = fromRows([[1, 2], [3, -1], [0, 5]]);
    const state = { runningMean: new Float64Array(2), runningVar: Float64Array.of(1, 1) };
    const forward = forwardBlock(x, Float64Array.of(1, 1), Float64Array.of(0, 0), state, { mode: 'train' });
    expectShape('batchnormForward(x 3×2, ...).out', forward?.out, 3, 2);
    const grads = backwardBlock(matrix(3, 2), forward.cache);
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
