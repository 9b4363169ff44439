/**
 * The original stub of a kata, as the course shipped it, read from git history.
 *
 * Not `git show HEAD:<path>`: a learner who commits their work would get their own code back.
 * Instead: the file's versions in history, newest first, and the newest one that is still a
 * stub, i.e. has at least as many `throw new Error('not implemented…')` as the version that
 * first added the file. The course adds a stub untouched, so that first version is the
 * baseline; later course fixes (a clearer doc comment, one more function) keep or add throws
 * and are taken, while a learner's commit replaces a throw by code and is skipped.
 */
import { execFileSync } from 'node:child_process';
import { relative, sep } from 'node:path';

export interface FileVersion {
  commit: string;
  content: string;
}

const NOT_IMPLEMENTED = /throw\s+new\s+Error\(\s*['"`]not implemented/g;

/** How many stub bodies (`throw new Error('not implemented…')`) a source has. */
export function stubThrows(source: string): number {
  return source.match(NOT_IMPLEMENTED)?.length ?? 0;
}

/**
 * Given a file's versions newest first (the last one added the file), the newest version that
 * is an untouched stub, or undefined when even the first version has no stub bodies.
 */
export function choosePristine(newestFirst: readonly FileVersion[]): FileVersion | undefined {
  const first = newestFirst[newestFirst.length - 1];
  if (first === undefined) return undefined;
  const baseline = stubThrows(first.content);
  if (baseline === 0) return undefined;
  return newestFirst.find((v) => stubThrows(v.content) >= baseline);
}

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 16 * 1024 * 1024,
  });
}

export type PristineLookup = { found: FileVersion } | { error: string };

/** The original stub at `path` (absolute, inside the git work tree `root`). */
export function findPristineStub(path: string, root: string): PristineLookup {
  const rel = relative(root, path).split(sep).join('/');
  try {
    git(root, ['rev-parse', '--git-dir']);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed' : 'this folder is not a git clone';
    return { error: `the original of ${rel} is read from git history, but ${reason}.` };
  }
  let commits: string[] = [];
  try {
    commits = git(root, ['log', '--format=%H', '--', rel]).split('\n').filter(Boolean);
  } catch {
    // A repository without any commit yet: no history, as below.
  }
  if (commits.length === 0) return { error: `${rel} is not in git history (it was never committed).` };

  // Read the first version, then walk from the newest: usually the newest is the one. A commit
  // that deleted the file has no version of it and is passed over.
  const read = (commit: string): FileVersion | undefined => {
    try {
      return { commit, content: git(root, ['show', `${commit}:./${rel}`]) };
    } catch {
      return undefined;
    }
  };
  const first = read(commits[commits.length - 1]);
  if (first === undefined || stubThrows(first.content) === 0) {
    return { error: `the first committed version of ${rel} is not a stub (it has no "not implemented" bodies).` };
  }
  for (const commit of commits.slice(0, -1)) {
    const version = read(commit);
    if (version !== undefined && choosePristine([version, first]) === version) return { found: version };
  }
  return { found: first };
}
