/**
 * The command-line entry: `tsx grader/main.ts <command> [args]`, run by the npm scripts.
 * Thin on purpose: each command is a module under commands/ over the tested cores.
 */
import { pathToFileURL } from 'node:url';
import { gradeCommand } from './commands/grade.ts';
import { processIo, type Io } from './io.ts';

type Command = (argv: string[], io: Io) => Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  grade: { run: gradeCommand, usage: 'npm run grade [-- <kata>…] [--solutions] [--json]' },
};

function usage(): string {
  return ['Commands:', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    io.err(name === undefined ? usage() : `Unknown command "${name}".\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    // Bad arguments and unreadable files: one clear line, never a stack.
    io.err(error instanceof Error ? error.message : String(error));
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}
