/**
 * Reset never loses the learner's work, and puts back the stub exactly as the course ships it
 * (the course lock's original), whatever the learner committed since.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { backupFile, backupPathFor, lockedOriginal, resetToStub } from './backup.ts';
import type { Kata } from './manifest.ts';
import { originalText, repoPath } from './course-lock.ts';
import { loadKatas } from './manifest.ts';

const STUB = "export function forward(): number {\n  throw new Error('not implemented: forward()');\n}\n";
const WORK = STUB.replace("throw new Error('not implemented: forward()');", 'return 42;');

/** A kata in a scratch folder, with the learner's file and where backups go. */
function scratchKata(): { kata: Kata; backups: string } {
  const root = mkdtempSync(join(tmpdir(), 'kata-reset-'));
  mkdirSync(join(root, 'katas', 'k'), { recursive: true });
  writeFileSync(join(root, 'katas', 'k', 'k.ts'), STUB);
  return { kata: { slug: 'k', file: 'k.ts', stubPath: join(root, 'katas', 'k', 'k.ts') } as Kata, backups: join(root, '.backups') };
}
const original = () => ({ content: STUB });

const NOW = new Date(2025, 2, 1, 14, 5, 9);

test('the default original is the course lock\'s stub, and a file outside the course has none', () => {
  for (const kata of loadKatas()) {
    expect(lockedOriginal(kata)).toEqual({ content: originalText(repoPath(kata.stubPath)).text });
  }
  expect(lockedOriginal(scratchKata().kata)).toMatchObject({ error: expect.stringContaining('is not one of the course') });
});

describe('resetToStub', () => {
  test('keeps the learner\'s file as a backup, then restores the original stub', () => {
    const { kata, backups } = scratchKata();
    writeFileSync(kata.stubPath, WORK);

    const outcome = resetToStub(kata, { backupsDir: backups, now: NOW, original });

    const backup = join(backups, 'k', 'k.2025-03-01T14-05-09.ts');
    expect(outcome).toMatchObject({ kind: 'reset', backup });
    expect(readFileSync(backup, 'utf8')).toBe(WORK);
    expect(readFileSync(kata.stubPath, 'utf8')).toBe(STUB);

    // Nothing more to do: no second backup.
    expect(resetToStub(kata, { backupsDir: backups, now: NOW, original })).toEqual({ kind: 'unchanged' });
    expect(readdirSync(join(backups, 'k'))).toEqual(['k.2025-03-01T14-05-09.ts']);
  });

  test('two resets in the same second keep both backups', () => {
    const { kata, backups } = scratchKata();
    writeFileSync(kata.stubPath, WORK);
    resetToStub(kata, { backupsDir: backups, now: NOW, original });
    writeFileSync(kata.stubPath, `${WORK}// second try\n`);
    const second = resetToStub(kata, { backupsDir: backups, now: NOW, original });
    expect(second).toMatchObject({ backup: join(backups, 'k', 'k.2025-03-01T14-05-09-2.ts') });
    expect(readFileSync(join(backups, 'k', 'k.2025-03-01T14-05-09-2.ts'), 'utf8')).toContain('second try');
  });

  test('a deleted file is simply restored', () => {
    const { kata, backups } = scratchKata();
    rmSync(kata.stubPath);
    expect(resetToStub(kata, { backupsDir: backups, now: NOW, original })).toMatchObject({ kind: 'reset', backup: undefined });
    expect(readFileSync(kata.stubPath, 'utf8')).toBe(STUB);
  });

  test('without an original to restore, nothing is touched', () => {
    const { kata, backups } = scratchKata();
    writeFileSync(kata.stubPath, WORK);
    const outcome = resetToStub(kata, { backupsDir: backups, now: NOW, original: () => ({ error: 'no git' }) });
    expect(outcome).toEqual({ kind: 'no-original', reason: 'no git' });
    expect(readFileSync(kata.stubPath, 'utf8')).toBe(WORK);
    expect(existsSync(backups)).toBe(false);
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
