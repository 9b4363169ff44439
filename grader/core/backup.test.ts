/**
 * Reset never loses the learner's work, and finds the original stub even after the learner
 * committed theirs. Each test builds a small git repository in a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { backupFile, backupPathFor, resetToStub } from './backup.ts';
import type { Kata } from './manifest.ts';
import { choosePristine, findPristineStub, stubThrows } from './pristine.ts';

const stub = (names: string[], doc = 'Kata k.'): string =>
  `/** ${doc} */\n` + names.map((n) => `export function ${n}(): number {\n  throw new Error('not implemented: ${n}()');\n}\n`).join('\n');
const STUB = stub(['forward', 'backward']);
const FIXED_STUB = stub(['forward', 'backward'], 'Kata k, with a clearer doc comment.');
const WORK = STUB.replace("throw new Error('not implemented: forward()');", 'return 42;');

function repo(): { root: string; kata: Kata; commit: (message: string) => void } {
  const root = mkdtempSync(join(tmpdir(), 'kata-repo-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', ...args], { stdio: 'pipe' });
  git('init', '-q');
  mkdirSync(join(root, 'katas', 'k'), { recursive: true });
  const kata = { slug: 'k', file: 'k.ts', stubPath: join(root, 'katas', 'k', 'k.ts') } as Kata;
  return { root, kata, commit: (message) => (git('add', '-A'), git('commit', '-q', '-m', message)) };
}

/** A repository where the course has committed the stub. */
function courseRepo(): ReturnType<typeof repo> & { backups: string } {
  const r = repo();
  writeFileSync(r.kata.stubPath, STUB);
  r.commit('course: add kata');
  return { ...r, backups: join(r.root, '.backups') };
}

const NOW = new Date(2025, 2, 1, 14, 5, 9);

describe('choosing the original stub among a file\'s versions', () => {
  const v = (commit: string, content: string) => ({ commit, content });
  test('counts "not implemented" throws', () => {
    expect(stubThrows(STUB)).toBe(2);
    expect(stubThrows(WORK)).toBe(1);
    expect(stubThrows('throw new Error(`not implemented: x`)')).toBe(1);
  });
  test('skips the learner\'s commits, which replace throws by code', () => {
    expect(choosePristine([v('learner', WORK), v('first', STUB)])?.commit).toBe('first');
  });
  test('takes the course\'s later fixes, which keep or add throws', () => {
    expect(choosePristine([v('learner', WORK), v('fix', FIXED_STUB), v('first', STUB)])?.commit).toBe('fix');
    expect(choosePristine([v('more', stub(['a', 'b', 'c'])), v('first', STUB)])?.commit).toBe('more');
  });
  test('finds nothing when the first version is not a stub', () => {
    expect(choosePristine([v('first', 'export const x = 1;\n')])).toBeUndefined();
    expect(choosePristine([])).toBeUndefined();
  });
});

describe('findPristineStub', () => {
  test('is the course\'s latest stub even when the learner committed their work', () => {
    const { root, kata, commit } = courseRepo();
    writeFileSync(kata.stubPath, FIXED_STUB);
    commit('course: clearer doc');
    writeFileSync(kata.stubPath, WORK);
    commit('learner: my forward');
    const found = findPristineStub(kata.stubPath, root);
    expect('found' in found && found.found.content).toBe(FIXED_STUB);
  });

  test('says why when the file was never committed, or there is no git repository', () => {
    const { root, kata } = repo();
    writeFileSync(kata.stubPath, STUB);
    expect(findPristineStub(kata.stubPath, root)).toEqual({ error: 'katas/k/k.ts is not in git history (it was never committed).' });
    const bare = mkdtempSync(join(tmpdir(), 'kata-nogit-'));
    expect(findPristineStub(join(bare, 'k.ts'), bare)).toEqual({
      error: 'the original of k.ts is read from git history, but this folder is not a git clone.',
    });
  });
});

describe('resetToStub', () => {
  test('keeps the learner\'s file as a backup, then restores the original stub', () => {
    const { root, kata, backups } = courseRepo();
    writeFileSync(kata.stubPath, WORK);

    const outcome = resetToStub(kata, { root, backupsDir: backups, now: NOW });

    const backup = join(backups, 'k', 'k.2025-03-01T14-05-09.ts');
    expect(outcome).toMatchObject({ kind: 'reset', backup });
    expect(readFileSync(backup, 'utf8')).toBe(WORK);
    expect(readFileSync(kata.stubPath, 'utf8')).toBe(STUB);

    // Nothing more to do: no second backup.
    expect(resetToStub(kata, { root, backupsDir: backups, now: NOW })).toEqual({ kind: 'unchanged' });
    expect(readdirSync(join(backups, 'k'))).toEqual(['k.2025-03-01T14-05-09.ts']);
  });

  test('two resets in the same second keep both backups', () => {
    const { root, kata, backups } = courseRepo();
    writeFileSync(kata.stubPath, WORK);
    resetToStub(kata, { root, backupsDir: backups, now: NOW });
    writeFileSync(kata.stubPath, `${WORK}// second try\n`);
    const second = resetToStub(kata, { root, backupsDir: backups, now: NOW });
    expect(second).toMatchObject({ backup: join(backups, 'k', 'k.2025-03-01T14-05-09-2.ts') });
    expect(readFileSync(join(backups, 'k', 'k.2025-03-01T14-05-09-2.ts'), 'utf8')).toContain('second try');
  });

  test('a deleted file is simply restored', () => {
    const { root, kata, backups } = courseRepo();
    rmSync(kata.stubPath);
    expect(resetToStub(kata, { root, backupsDir: backups, now: NOW })).toMatchObject({ kind: 'reset', backup: undefined });
    expect(readFileSync(kata.stubPath, 'utf8')).toBe(STUB);
  });

  test('without an original to restore, nothing is touched', () => {
    const { root, kata } = repo();
    writeFileSync(kata.stubPath, WORK);
    const outcome = resetToStub(kata, { root, backupsDir: join(root, '.backups'), now: NOW });
    expect(outcome.kind).toBe('no-original');
    expect(readFileSync(kata.stubPath, 'utf8')).toBe(WORK);
    expect(existsSync(join(root, '.backups'))).toBe(false);
  });
});

test('backup names: the file\'s stem, a sortable time, and a counter when taken', () => {
  const taken = new Set(['/b/k/dense.2025-03-01T14-05-09.ts', '/b/k/dense.2025-03-01T14-05-09-2.ts']);
  expect(backupPathFor('/b', 'k', '/x/dense.ts', NOW, (p) => taken.has(p))).toBe('/b/k/dense.2025-03-01T14-05-09-3.ts');
  const dir = mkdtempSync(join(tmpdir(), 'kata-backup-'));
  const file = join(dir, 'dense.ts');
  writeFileSync(file, 'mine');
  const first = backupFile(file, join(dir, 'backups'), 'k', NOW);
  const second = backupFile(file, join(dir, 'backups'), 'k', NOW);
  expect(first).not.toBe(second);
  expect(readFileSync(second, 'utf8')).toBe('mine');
});
