import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { emptyProgress, recordHints } from './progress.ts';
import { backupsDir, fileStamp, loadProgress, progressPath, saveProgress, STATE_DIR_ENV, updateProgress } from './progress-store.ts';
import { repoRoot } from './paths.ts';

const folder = (): string => mkdtempSync(join(tmpdir(), 'kata-progress-'));
const collect = () => {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => warnings.push(m) };
};

test('the state lives at the repository root unless KATAS_STATE_DIR moves it', () => {
  expect(progressPath({})).toBe(join(repoRoot, '.progress.json'));
  expect(backupsDir({})).toBe(join(repoRoot, '.backups'));
  expect(progressPath({ [STATE_DIR_ENV]: '/tmp/x' })).toBe('/tmp/x/.progress.json');
});

test('no progress file yet: empty progress, no warning', () => {
  const { warnings, warn } = collect();
  expect(loadProgress(join(folder(), '.progress.json'), warn)).toEqual(emptyProgress());
  expect(warnings).toEqual([]);
});

test('saved progress is read back, and no temporary file is left behind', () => {
  const dir = folder();
  const path = join(dir, '.progress.json');
  const { warnings, warn } = collect();
  updateProgress(path, (p) => recordHints(p, 'sigmoid-derivative', 1), warn);
  updateProgress(path, (p) => recordHints(p, 'adam', 2), warn);
  const p = loadProgress(path, warn);
  expect(p.katas['sigmoid-derivative'].hintsShown).toBe(1);
  expect(p.katas.adam.hintsShown).toBe(2);
  expect(readdirSync(dir)).toEqual(['.progress.json']);
  expect(warnings).toEqual([]);
});

test('a corrupt progress file is set aside with a warning, and progress starts afresh', () => {
  const dir = folder();
  const path = join(dir, '.progress.json');
  writeFileSync(path, '{"version": 1, "katas": {"adam": ');
  const now = new Date(2025, 2, 1, 14, 5, 9);
  const { warnings, warn } = collect();
  expect(loadProgress(path, warn, now)).toEqual(emptyProgress());
  expect(existsSync(path)).toBe(false);
  const aside = join(dir, '.progress.json.corrupt-2025-03-01T14-05-09');
  expect(readFileSync(aside, 'utf8')).toBe('{"version": 1, "katas": {"adam": ');
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('could not be read: it is not valid JSON');
  expect(warnings[0]).toContain('moved to .progress.json.corrupt-2025-03-01T14-05-09');
});

/**
 * A progress file that cannot be written only warns. Its path runs through a regular file, so
 * the write fails (ENOTDIR) for every user, root included (CI runs as root, which permissions
 * cannot stop). A read that fails is the next test's.
 */
test('a progress file that cannot be written only warns', () => {
  const blocker = join(folder(), 'not-a-folder');
  writeFileSync(blocker, 'a file where a folder should be');
  const { warnings, warn } = collect();
  saveProgress(join(blocker, '.progress.json'), emptyProgress(), warn);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('Could not save your progress');
});

test('a folder where the progress file should be is reported, not thrown', () => {
  const dir = folder();
  mkdirSync(join(dir, '.progress.json'));
  const { warnings, warn } = collect();
  expect(loadProgress(join(dir, '.progress.json'), warn)).toEqual(emptyProgress());
  expect(warnings[0]).toContain('Could not read your progress file');
});

test('file stamps sort in time order', () => {
  expect(fileStamp(new Date(2025, 0, 2, 3, 4, 5))).toBe('2025-01-02T03-04-05');
  expect(fileStamp(new Date(2025, 10, 20, 13, 14, 15))).toBe('2025-11-20T13-14-15');
});

test('a state folder that does not exist yet is made on the first save', () => {
  const path = join(folder(), 'not', 'yet', '.progress.json');
  const { warnings, warn } = collect();
  saveProgress(path, recordHints(emptyProgress(), 'k', 1), warn);
  expect(warnings).toEqual([]);
  expect(loadProgress(path, warn).katas.k.hintsShown).toBe(1);
});
