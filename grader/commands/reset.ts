/**
 * `npm run reset -- <kata>`: puts back the kata's original stub. The learner's file is first
 * copied to `.backups/<kata>/<file>.<time>.ts`, and the command says where.
 */
import { isAbsolute, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { resetToStub } from '../core/backup.ts';
import { loadKatas, type Kata } from '../core/manifest.ts';
import { repoRoot } from '../core/paths.ts';
import { backupsDir } from '../core/progress-store.ts';
import type { Io } from '../io.ts';
import { cli } from '../messages/cli.ts';
import { pickKata, relativeStub } from './learner.ts';

/** Reset one kata and say what happened. True when the stub is in place afterwards. */
export function resetKata(kata: Kata, io: Io, now = new Date()): boolean {
  const s = io.style;
  const stub = relativeStub(kata);
  const outcome = resetToStub(kata, { backupsDir: backupsDir(io.env), now });
  switch (outcome.kind) {
    case 'unchanged':
      io.out(cli.alreadyOriginal(stub));
      return true;
    case 'no-original':
      io.err(cli.cannotReset(stub, outcome.reason));
      return false;
    case 'reset': {
      if (outcome.backup === undefined) {
        io.out(s.green(cli.stubWasMissing(stub)));
        return true;
      }
      // Relative when inside the repository (the usual .backups/), else the full path.
      const inside = relative(repoRoot, outcome.backup);
      const backup = inside.startsWith('..') || isAbsolute(inside) ? outcome.backup : inside;
      io.out(cli.savedTo(s.green(cli.savedYourFile), s.bold(backup)));
      io.out(cli.originalAgain(stub));
      io.out(s.dim(cli.getYoursBack(backup, stub)));
      return true;
    }
  }
}

export async function resetCommand(argv: string[], io: Io): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const kata = pickKata(loadKatas(), positionals, io, 'reset', false);
  if (!kata) return 2;
  return resetKata(kata, io) ? 0 : 1;
}
